import "server-only";
import type { WorkspaceDb } from "@/server/db";
import { AppError } from "@/server/errors";
import { calendarDay } from "@/server/services/accounting/calendar-day";
import { readBreakdown } from "./breakdown";
import { dayFigures, dayStart } from "./day-figures";
import { getReconciliationPair } from "./get-reconciliation-pair";
import type { ReconciliationDayInput } from "./schema";

/** One day of a pair: its figures, the breakdown of its misses, and its earlier figures (newest first). */
export async function getReconciliationDay(wdb: WorkspaceDb, input: ReconciliationDayInput) {
  const pair = await getReconciliationPair(wdb, input.pairId);
  const day = await wdb.reconciliationDay.findFirst({
    where: { pairId: input.pairId, date: dayStart(input.date) },
    include: { revisions: { orderBy: [{ replacedAt: "desc" }, { id: "desc" }] } },
  });
  if (!day) throw new AppError("NOT_FOUND", "No reconciliation for that day.");
  return {
    pair,
    day: {
      id: day.id,
      date: calendarDay(day.date),
      ...dayFigures(day),
      final: day.final,
      computedAt: day.computedAt,
      belowThreshold: day.matchRate !== null && day.matchRate.lessThan(pair.settings.matchRateThreshold),
      breakdown: readBreakdown(day.breakdown),
    },
    revisions: day.revisions.map((revision) => ({
      id: revision.id,
      matchRate: revision.matchRate?.toString() ?? null,
      // As the engine stored them: the replaced day's counts and values.
      figures: revision.figures as Record<string, unknown>,
      computedAt: revision.computedAt,
      replacedAt: revision.replacedAt,
    })),
  };
}
