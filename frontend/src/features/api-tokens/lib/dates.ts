/** Dates the Québec way, 2020-10-14, in Québec's time zone; times as 14:05. */
const zone = "America/Toronto";
const dateFormat = new Intl.DateTimeFormat("en-CA", {
  timeZone: zone,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});
const timeFormat = new Intl.DateTimeFormat("en-CA", {
  timeZone: zone,
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

function parts(format: Intl.DateTimeFormat, date: Date): Record<string, string> {
  return Object.fromEntries(format.formatToParts(date).map((part) => [part.type, part.value]));
}

/** The Québec calendar day of an instant. */
export function formatDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  const p = parts(dateFormat, date);
  return `${p.year}-${p.month}-${p.day}`;
}

/** The day and the time, in Québec. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  const p = parts(timeFormat, date);
  return `${formatDate(iso)} ${p.hour}:${p.minute}`;
}

/** Today in Québec, plus months and days, as YYYY-MM-DD (the bounds of an expiry date). */
export function quebecDay(now: Date, { months = 0, days = 0 }: { months?: number; days?: number } = {}): string {
  const p = parts(dateFormat, now);
  const day = new Date(Date.UTC(Number(p.year), Number(p.month) - 1 + months, Number(p.day) + days));
  return day.toISOString().slice(0, 10);
}
