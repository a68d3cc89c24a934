import "server-only";
import { db } from "@/server/db";
import { analyticsPropertyOf } from "./analytics-settings";
import { changedDays } from "./changed-days";
import { computePairDays, type ComputedDays, type DayScope, type PairToCompute } from "./compute-pair-days";

/**
 * Past this many changed days (a backfill, a re-read of months) one pass over everything is
 * cheaper than a lookup per order: the days are computed in full instead.
 */
export const MAX_INCREMENTAL_DAYS = 60;

export type ReconcilePairResult = ComputedDays & { full: boolean; scopedDays: number };

/**
 * Recomputes a pair's days: every day when `full` (asked by a person, after a tolerance change),
 * when the pair was never computed or when the property's time zone changed (its days moved);
 * otherwise only the days changed since the last run (changed-days.ts), unless they are many. One transaction at
 * repeatable read, so every statement sees the same rows; a run's start becomes lastComputedAt, its
 * snapshot's xmin lastComputedXmin (what the next run looks for changes from).
 * Answers null when the pair is gone.
 */
export async function reconcilePair(pairId: string, options: { full?: boolean; now?: Date } = {}): Promise<ReconcilePairResult | null> {
  // The clock the next run's changes are looked for from; `now` (tests) only decides which days are final.
  const startedAt = new Date();
  const now = options.now ?? startedAt;
  const stored = await db.reconciliationPair.findUnique({ where: { id: pairId }, include: { analyticsConnection: { select: { settings: true } } } });
  if (!stored) return null;
  const property = analyticsPropertyOf(stored.analyticsConnection.settings);
  const pair: PairToCompute = { ...stored, timeZone: property.timeZone, currency: property.currency };
  const asked = options.full === true || stored.lastComputedAt === null || stored.timeZone !== property.timeZone;
  return db.$transaction(
    async (tx) => {
      const changed = asked ? [] : await changedDays(tx, pair, { at: stored.lastComputedAt!, xmin: stored.lastComputedXmin }, now);
      const scope: DayScope = asked || changed.length > MAX_INCREMENTAL_DAYS ? { all: true } : { all: false, days: changed };
      const computed = await computePairDays(tx, pair, scope, now);
      // The snapshot is the transaction's (repeatable read), taken by its first statement. Updating
      // the pair's row also keeps a run from outliving its pair: a deletion since the snapshot fails
      // this statement and the run rolls back, so no issue is left without its pair (they carry no
      // foreign key to it: schema.prisma).
      await tx.$executeRaw`UPDATE "ReconciliationPair" SET "lastComputedAt" = ${startedAt}, "lastComputedXmin" = pg_snapshot_xmin(pg_current_snapshot())::text::bigint,
        "timeZone" = ${property.timeZone}, "updatedAt" = now() WHERE id = ${pair.id}`;
      return { ...computed, full: scope.all, scopedDays: scope.all ? computed.days + computed.removed : scope.days.length };
    },
    { isolationLevel: "RepeatableRead", timeout: 300_000, maxWait: 30_000 },
  );
}
