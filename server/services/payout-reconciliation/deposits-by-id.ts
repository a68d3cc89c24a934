import type { WorkspaceDb } from "@/server/db";
import { calendarDay } from "@/server/services/accounting/calendar-day";

/** A bank transaction as the payout pages show it (a deposit or a candidate). */
export type Deposit = { id: string; externalId: string; datedOn: string; description: string | null; amount: string; unexplainedAmount: string };

/** The workspace's bank transactions of these ids, by id, in one query. */
export async function depositsById(wdb: WorkspaceDb, ids: readonly string[]): Promise<Map<string, Deposit>> {
  if (ids.length === 0) return new Map();
  const rows = await wdb.bankTransaction.findMany({
    where: { id: { in: [...new Set(ids)] } },
    select: { id: true, externalId: true, datedOn: true, description: true, amount: true, unexplainedAmount: true },
  });
  return new Map(rows.map((row) => [row.id, { ...row, datedOn: calendarDay(row.datedOn), amount: row.amount.toFixed(2), unexplainedAmount: row.unexplainedAmount.toFixed(2) }]));
}
