import "server-only";
import { Prisma } from "@/server/generated/prisma/client";
import { overviewPart } from "./overview-part";
import { bucketsOf, type ResolvedPeriod } from "./overview-period";

// The overview's sales figures, read from the daily rollups only (never the orders): a period is
// a few rows per store and day. Money stays decimal: sums in SQL, changes with Prisma's Decimal,
// strings out. Amounts of different currencies are never added: every figure has its currency.

export type SalesFigures = { revenue: string; orders: number; averageOrderValue: string | null; refunds: number; refunded: string; units: number };
/** Percent change against the previous period, one decimal; null when the previous figure was zero. */
export type SalesChanges = { revenue: string | null; orders: string | null; averageOrderValue: string | null; refunds: string | null; refunded: string | null; units: string | null };
export type SalesTotals = { connectionId: string | null; currency: string; current: SalesFigures; previous: SalesFigures; change: SalesChanges };

type Scope = { workspaceId: string; connectionId?: string };
const storeFilter = (scope: Scope) => (scope.connectionId ? Prisma.sql`AND r."connectionId" = ${scope.connectionId}` : Prisma.empty);
const day = (value: string) => Prisma.sql`${value}::date`;

type TotalsRow = {
  connectionId: string | null;
  currency: string;
  all_stores: boolean;
  revenue: string; orders: number; refunds: number; refunded: string; units: number;
  previous_revenue: string; previous_orders: number; previous_refunds: number; previous_refunded: string; previous_units: number;
};

/** Per store and currency, and per currency over the stores (connectionId null), this period and the previous. */
export function salesTotals(scope: Scope, period: ResolvedPeriod) {
  const current = Prisma.sql`r.day >= ${day(period.from)}`;
  const sql = Prisma.sql`
    SELECT r."connectionId", r.currency, GROUPING(r."connectionId") = 1 AS all_stores,
      coalesce(sum(r."grossSales") FILTER (WHERE ${current}), 0)::text AS revenue,
      coalesce(sum(r.orders) FILTER (WHERE ${current}), 0)::int AS orders,
      coalesce(sum(r.refunds) FILTER (WHERE ${current}), 0)::int AS refunds,
      coalesce(sum(r.refunded) FILTER (WHERE ${current}), 0)::text AS refunded,
      coalesce(sum(r.units) FILTER (WHERE ${current}), 0)::int AS units,
      coalesce(sum(r."grossSales") FILTER (WHERE NOT ${current}), 0)::text AS previous_revenue,
      coalesce(sum(r.orders) FILTER (WHERE NOT ${current}), 0)::int AS previous_orders,
      coalesce(sum(r.refunds) FILTER (WHERE NOT ${current}), 0)::int AS previous_refunds,
      coalesce(sum(r.refunded) FILTER (WHERE NOT ${current}), 0)::text AS previous_refunded,
      coalesce(sum(r.units) FILTER (WHERE NOT ${current}), 0)::int AS previous_units
    FROM "DailySalesRollup" r
    WHERE r."workspaceId" = ${scope.workspaceId} AND r.day BETWEEN ${day(period.previous.from)} AND ${day(period.to)} ${storeFilter(scope)}
    GROUP BY GROUPING SETS ((r.currency, r."connectionId"), (r.currency))
    ORDER BY r.currency, all_stores DESC, r."connectionId"`;
  return overviewPart(sql, (rows: TotalsRow[]): SalesTotals[] =>
    rows.map((row) => {
      const now = figures(row.revenue, row.orders, row.refunds, row.refunded, row.units);
      const before = figures(row.previous_revenue, row.previous_orders, row.previous_refunds, row.previous_refunded, row.previous_units);
      return { connectionId: row.all_stores ? null : row.connectionId, currency: row.currency, current: now, previous: before, change: changes(now, before) };
    }),
  );
}

function figures(revenue: string, orders: number, refunds: number, refunded: string, units: number): SalesFigures {
  const average = orders > 0 ? new Prisma.Decimal(revenue).dividedBy(orders).toDecimalPlaces(2).toFixed(2) : null;
  return { revenue: new Prisma.Decimal(revenue).toFixed(), orders, averageOrderValue: average, refunds, refunded: new Prisma.Decimal(refunded).toFixed(), units };
}

function change(now: string | number | null, before: string | number | null): string | null {
  if (now === null || before === null || new Prisma.Decimal(before).isZero()) return null;
  return new Prisma.Decimal(now).minus(before).times(100).dividedBy(before).toDecimalPlaces(1).toFixed(1);
}

function changes(now: SalesFigures, before: SalesFigures): SalesChanges {
  return {
    revenue: change(now.revenue, before.revenue),
    orders: change(now.orders, before.orders),
    averageOrderValue: change(now.averageOrderValue, before.averageOrderValue),
    refunds: change(now.refunds, before.refunds),
    refunded: change(now.refunded, before.refunded),
    units: change(now.units, before.units),
  };
}

export type SalesPoint = { bucket: string; revenue: string; orders: number; refunded: string; units: number };
export type SalesSeries = { currency: string; points: SalesPoint[] };

/** Revenue, orders, refunds and units per day or week of the period, one series per currency. */
export function salesSeries(scope: Scope, period: ResolvedPeriod) {
  const bucket = period.bucket === "week" ? Prisma.sql`date_trunc('week', r.day)::date` : Prisma.sql`r.day`;
  const sql = Prisma.sql`
    SELECT ${bucket} AS bucket, r.currency, sum(r."grossSales")::text AS revenue, sum(r.orders)::int AS orders, sum(r.refunded)::text AS refunded, sum(r.units)::int AS units
    FROM "DailySalesRollup" r
    WHERE r."workspaceId" = ${scope.workspaceId} AND r.day BETWEEN ${day(period.from)} AND ${day(period.to)} ${storeFilter(scope)}
    GROUP BY 1, 2`;
  return overviewPart(sql, (rows: { bucket: string; currency: string; revenue: string; orders: number; refunded: string; units: number }[]): SalesSeries[] => {
    const byCurrency = new Map<string, Map<string, SalesPoint>>();
    for (const row of rows) {
      const points = byCurrency.get(row.currency) ?? new Map<string, SalesPoint>();
      points.set(row.bucket, { bucket: row.bucket, revenue: new Prisma.Decimal(row.revenue).toFixed(), orders: row.orders, refunded: new Prisma.Decimal(row.refunded).toFixed(), units: row.units });
      byCurrency.set(row.currency, points);
    }
    const buckets = bucketsOf(period);
    return [...byCurrency.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currency, points]) => ({
        currency,
        points: buckets.map((bucketDay) => points.get(bucketDay) ?? { bucket: bucketDay, revenue: "0", orders: 0, refunded: "0", units: 0 }),
      }));
  });
}
