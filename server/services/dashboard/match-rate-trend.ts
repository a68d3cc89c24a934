import "server-only";
import { db } from "@/server/db";
import { Prisma } from "@/server/generated/prisma/client";
import type { ResolvedPeriod } from "./overview-period";

export type MatchRatePoint = { date: string; storeOrders: number; matched: number; /** matched / storeOrders, 0–1 with 6 decimals; null on a day without orders. */ matchRate: string | null };

/**
 * The analytics match rate per day of the period, over every reconciliation of the chosen stores
 * (matched and store orders add up across them). Days are the reconciliation's own (the analytics
 * property's zone). Empty until a reconciliation has run.
 */
export async function matchRateTrend(scope: { workspaceId: string; connectionId?: string }, period: ResolvedPeriod): Promise<MatchRatePoint[]> {
  const store = scope.connectionId ? Prisma.sql`AND p."storeConnectionId" = ${scope.connectionId}` : Prisma.empty;
  const rows = await db.$queryRaw<{ date: Date; storeOrders: number; matched: number; matchRate: Prisma.Decimal | null }[]>`
    SELECT d.date, sum(d."storeOrders")::int AS "storeOrders", sum(d.matched)::int AS matched,
      round(sum(d.matched)::numeric / nullif(sum(d."storeOrders"), 0), 6) AS "matchRate"
    FROM "ReconciliationDay" d JOIN "ReconciliationPair" p ON p.id = d."pairId"
    WHERE d."workspaceId" = ${scope.workspaceId} AND p."workspaceId" = ${scope.workspaceId}
      AND d.date BETWEEN ${period.from}::date AND ${period.to}::date ${store}
    GROUP BY d.date
    ORDER BY d.date`;
  return rows.map((row) => ({
    date: row.date.toISOString().slice(0, 10),
    storeOrders: row.storeOrders,
    matched: row.matched,
    matchRate: row.matchRate === null ? null : new Prisma.Decimal(row.matchRate).toFixed(6),
  }));
}
