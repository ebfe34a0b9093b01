/**
 * Dates and times the Québec way, 2020-10-14 and 2020-10-14 13:05, in Québec's time zone
 * (America/Toronto), whatever the browser's zone.
 *
 * An instant that cannot be read (not an ISO date-time) is shown as an empty string: a blank
 * cell says "unknown" without putting a raw value in a French sentence or a table.
 */
const quebecTime = new Intl.DateTimeFormat("en-CA", {
  timeZone: "America/Toronto",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

type Parts = Partial<Record<Intl.DateTimeFormatPartTypes, string>>;

function quebecParts(date: Date): Parts | null {
  if (Number.isNaN(date.getTime())) return null;
  const parts: Parts = {};
  for (const part of quebecTime.formatToParts(date)) parts[part.type] = part.value;
  return parts;
}

/** An instant (date-time) as its calendar day in Québec: 2020-10-14. */
export function formatDate(iso: string): string {
  const p = quebecParts(new Date(iso));
  return p ? `${p.year}-${p.month}-${p.day}` : "";
}

/** An instant as its day and time in Québec: 2020-10-14 13:05 (midnight is 00:00). */
export function formatDateTime(iso: string): string {
  const p = quebecParts(new Date(iso));
  return p ? `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}` : "";
}

/**
 * Whether a value is a real calendar day written YYYY-MM-DD (2020-10-14): 2026-02-30 is not.
 * Date inputs only ever give such a day; a hand-edited URL or a typed value may not.
 */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/**
 * Today in Québec, plus months and days, as YYYY-MM-DD: the value or a bound of a date input
 * (the closing date of a dossier, the expiry of an API token).
 */
export function quebecDay(
  now: Date = new Date(),
  { months = 0, days = 0 }: { months?: number; days?: number } = {},
): string {
  const p = quebecParts(now) ?? {};
  const day = new Date(Date.UTC(Number(p.year), Number(p.month) - 1 + months, Number(p.day) + days));
  return day.toISOString().slice(0, 10);
}
