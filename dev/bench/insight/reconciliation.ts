// bench:insight's reconciliation part: the seeded pair reconciled in full (target < 10 s), then,
// five times, one older day changed (an order's total and a GA4 row, as a sync would write them)
// and the pair reconciled incrementally (target < 200 ms each: finding the changed days, and
// recomputing them; the days not yet final only when one lost a GA4 row, which none here does).
import type { InsightBenchPart } from "./part";

const FULL_TARGET_S = 10;
const INCREMENTAL_TARGET_MS = 200;
const ROUNDS = 5;

export const run: InsightBenchPart = async ({ seed, log }) => {
  const { db } = await import("@/server/db");
  const { reconcilePair } = await import("@/server/services/reconciliation/reconcile-pair");

  let started = performance.now();
  const full = await reconcilePair(seed.pairId, { full: true });
  const fullSeconds = (performance.now() - started) / 1000;
  const totals = await db.reconciliationDay.aggregate({
    where: { pairId: seed.pairId },
    _sum: { storeOrders: true, matched: true, missingCount: true, analyticsTransactions: true, extraCount: true, mismatchCount: true, duplicateCount: true, notSetCount: true },
  });
  const sum = totals._sum;
  log(`full: ${full?.days} days, ${full?.issues} issues`);
  // What production's autovacuum would have done by the next sync: the full run's fresh rows
  // visible to index-only scans and the tables' statistics current, so the incremental rounds do
  // not pay for (or plan around) a just-written table.
  for (const table of ["ReconciliationDay", "ReconciliationIssue", "ReconciliationDayRevision", "ReconciliationPair"]) await db.$executeRawUnsafe(`VACUUM ANALYZE "${table}"`);

  const timings: number[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const day = new Date(seed.to.getTime() - (30 + round * 40) * 86_400_000).toISOString().slice(0, 10);
    await db.$executeRaw`UPDATE "Order" SET "totalPrice" = "totalPrice" + 1, "updatedAt" = now()
      WHERE id = (SELECT id FROM "Order" WHERE "connectionId" = ${seed.storeConnectionId} AND ("processedAt" AT TIME ZONE ${seed.timeZone})::date = ${day}::date AND NOT test AND "deletedAt" IS NULL ORDER BY id LIMIT 1)`;
    await db.$executeRaw`UPDATE "AnalyticsPurchase" SET revenue = revenue + 2, "updatedAt" = now()
      WHERE id = (SELECT id FROM "AnalyticsPurchase" WHERE "connectionId" = ${seed.analyticsConnectionId} AND date = ${day}::date ORDER BY id LIMIT 1)`;
    started = performance.now();
    const incremental = await reconcilePair(seed.pairId);
    timings.push(performance.now() - started);
    log(`incremental ${round}: ${incremental?.scopedDays} days recomputed, ${incremental?.revised} revised`);
  }
  const worst = Math.max(...timings);
  const median = [...timings].sort((a, b) => a - b)[Math.floor(timings.length / 2)]!;
  const matchRate = sum.storeOrders ? ((100 * (sum.matched ?? 0)) / sum.storeOrders).toFixed(2) : "-";
  console.log(`full reconciliation of ${seed.orders} orders × ${seed.analyticsRows} analytics rows: ${fullSeconds.toFixed(2)} s (target < ${FULL_TARGET_S} s) ${fullSeconds < FULL_TARGET_S ? "OK" : "OVER TARGET"}`);
  console.log(`incremental, one changed day: median ${median.toFixed(0)} ms, worst ${worst.toFixed(0)} ms of ${ROUNDS} (target < ${INCREMENTAL_TARGET_MS} ms) ${worst < INCREMENTAL_TARGET_MS ? "OK" : "OVER TARGET"}`);
  console.log(
    `store orders ${sum.storeOrders} = matched ${sum.matched} + missing ${sum.missingCount}; analytics ${sum.analyticsTransactions} = matched + extra ${sum.extraCount}; match rate ${matchRate} %; mismatches ${sum.mismatchCount}, duplicates ${sum.duplicateCount}, (not set) ${sum.notSetCount}`,
  );
};
