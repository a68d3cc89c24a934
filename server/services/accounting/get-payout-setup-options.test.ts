import { describe, expect, it } from "vitest";
import { accountingCategoryRecord, bankAccountRecord } from "@/prisma/factories/accounting";
import { buildConnection } from "@/prisma/factories/connections";
import { buildWorkspaceWithOwner } from "@/prisma/factories/members";
import { workspaceDb } from "@/server/db";
import { ingestAccountingCategories, ingestBankAccounts } from "@/server/ingest/accounting";
import { getPayoutSetupOptions } from "./get-payout-setup-options";

async function workspaceWithBooks() {
  const { workspace } = await buildWorkspaceWithOwner("Books");
  const store = await buildConnection(workspace.id, { displayName: "Main shop" });
  const books = await buildConnection(workspace.id, { provider: "FREEAGENT", externalAccountId: `company-${crypto.randomUUID()}`, displayName: "Demo Brand Ltd" });
  const scope = { workspaceId: workspace.id, connectionId: books.id };
  await ingestBankAccounts(scope, [bankAccountRecord("2", { name: "Savings", isPrimary: false }), bankAccountRecord("1", { name: "Current" })]);
  await ingestAccountingCategories(scope, [
    accountingCategoryRecord("365", { description: "Bank charges", group: "admin_expenses" }),
    accountingCategoryRecord("001", { description: "Sales", group: "income" }),
  ]);
  return { workspace, store, books };
}

describe("getPayoutSetupOptions", () => {
  it("offers the workspace's stores and each accounting connection with its bank accounts (primary first) and categories (by nominal code)", async () => {
    const { workspace, store, books } = await workspaceWithBooks();
    // Another workspace's books never appear.
    await workspaceWithBooks();
    // A 3PL is neither a store nor books; a disconnected store is not offered.
    await buildConnection(workspace.id, { provider: "SHIPBOB", externalAccountId: `channel-${crypto.randomUUID()}` });
    await buildConnection(workspace.id, { status: "DISCONNECTED", displayName: "Old shop" });

    const options = await getPayoutSetupOptions(workspaceDb(workspace.id));
    expect(options.storeConnections).toEqual([{ id: store.id, displayName: "Main shop" }]);
    expect(options.accountingConnections).toEqual([
      {
        id: books.id,
        displayName: "Demo Brand Ltd",
        bankAccounts: [
          { externalId: "https://api.freeagent.test/v2/bank_accounts/1", name: "Current", currency: "GBP" },
          { externalId: "https://api.freeagent.test/v2/bank_accounts/2", name: "Savings", currency: "GBP" },
        ],
        categories: [
          { externalId: "https://api.freeagent.test/v2/categories/001", nominalCode: "001", description: "Sales", group: "income" },
          { externalId: "https://api.freeagent.test/v2/categories/365", nominalCode: "365", description: "Bank charges", group: "admin_expenses" },
        ],
      },
    ]);
  });
});
