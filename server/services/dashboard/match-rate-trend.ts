import "server-only";
import { Prisma } from "@/server/generated/prisma/client";
import { overviewPart } from "./overview-part";
import type { ResolvedPeriod } from "./overview-period";

export type MatchRatePoint = { date: string; storeOrders: number; matched: number; /** matched / storeOrders, 0–1 with 6 decimals; null on a day without orders. */ matchRate: string | null };

/**
 * The analytics match rate per day of the period, over every reconciliation of the chosen stores
 * (matched and store orders add up across them). Days are the reconciliation's own (the analytics
 * property's zone). Empty until a reconciliation has run.
 */
export function matchRateTrend(scope: { workspaceId: string; connectionId?: string }, period: ResolvedPeriod) {
  const store = scope.connectionId ? Prisma.sql`AND p."storeConnectionId" = ${scope.connectionId}` : Prisma.empty;
  const sql = Prisma.sql`
    SELECT d.date, sum(d."storeOrders")::int AS "storeOrders", sum(d.matched)::int AS matched,
      round(sum(d.matched)::numeric / nullif(sum(d."storeOrders"), 0), 6)::text AS "matchRate"
    FROM "ReconciliationDay" d JOIN "ReconciliationPair" p ON p.id = d."pairId"
    WHERE d."workspaceId" = ${scope.workspaceId} AND p."workspaceId" = ${scope.workspaceId}
      AND d.date BETWEEN ${period.from}::date AND ${period.to}::date ${store}
    GROUP BY d.date
    ORDER BY d.date`;
  return overviewPart(sql, (rows: MatchRatePoint[]): MatchRatePoint[] =>
    rows.map((row) => ({ ...row, matchRate: row.matchRate === null ? null : new Prisma.Decimal(row.matchRate).toFixed(6) })),
  );
}
