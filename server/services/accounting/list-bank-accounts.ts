import type { WorkspaceDb } from "@/server/db";

export type BankAccountOption = { id: string; name: string; currency: string };

// The synced bank accounts of the workspace, for the Bank transactions filter: primary first, then by name.
export async function listBankAccounts(wdb: WorkspaceDb): Promise<BankAccountOption[]> {
  return wdb.bankAccount.findMany({
    orderBy: [{ isPrimary: "desc" }, { name: "asc" }, { id: "asc" }],
    select: { id: true, name: true, currency: true },
  });
}
