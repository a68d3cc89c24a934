import type { OverviewPeriod } from "./schema";

/** Days are calendar days in the workspace's zone, as YYYY-MM-DD (what the rollups are keyed by). */
export type ResolvedPeriod = {
  from: string;
  to: string;
  days: number;
  /** The same number of days just before. */
  previous: { from: string; to: string };
  /** Points of the series: a day each up to PER_DAY_UP_TO days, else a week (from Monday). */
  bucket: "day" | "week";
};

const PRESET_DAYS: Record<Exclude<OverviewPeriod, "custom">, number> = { "7d": 7, "30d": 30, "90d": 90 };
const PER_DAY_UP_TO = 45;
const DAY_MS = 86_400_000;

export const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

// A formatter per zone, made once: constructing one costs more than the rest of a cached overview
// request's own work (about a millisecond on a loaded machine, every page view).
const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** Today in `timeZone`. */
export function todayIn(timeZone: string, now: Date): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    dayFormats.set(timeZone, format);
  }
  return format.format(now);
}

/** A preset ends today (in the workspace's zone) and counts today; a custom period is as given. */
export function resolvePeriod(input: { period: OverviewPeriod; from?: string; to?: string }, today: string): ResolvedPeriod {
  const to = input.period === "custom" ? input.to! : today;
  const from = input.period === "custom" ? input.from! : addDays(today, 1 - PRESET_DAYS[input.period]);
  const days = Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS) + 1;
  return { from, to, days, previous: { from: addDays(from, -days), to: addDays(from, -1) }, bucket: days > PER_DAY_UP_TO ? "week" : "day" };
}

/** Every point of the series from `from` to `to`, so days without sales show as zero. */
export function bucketsOf(period: Pick<ResolvedPeriod, "from" | "to" | "bucket">): string[] {
  const buckets: string[] = [];
  let day = period.bucket === "week" ? weekOf(period.from) : period.from;
  for (; day <= period.to; day = addDays(day, period.bucket === "week" ? 7 : 1)) buckets.push(day);
  return buckets;
}

/** The Monday of `day`'s ISO week (PostgreSQL's date_trunc('week')). */
export function weekOf(day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return addDays(day, -((weekday + 6) % 7));
}
