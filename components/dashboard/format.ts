const DAY_LABEL = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
const DAY_LONG = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

/** A calendar day (YYYY-MM-DD, already in the workspace's zone) as "8 Mar". */
export const dayLabel = (day: string) => DAY_LABEL.format(new Date(`${day}T00:00:00Z`));
export const dayLong = (day: string) => DAY_LONG.format(new Date(`${day}T00:00:00Z`));

/** A series point: a day, or the week starting that Monday. */
export const bucketLabel = (bucket: string, kind: "day" | "week") => (kind === "week" ? `Week of ${dayLabel(bucket)}` : dayLabel(bucket));

/** A percent change as "+12.5%" / "−3.0%"; "—" when there is nothing to compare with. */
export function changeLabel(change: string | null): string {
  if (change === null) return "—";
  return change.startsWith("-") ? `−${change.slice(1)}%` : `+${change}%`;
}

/** A 0–1 rate as a percentage with one decimal (a ratio for reading, not money). */
export const rateLabel = (rate: string | null) => (rate === null ? "—" : `${(Number(rate) * 100).toFixed(1)}%`);
