import "server-only";
import { Prisma } from "@/server/generated/prisma/client";
import type { PairToCompute } from "./compute-pair-days";

type Tx = Pick<Prisma.TransactionClient, "$queryRaw">;

/**
 * A row written by a transaction that began before the last run but committed after its snapshot
 * carries an updatedAt before that run's start: rows are looked for from this long before it, so
 * such a row is never missed. Those the last run did see are told apart by their transaction (see
 * LastRun), so the overlap recomputes nothing twice.
 */
export const CHANGE_OVERLAP_MS = 5 * 60_000;

/**
 * What the last run saw: its start (the clock's) and its snapshot's xmin (pg_snapshot_xmin, a
 * 64-bit transaction id): every transaction below it had ended when the run read the rows. Null
 * for a run before it was kept: then every row of the overlap counts as changed.
 */
export type LastRun = { at: Date; xmin: bigint | null };

const XID_SPAN = 4294967296n;

/**
 * Rows the last run did not see: written at or after its start, or in the overlap by a transaction
 * not below its snapshot's xmin. A row's xmin is the 32-bit id of the transaction that wrote its
 * current version (2 once frozen: taken as unseen); compared with the run's xmin modulo 2^32, which
 * is exact for transactions this close to it (minutes, not 2^31 transactions, apart).
 */
function unseen(alias: string, last: LastRun): Prisma.Sql {
  const row = Prisma.raw(alias);
  if (last.xmin === null) return Prisma.sql`TRUE`;
  return Prisma.sql`(${row}."updatedAt" >= ${last.at} OR ${row}.xmin::text::bigint < 3
    OR (${row}.xmin::text::bigint - ${last.xmin % XID_SPAN} + ${XID_SPAN + XID_SPAN / 2n}) % ${XID_SPAN} >= ${XID_SPAN / 2n})`;
}

/**
 * The days a run after `last` recomputes (YYYY-MM-DD in the property's zone), the incremental rule:
 * - the day of every store order written since (new, updated, cancelled, deleted: ingest and
 *   soft deletion set updatedAt), and every day its id or name is reported on (an order that
 *   appears or goes moves its transaction between its day and the transaction's own);
 * - the day of every analytics row written since, and the day of the order its transaction id
 *   names (a matched transaction counts on its order's day);
 * - the days not yet final (`now` decides, as for computePairDays), when one of them lost a row the
 *   last run counted: the analytics side re-reads its recent days and drops rows it no longer
 *   reports, which leaves no row behind to find; a day keeps how many rows it had
 *   (ReconciliationDay.analyticsRows), and the rows still there unchanged since are fewer. All of
 *   them then, since a dropped transaction may have counted on another day (its order's);
 * - a day stored as not final that is final by now, to be stored so.
 * The lookups use the (connectionId, updatedAt) indexes and the days' ranges, so a sync's few days
 * cost milliseconds.
 */
export async function changedDays(tx: Tx, pair: PairToCompute, last: LastRun, now: Date): Promise<string[]> {
  const { workspaceId: ws, storeConnectionId: store, analyticsConnectionId: analytics, timeZone: tz } = pair;
  const from = new Date(last.at.getTime() - CHANGE_OVERLAP_MS);
  const orderOf = (column: Prisma.Sql) => Prisma.sql`SELECT (o."processedAt" AT TIME ZONE ${tz})::date AS day FROM changed_rows a JOIN "Order" o
      ON o."workspaceId" = ${ws} AND o."connectionId" = ${store} AND ${column}`;
  // The first day not final: it ends less than 72 hours before `now` (the rule in computePairDays).
  // Rows are counted from the day before, lest a daylight saving change leave its last hour out.
  const firstOpen = Prisma.sql`((${now}::timestamptz - interval '72 hours') AT TIME ZONE ${tz})::date`;
  const rows = await tx.$queryRaw<{ day: string }[]>`
    WITH changed_orders AS (
      SELECT o."processedAt", o."externalId", o.name FROM "Order" o
      WHERE o."connectionId" = ${store} AND o."workspaceId" = ${ws} AND o."updatedAt" > ${from} AND ${unseen("o", last)}),
    changed_rows AS MATERIALIZED (
      SELECT a.date, a."transactionId" AS tid FROM "AnalyticsPurchase" a
      WHERE a."connectionId" = ${analytics} AND a."workspaceId" = ${ws} AND a."updatedAt" > ${from} AND ${unseen("a", last)}),
    open_days AS MATERIALIZED (
      SELECT coalesce(s.date, n.date) AS date, coalesce(s.rows, 0) AS rows, coalesce(n.rows, 0) - coalesce(c.rows, 0) AS kept FROM
        (SELECT d.date, d."analyticsRows" AS rows FROM "ReconciliationDay" d WHERE d."pairId" = ${pair.id} AND d.date >= ${firstOpen} - 1) s
        FULL JOIN (SELECT a.date, count(*) AS rows FROM "AnalyticsPurchase" a
          WHERE a."workspaceId" = ${ws} AND a."connectionId" = ${analytics} AND a.date >= ${firstOpen} - 1 GROUP BY a.date) n ON n.date = s.date
        LEFT JOIN (SELECT date, count(*) AS rows FROM changed_rows GROUP BY date) c ON c.date = coalesce(s.date, n.date))
    SELECT DISTINCT day::text AS day FROM (
      SELECT (o."processedAt" AT TIME ZONE ${tz})::date AS day FROM changed_orders o
      UNION SELECT a.date FROM changed_orders o JOIN "AnalyticsPurchase" a ON a."connectionId" = ${analytics} AND a."workspaceId" = ${ws}
        AND a."transactionId" IN (o."externalId", o.name, ltrim(o.name, '#'))
      UNION SELECT date FROM changed_rows
      UNION ${orderOf(Prisma.sql`o."externalId" = a.tid`)}
      UNION ${orderOf(Prisma.sql`o."nameLower" IN (lower(a.tid), '#' || lower(a.tid))`)}
      UNION SELECT date FROM open_days WHERE EXISTS (SELECT 1 FROM open_days WHERE kept <> rows)
      UNION SELECT d.date FROM "ReconciliationDay" d WHERE d."pairId" = ${pair.id} AND NOT d.final AND d.date < ${firstOpen}) changed
    ORDER BY day`;
  return rows.map((row) => row.day);
}
