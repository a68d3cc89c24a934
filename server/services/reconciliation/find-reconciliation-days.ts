import "server-only";
import type { WorkspaceDb } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";
import { calendarDay } from "@/server/services/accounting/calendar-day";
import { keysetOn } from "@/server/services/pagination";
import { dayFigures, dayStart, type DayFigures } from "./day-figures";
import { assertPairInWorkspace } from "./get-reconciliation-pair";
import { matchRateThreshold } from "./get-reconciliation-settings";
import type { FindReconciliationDaysInput } from "./schema";

export type ReconciliationDayRow = DayFigures & {
  id: string;
  date: string;
  /** Older than the analytics provider's processing window: its figures should not change anymore. */
  final: boolean;
  computedAt: Date;
  belowThreshold: boolean;
};

const byDate = keysetOn("date");

/** A pair's days, newest first (keyset on date desc, id desc: the (pairId, date) key). */
export async function findReconciliationDays(wdb: WorkspaceDb, input: FindReconciliationDaysInput) {
  await assertPairInWorkspace(wdb, input.pairId);
  const threshold = (await matchRateThreshold(wdb)).value;
  const where: Prisma.ReconciliationDayWhereInput[] = [
    { pairId: input.pairId },
    input.from ? { date: { gte: dayStart(input.from) } } : {},
    input.to ? { date: { lte: dayStart(input.to) } } : {},
    input.belowThreshold ? { matchRate: { lt: threshold } } : {},
    input.cursor ? byDate.after(input.cursor, "desc") : {},
  ];
  const rows = await wdb.reconciliationDay.findMany({ where: { AND: where }, orderBy: byDate.orderBy("desc"), take: input.limit + 1 });
  return byDate.toPage(rows, input.limit, (day): ReconciliationDayRow => ({
    id: day.id,
    date: calendarDay(day.date),
    ...dayFigures(day),
    final: day.final,
    computedAt: day.computedAt,
    belowThreshold: day.matchRate !== null && day.matchRate.lessThan(threshold),
  }));
}
