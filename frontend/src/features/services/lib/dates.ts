/** Dates are shown the Québec way, 2020-10-14, in the ministry's time zone. */
const timeZone = "America/Toronto";

const dateParts = new Intl.DateTimeFormat("en-CA", {
  timeZone,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

function parts(iso: string): Record<string, string> | null {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  const out: Record<string, string> = {};
  for (const part of dateParts.formatToParts(date)) out[part.type] = part.value;
  return out;
}

/** An instant (date-time) as its calendar day in Québec: 2020-10-14. */
export function formatDate(iso: string): string {
  const p = parts(iso);
  return p ? `${p.year}-${p.month}-${p.day}` : iso;
}

/** An instant as 2020-10-14 13:05, Québec time. */
export function formatDateTime(iso: string): string {
  const p = parts(iso);
  return p ? `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}` : iso;
}

/** Today's date in Québec (YYYY-MM-DD), e.g. as the lower bound of a date input. */
export function todayInQuebec(now: Date = new Date()): string {
  return formatDate(now.toISOString());
}
