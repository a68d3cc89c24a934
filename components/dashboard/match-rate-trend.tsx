"use client";

import { ChartFigure } from "@/components/charts/chart-figure";
import type { ChartPoint } from "@/components/charts/chart-data";
import { ChartTable } from "@/components/charts/chart-table";
import { TimeSeriesChart } from "@/components/charts/time-series-chart";
import { EmptyState } from "@/components/ui/empty-state";
import { useFormat } from "@/components/ui/formats";
import type { MatchRatePoint } from "./overview-types";
import { rateLabel } from "./format";

const SERIES = [{ key: "matchRate", label: "Match rate" }];
const TABLE_SERIES = [...SERIES, { key: "matched", label: "Matched orders" }];

/** How many of the stores' orders the analytics property recorded, per day. */
export function MatchRateTrend({ points }: { points: MatchRatePoint[] }) {
  const format = useFormat();
  if (points.length === 0) {
    return <EmptyState title="No reconciliation yet" description="Once an analytics property is reconciled with a store, the share of orders it recorded shows here." className="py-8" />;
  }
  const chartPoints: ChartPoint[] = points.map((p) => ({
    label: format.day(p.date, { year: false }),
    values: { matchRate: p.matchRate === null ? null : Number(p.matchRate) },
    display: { matchRate: rateLabel(p.matchRate), matched: `${format.quantity(p.matched)} of ${format.quantity(p.storeOrders)}` },
  }));
  const title = "Analytics match rate, by day";
  return (
    <ChartFigure
      title={title}
      description="Orders the analytics property recorded, out of the store's orders."
      testId="overview-match-rate"
      chart={<TimeSeriesChart kind="line" label={title} points={chartPoints} series={SERIES} unit={{ kind: "percent" }} />}
      table={<ChartTable caption={title} axisLabel="Day" points={chartPoints} series={TABLE_SERIES} />}
    />
  );
}
