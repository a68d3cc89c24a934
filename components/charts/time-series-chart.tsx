"use client";

import { Bar, BarChart, CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis, type TooltipContentProps } from "recharts";
import type { NameType, ValueType } from "recharts/types/component/DefaultTooltipContent";
import { useFormats } from "@/components/ui/formats";
import { formatTick, type ChartPoint, type ChartSeries, type ChartUnit } from "./chart-data";

// Series colours, in order: the theme's primary first, then hues that stay apart for the common
// kinds of colour blindness (app/globals.css, lighter in dark mode); the table (ChartFigure)
// carries the same figures without colour.
const COLOURS = ["var(--color-primary)", "var(--chart-2)", "var(--chart-3)", "var(--chart-4)"];

/**
 * Points over time as lines or bars. Keyboard: the chart takes focus and the arrow keys move from
 * point to point, showing each one's figures (Recharts' accessibility layer); its name says what
 * it shows, and `ChartFigure` offers the same figures as a table.
 */
export function TimeSeriesChart({
  kind,
  label,
  points,
  series,
  unit,
  height = 240,
}: {
  kind: "line" | "bar";
  /** The chart's accessible name: what it shows, for whom, over which period. */
  label: string;
  points: readonly ChartPoint[];
  series: readonly ChartSeries[];
  unit: ChartUnit;
  height?: number;
}) {
  const { locale } = useFormats();
  const data = points.map((point) => ({ label: point.label, ...point.values }));
  const Chart = kind === "line" ? LineChart : BarChart;
  return (
    <div style={{ height }}>
      <ResponsiveContainer width="100%" height="100%">
        <Chart data={data} accessibilityLayer aria-label={label} title={label} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid vertical={false} stroke="var(--color-border)" />
          <XAxis dataKey="label" tickLine={false} axisLine={false} fontSize={12} minTickGap={16} stroke="var(--color-muted-foreground)" />
          <YAxis tickLine={false} axisLine={false} fontSize={12} width={64} stroke="var(--color-muted-foreground)" tickFormatter={(value: number) => formatTick(value, unit, locale)} domain={unit.kind === "percent" ? [0, 1] : undefined} />
          <Tooltip content={(props: TooltipContentProps<ValueType, NameType>) => <PointTooltip active={props.active} label={props.label} points={points} series={series} />} />
          {series.map((s, i) =>
            kind === "line" ? (
              <Line key={s.key} type="monotone" dataKey={s.key} name={s.label} stroke={COLOURS[i % COLOURS.length]} strokeWidth={2} dot={points.length <= 31} connectNulls={false} isAnimationActive={false} />
            ) : (
              <Bar key={s.key} dataKey={s.key} name={s.label} fill={COLOURS[i % COLOURS.length]} radius={[3, 3, 0, 0]} isAnimationActive={false} />
            ),
          )}
        </Chart>
      </ResponsiveContainer>
    </div>
  );
}

/** The focused point's figures as people read them (exact amounts), not the drawn numbers. */
function PointTooltip({ active, label, points, series }: { active?: boolean; label?: unknown; points: readonly ChartPoint[]; series: readonly ChartSeries[] }) {
  const point = active ? points.find((p) => p.label === label) : undefined;
  if (!point) return null;
  return (
    <div className="rounded-md border bg-surface px-3 py-2 text-xs shadow-sm">
      <p className="font-medium">{point.label}</p>
      {series.map((s) => (
        <p key={s.key} className="tabular-nums">
          {s.label}: {point.display[s.key] ?? "—"}
        </p>
      ))}
    </div>
  );
}
