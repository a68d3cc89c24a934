import "server-only";
import { ingestRecords } from "@/server/ingest";
import type { AccountingAccess } from "./accounting-access";

/**
 * Reads a bank transaction back from the accounting system and stores it with its explanations,
 * so the Accounting and Payouts pages show what Explain or Undo just did instead of waiting for
 * the next sync. The copy is newer than the stored one, so the writer applies it (newer wins).
 */
export async function refreshStoredTransaction({ ctx, accounting }: AccountingAccess, bankTransactionExternalId: string): Promise<void> {
  const transaction = await accounting.readBankTransaction(ctx, bankTransactionExternalId);
  await ingestRecords({ workspaceId: ctx.workspaceId, connectionId: ctx.connectionId }, { kind: "bankTransactions", records: [transaction] });
}
