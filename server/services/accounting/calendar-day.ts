// Accounting dates are calendar days (PostgreSQL `date`, read as UTC midnight). They leave the
// services as "YYYY-MM-DD" so no timezone can move them to the day before.
export function calendarDay(value: Date): string;
export function calendarDay(value: Date | null): string | null;
export function calendarDay(value: Date | null): string | null {
  return value === null ? null : value.toISOString().slice(0, 10);
}
