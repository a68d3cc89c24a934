import type { WorkspaceDb } from "@/server/db";
import { calendarDay } from "@/server/services/accounting/calendar-day";
import { byIdCursor } from "@/server/services/pagination";
import type { FindUnmatchedDepositsInput } from "./schema";

// Payout-like deposits no payout claims, in a stable order (keyset on the bank transaction's id:
// the table's key; the set is small, a bookkeeper's to-do list).
export async function findUnmatchedDeposits(wdb: WorkspaceDb, input: FindUnmatchedDepositsInput) {
  const rows = await wdb.unmatchedDeposit.findMany({
    where: input.cursor ? { bankTransactionId: { gt: byIdCursor.decode(input.cursor) } } : {},
    orderBy: { bankTransactionId: "asc" },
    take: input.limit + 1,
    include: { bankTransaction: { select: { externalId: true, datedOn: true, description: true, amount: true } } },
  });
  const page = rows.slice(0, input.limit);
  return {
    items: page.map((row) => ({
      bankTransactionId: row.bankTransactionId,
      externalId: row.bankTransaction.externalId,
      datedOn: calendarDay(row.bankTransaction.datedOn),
      description: row.bankTransaction.description,
      amount: row.bankTransaction.amount.toFixed(2),
      setupId: row.setupId,
      computedAt: row.computedAt,
    })),
    nextCursor: rows.length > input.limit ? byIdCursor.encode(page.at(-1)!.bankTransactionId) : null,
  };
}
