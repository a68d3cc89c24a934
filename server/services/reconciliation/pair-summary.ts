import "server-only";
import type { WorkspaceDb } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";
import { calendarDay } from "@/server/services/accounting/calendar-day";
import type { MatchRatePoint } from "./schema";

/** How many of a pair's latest days its sparkline shows. */
export const SPARKLINE_DAYS = 30;

/** A day's match rate as the chart and sparkline show it, judged against the threshold in exact decimals. */
export function matchRatePoint(day: { date: Date; matchRate: Prisma.Decimal | null; final: boolean }, threshold: Prisma.Decimal): MatchRatePoint {
  return { date: calendarDay(day.date), matchRate: day.matchRate?.toString() ?? null, final: day.final, belowThreshold: day.matchRate !== null && day.matchRate.lessThan(threshold) };
}

export type ReconciliationPairSummary = {
  id: string;
  store: { id: string; displayName: string; provider: string };
  analytics: { id: string; displayName: string; provider: string };
  timeZone: string;
  toleranceMinorUnits: number;
  lastComputedAt: Date | null;
  /** Set while the pair is alerting (its latest final day below the threshold). */
  alertingSince: Date | null;
  alertDate: string | null;
  /** The newest computed day, final or not. */
  latest: MatchRatePoint | null;
  /** The latest days, oldest first. */
  sparkline: MatchRatePoint[];
};

const connection = { select: { id: true, displayName: true, provider: true } } as const;

/** The workspace's pairs (or the one named), oldest first, each with its latest days. */
export async function pairSummaries(wdb: WorkspaceDb, threshold: Prisma.Decimal, pairId?: string): Promise<ReconciliationPairSummary[]> {
  const pairs = await wdb.reconciliationPair.findMany({
    where: pairId ? { id: pairId } : {},
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    include: { storeConnection: connection, analyticsConnection: connection },
  });
  // One small query per pair (a workspace has a handful), each on the (pairId, date) key.
  const latestDays = await Promise.all(
    pairs.map((pair) =>
      wdb.reconciliationDay.findMany({ where: { pairId: pair.id }, orderBy: { date: "desc" }, take: SPARKLINE_DAYS, select: { date: true, matchRate: true, final: true } }),
    ),
  );
  return pairs.map((pair, index) => {
    const sparkline = latestDays[index]!.map((day) => matchRatePoint(day, threshold)).reverse();
    return {
      id: pair.id,
      store: pair.storeConnection,
      analytics: pair.analyticsConnection,
      timeZone: pair.timeZone,
      toleranceMinorUnits: pair.toleranceMinorUnits,
      lastComputedAt: pair.lastComputedAt,
      alertingSince: pair.alertingSince,
      alertDate: calendarDay(pair.alertDate),
      latest: sparkline.at(-1) ?? null,
      sparkline,
    };
  });
}
