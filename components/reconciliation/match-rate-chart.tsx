"use client";

import type { ChartPoint, ChartSeries } from "@/components/charts/chart-data";
import { ChartFigure } from "@/components/charts/chart-figure";
import { ChartTable } from "@/components/charts/chart-table";
import { TimeSeriesChart } from "@/components/charts/time-series-chart";
import { Card, CardContent } from "@/components/ui/card";
import type { MatchRatePoint } from "@/server/services/reconciliation/schema";
import { formatMatchRate } from "./reconciliation-labels";

const SERIES: ChartSeries[] = [
  { key: "rate", label: "Match rate" },
  { key: "threshold", label: "Threshold" },
];

// A pair's match rate per day, with the threshold drawn alongside it; the same days as a table
// behind "Show as table". A rate has six decimals, so the plotted float is exact enough to draw.
export function MatchRateChart({ points, threshold }: { points: MatchRatePoint[]; threshold: string }) {
  const chartPoints: ChartPoint[] = points.map((p) => ({
    label: p.date,
    values: { rate: p.matchRate === null ? null : Number(p.matchRate), threshold: Number(threshold) },
    display: { rate: `${formatMatchRate(p.matchRate)}${p.final ? "" : " (not final yet)"}`, threshold: formatMatchRate(threshold) },
  }));
  const range = points.length > 0 ? `${points[0]!.date} to ${points.at(-1)!.date}` : "no days";
  return (
    <Card>
      <CardContent>
        {points.length === 0 ? (
          <p className="text-sm text-muted-foreground">No days in this range.</p>
        ) : (
          <ChartFigure
            testId="match-rate-chart"
            title="Match rate by day"
            description={`The share of each day's orders analytics recorded, against the threshold of ${formatMatchRate(threshold)}. Days not final yet may still rise.`}
            chart={<TimeSeriesChart kind="line" label={`Match rate by day, ${range}`} points={chartPoints} series={SERIES} unit={{ kind: "percent" }} />}
            table={<ChartTable caption={`Match rate by day, ${range}`} axisLabel="Day" points={chartPoints} series={SERIES} />}
          />
        )}
      </CardContent>
    </Card>
  );
}
