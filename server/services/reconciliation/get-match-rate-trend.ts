import "server-only";
import type { WorkspaceDb } from "@/server/db";
import { dayStart } from "./day-figures";
import { assertPairInWorkspace } from "./get-reconciliation-pair";
import { matchRateThreshold } from "./get-reconciliation-settings";
import { matchRatePoint } from "./pair-summary";
import { MAX_TREND_DAYS, type MatchRatePoint, type MatchRateTrendInput } from "./schema";

/** A pair's match rate per day, oldest first: the range's days (its latest MAX_TREND_DAYS), or the latest ones. */
export async function getMatchRateTrend(wdb: WorkspaceDb, input: MatchRateTrendInput): Promise<MatchRatePoint[]> {
  await assertPairInWorkspace(wdb, input.pairId);
  const threshold = (await matchRateThreshold(wdb)).value;
  const days = await wdb.reconciliationDay.findMany({
    where: { pairId: input.pairId, date: { ...(input.from ? { gte: dayStart(input.from) } : {}), ...(input.to ? { lte: dayStart(input.to) } : {}) } },
    orderBy: { date: "desc" },
    take: MAX_TREND_DAYS,
    select: { date: true, matchRate: true, final: true },
  });
  return days.map((day) => matchRatePoint(day, threshold)).reverse();
}
