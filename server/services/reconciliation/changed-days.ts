import "server-only";
import { Prisma } from "@/server/generated/prisma/client";
import type { PairToCompute } from "./compute-pair-days";

type Tx = Pick<Prisma.TransactionClient, "$queryRaw">;

/**
 * A row written by a transaction that began before the last run but committed after its snapshot
 * carries an updatedAt before that run's start: rows are looked for from this long before it, so
 * such a row is never missed (at the cost of recomputing a few days twice).
 */
export const CHANGE_OVERLAP_MS = 5 * 60_000;

/**
 * The days a run after `since` recomputes (YYYY-MM-DD in the property's zone), the incremental rule:
 * - the day of every store order written since (new, updated, cancelled, deleted: ingest and
 *   soft deletion set updatedAt), and every day its id or name is reported on (an order that
 *   appears or goes moves its transaction between its day and the transaction's own);
 * - the day of every analytics row written since, and the day of the order its transaction id
 *   names (a matched transaction counts on its order's day);
 * - every day not yet final: the analytics side re-reads its recent days and drops rows it no
 *   longer reports, which leaves no row behind to find (and those days become final in time).
 * Both lookups use the (connectionId, updatedAt) indexes, so a sync's few days cost milliseconds.
 */
export async function changedDays(tx: Tx, pair: PairToCompute, since: Date): Promise<string[]> {
  const { workspaceId: ws, storeConnectionId: store, analyticsConnectionId: analytics, timeZone: tz } = pair;
  const from = new Date(since.getTime() - CHANGE_OVERLAP_MS);
  const orderOf = (column: Prisma.Sql) => Prisma.sql`SELECT (o."processedAt" AT TIME ZONE ${tz})::date AS day FROM changed_rows a JOIN "Order" o
      ON o."workspaceId" = ${ws} AND o."connectionId" = ${store} AND ${column}`;
  const rows = await tx.$queryRaw<{ day: string }[]>`
    WITH changed_orders AS (
      SELECT o."processedAt", o."externalId", o.name FROM "Order" o
      WHERE o."connectionId" = ${store} AND o."workspaceId" = ${ws} AND o."updatedAt" > ${from}),
    changed_rows AS (
      SELECT a.date, a."transactionId" AS tid FROM "AnalyticsPurchase" a
      WHERE a."connectionId" = ${analytics} AND a."workspaceId" = ${ws} AND a."updatedAt" > ${from})
    SELECT DISTINCT day::text AS day FROM (
      SELECT (o."processedAt" AT TIME ZONE ${tz})::date AS day FROM changed_orders o
      UNION SELECT a.date FROM changed_orders o JOIN "AnalyticsPurchase" a ON a."connectionId" = ${analytics} AND a."workspaceId" = ${ws}
        AND a."transactionId" IN (o."externalId", o.name, ltrim(o.name, '#'))
      UNION SELECT date FROM changed_rows
      UNION ${orderOf(Prisma.sql`o."externalId" = a.tid`)}
      UNION ${orderOf(Prisma.sql`o."nameLower" IN (lower(a.tid), '#' || lower(a.tid))`)}
      UNION SELECT d.date FROM "ReconciliationDay" d WHERE d."pairId" = ${pair.id} AND NOT d.final) changed
    ORDER BY day`;
  return rows.map((row) => row.day);
}
