import type { WorkspaceDb } from "@/server/db";

export type BankAccountOption = { id: string; name: string; currency: string; connection: { id: string; displayName: string } };

// The synced bank accounts of the workspace, for pickers (the Bank transactions filter, the payout
// reconciliation setup): primary first, then by name.
export async function listBankAccounts(wdb: WorkspaceDb): Promise<BankAccountOption[]> {
  return wdb.bankAccount.findMany({
    orderBy: [{ isPrimary: "desc" }, { name: "asc" }, { id: "asc" }],
    select: { id: true, name: true, currency: true, connection: { select: { id: true, displayName: true } } },
  });
}
