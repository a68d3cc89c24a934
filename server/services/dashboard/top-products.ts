import "server-only";
import { Prisma } from "@/server/generated/prisma/client";
import { overviewPart } from "./overview-part";
import { addDays, type ResolvedPeriod } from "./overview-period";

export type TopProduct = { connectionId: string; productKey: string; title: string; currency: string; units: number; revenue: string };

const TOP_PRODUCTS = 10;

/** The first day of `day`'s month. */
const monthOf = (day: string) => `${day.slice(0, 8)}01`;

/**
 * The period's whole calendar months, as [from, to) (first days of months), read from the monthly
 * rollup; the days before and after them from the daily one. None for a period within a month.
 */
export function wholeMonthsOf(period: Pick<ResolvedPeriod, "from" | "to">): { from: string; to: string } {
  const from = period.from === monthOf(period.from) ? period.from : monthOf(addDays(monthOf(period.from), 31));
  const to = monthOf(addDays(period.to, 1));
  return from < to ? { from, to } : { from: addDays(period.to, 1), to: addDays(period.to, 1) };
}

/**
 * The products that sold the most units in the period (units compare across currencies; revenue
 * does not), each with its title on its latest day in the period. Whole months come from
 * MonthlyProductRollup (a row per product and month), so a year reads a few thousand rows, not
 * one per product and day.
 */
export function topProducts(scope: { workspaceId: string; connectionId?: string }, period: ResolvedPeriod) {
  const months = wholeMonthsOf(period);
  const store = scope.connectionId ? Prisma.sql`AND r."connectionId" = ${scope.connectionId}` : Prisma.empty;
  const sql = Prisma.sql`
    WITH top AS (
      SELECT r."connectionId", r."productKey", r.currency, sum(r.units)::int AS units, sum(r.revenue) AS revenue
      FROM (
        SELECT r."connectionId", r."productKey", r.currency, r.units, r.revenue FROM "MonthlyProductRollup" r
        WHERE r."workspaceId" = ${scope.workspaceId} AND r.month >= ${months.from}::date AND r.month < ${months.to}::date ${store}
        UNION ALL
        SELECT r."connectionId", r."productKey", r.currency, r.units, r.revenue FROM "DailyProductRollup" r
        WHERE r."workspaceId" = ${scope.workspaceId} ${store}
          AND ((r.day >= ${period.from}::date AND r.day < ${months.from}::date) OR (r.day >= ${months.to}::date AND r.day <= ${period.to}::date))
      ) r
      GROUP BY r."connectionId", r."productKey", r.currency
      ORDER BY units DESC, r."productKey", r."connectionId", r.currency
      LIMIT ${TOP_PRODUCTS}
    )
    SELECT t."connectionId", t."productKey", t.currency, t.units, t.revenue::text AS revenue, (SELECT d.title FROM "DailyProductRollup" d
        WHERE d."workspaceId" = ${scope.workspaceId} AND d."connectionId" = t."connectionId" AND d.currency = t.currency AND d."productKey" = t."productKey"
          AND d.day BETWEEN ${period.from}::date AND ${period.to}::date
        ORDER BY d.day DESC LIMIT 1) AS title
    FROM top t
    ORDER BY t.units DESC, t."productKey", t."connectionId", t.currency`;
  return overviewPart(sql, (rows: TopProduct[]): TopProduct[] => rows.map((row) => ({ ...row, revenue: new Prisma.Decimal(row.revenue).toFixed() })));
}
