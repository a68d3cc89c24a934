import { formatDay } from "@/components/ui/format";

/** A series point (a day of the workspace's zone, or the week starting that Monday) as "Mar 8" / "Week of Mar 8". */
export function bucketLabel(bucket: string, kind: "day" | "week", locale: string): string {
  const day = formatDay(bucket, locale, { year: false });
  return kind === "week" ? `Week of ${day}` : day;
}

/** A percent change as "+12.5%" / "−3.0%"; "—" when there is nothing to compare with. */
export function changeLabel(change: string | null): string {
  if (change === null) return "—";
  return change.startsWith("-") ? `−${change.slice(1)}%` : `+${change}%`;
}

/** A 0–1 rate as a percentage with one decimal (a ratio for reading, not money). */
export const rateLabel = (rate: string | null) => (rate === null ? "—" : `${(Number(rate) * 100).toFixed(1)}%`);
