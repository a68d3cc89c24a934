// Calendar days as GA4 reports them: YYYY-MM-DD strings in the property's time zone, counted
// with UTC arithmetic (a day string has no zone of its own).

const DAY_MS = 86_400_000;

/** The day `now` falls on in `timeZone`. */
export function dayIn(timeZone: string, now: number): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

const epochOf = (day: string) => Date.parse(`${day}T00:00:00Z`);
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function addDays(day: string, days: number): string {
  return dayOf(epochOf(day) + days * DAY_MS);
}

/** The same day of the month `months` earlier (clamped by Date.UTC's overflow to the next month's first days). */
export function monthsBefore(day: string, months: number): string {
  const date = new Date(epochOf(day));
  return dayOf(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - months, date.getUTCDate()));
}

/** Days from `from` to `to`, both counted (0 when `to` is before `from`). */
export function daysFrom(from: string, to: string): number {
  return Math.max(0, Math.round((epochOf(to) - epochOf(from)) / DAY_MS) + 1);
}
