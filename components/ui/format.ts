// Dates arrive as Date objects (superjson). One fixed locale so the app reads the same in every
// browser; times are in the timezone of whoever renders them.
const DATE = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric" });
const DATE_TIME = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
});

export function formatDate(value: Date): string {
  return DATE.format(value);
}

export function formatDateTime(value: Date): string {
  return DATE_TIME.format(value);
}

const RELATIVE = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
const DAY_MS = 24 * 60 * 60 * 1000;

/** "in 6 days", "yesterday": for expiry dates. */
export function formatRelativeDays(value: Date, now = new Date()): string {
  return RELATIVE.format(Math.round((value.getTime() - now.getTime()) / DAY_MS), "day");
}
