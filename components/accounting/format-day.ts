// Accounting dates are calendar days ("2026-01-05"): formatted in UTC, where they were read, so no
// viewer's timezone shows the day before.
const DAY = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

export function formatDay(day: string | null): string {
  return day ? DAY.format(new Date(`${day}T00:00:00Z`)) : "—";
}
