import type { WorkspaceDb } from "@/server/db";
import { liveConnectionsIn } from "@/server/services/connections/live-connections";
import { listAccountingCategories } from "./list-accounting-categories";

export type SetupBankAccount = { externalId: string; name: string; currency: string };
export type SetupCategory = { externalId: string; nominalCode: string; description: string; group: string };

// What the payout reconciliation setup form chooses from: the stores whose payouts are reconciled,
// and each accounting connection with its synced bank accounts and categories (by nominal code).
export async function getPayoutSetupOptions(wdb: WorkspaceDb) {
  const [stores, books] = await Promise.all([liveConnectionsIn(wdb, "store"), liveConnectionsIn(wdb, "accounting")]);
  const connectionIds = books.map((connection) => connection.id);
  const [bankAccounts, categories] = await Promise.all([
    wdb.bankAccount.findMany({
      where: { connectionId: { in: connectionIds } },
      orderBy: [{ isPrimary: "desc" }, { name: "asc" }, { id: "asc" }],
      select: { connectionId: true, externalId: true, name: true, currency: true },
    }),
    listAccountingCategories(wdb, connectionIds),
  ]);
  return {
    storeConnections: stores.map(({ id, displayName }) => ({ id, displayName })),
    accountingConnections: books.map(({ id, displayName }) => ({
      id,
      displayName,
      bankAccounts: bankAccounts.filter((account) => account.connectionId === id).map(({ connectionId: _, ...account }): SetupBankAccount => account),
      categories: categories.filter((category) => category.connectionId === id).map(({ connectionId: _, ...category }): SetupCategory => category),
    })),
  };
}
export type PayoutSetupOptions = Awaited<ReturnType<typeof getPayoutSetupOptions>>;
