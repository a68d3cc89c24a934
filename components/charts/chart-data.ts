// What the chart pieces draw: points along an axis with one value per series. Values are numbers
// for drawing only; `display` holds each value as people read it (money formatted from its
// decimal string, exactly), for the tooltip and the table, so no figure shown has passed through a
// float.

export type ChartSeries = { key: string; label: string };

export type ChartPoint = {
  /** The axis label (a day, a week). */
  label: string;
  values: Record<string, number | null>;
  display: Record<string, string>;
};

/** How the value axis reads: money in one currency (never several on one axis), a count, or a rate. */
export type ChartUnit = { kind: "money"; currency: string } | { kind: "count" } | { kind: "percent" };

/** An axis tick, short, in the request's locale: "£1.2K", "340", "95%". */
export function formatTick(value: number, unit: ChartUnit, locale: string): string {
  if (unit.kind === "percent") return `${Math.round(value * 100)}%`;
  const count = () => new Intl.NumberFormat(locale, { notation: "compact" }).format(value);
  if (unit.kind === "count") return count();
  try {
    return new Intl.NumberFormat(locale, { style: "currency", currency: unit.currency, notation: "compact" }).format(value);
  } catch {
    return `${count()} ${unit.currency}`;
  }
}
