"use client";

import { ChartFigure } from "@/components/charts/chart-figure";
import type { ChartPoint } from "@/components/charts/chart-data";
import { ChartTable } from "@/components/charts/chart-table";
import { TimeSeriesChart } from "@/components/charts/time-series-chart";
import { useFormat, useFormats } from "@/components/ui/formats";
import type { SalesSeries } from "./overview-types";
import { bucketLabel } from "./format";

const REVENUE_SERIES = [
  { key: "revenue", label: "Revenue" },
  { key: "refunded", label: "Refunded" },
];

/** Revenue (and refunds) over the period, one chart per currency: amounts of two currencies never share an axis. */
export function RevenueCharts({ series, bucket }: { series: SalesSeries[]; bucket: "day" | "week" }) {
  const format = useFormat();
  const { locale } = useFormats();
  return series.map(({ currency, points }) => {
    const chartPoints: ChartPoint[] = points.map((p) => ({
      label: bucketLabel(p.bucket, bucket, locale),
      values: { revenue: Number(p.revenue), refunded: Number(p.refunded) },
      display: { revenue: format.money(p.revenue, currency), refunded: format.money(p.refunded, currency) },
    }));
    const title = `Revenue in ${currency}, by ${bucket}`;
    return (
      <ChartFigure
        key={currency}
        title={title}
        testId={`overview-revenue-chart-${currency}`}
        chart={<TimeSeriesChart kind="line" label={title} points={chartPoints} series={REVENUE_SERIES} unit={{ kind: "money", currency }} />}
        table={<ChartTable caption={title} axisLabel={bucket === "week" ? "Week" : "Day"} points={chartPoints} series={REVENUE_SERIES} />}
      />
    );
  });
}

const ORDER_SERIES = [
  { key: "orders", label: "Orders" },
  { key: "units", label: "Units" },
];

/** Orders and units over the period, over every currency (counts add up, amounts would not). */
export function OrdersChart({ series, bucket }: { series: SalesSeries[]; bucket: "day" | "week" }) {
  const format = useFormat();
  const { locale } = useFormats();
  const buckets = series[0]?.points.map((p) => p.bucket) ?? [];
  const chartPoints: ChartPoint[] = buckets.map((b, i) => {
    const orders = series.reduce((sum, s) => sum + s.points[i]!.orders, 0);
    const units = series.reduce((sum, s) => sum + s.points[i]!.units, 0);
    return { label: bucketLabel(b, bucket, locale), values: { orders, units }, display: { orders: format.quantity(orders), units: format.quantity(units) } };
  });
  const title = `Orders and units, by ${bucket}`;
  return (
    <ChartFigure
      title={title}
      testId="overview-orders-chart"
      chart={<TimeSeriesChart kind="bar" label={title} points={chartPoints} series={ORDER_SERIES} unit={{ kind: "count" }} />}
      table={<ChartTable caption={title} axisLabel={bucket === "week" ? "Week" : "Day"} points={chartPoints} series={ORDER_SERIES} />}
    />
  );
}
