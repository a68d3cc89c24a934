import { beforeAll, describe, expect, it } from "vitest";
import {
  accountingContactRecord,
  bankAccountRecord,
  bankTransactionRecord,
  billRecord,
  invoiceRecord,
} from "@/prisma/factories/accounting";
import { buildConnection } from "@/prisma/factories/connections";
import { buildMember, buildWorkspaceWithOwner } from "@/prisma/factories/members";
import { callerFor, errorOf } from "@/server/api/test-utils";
import { db, workspaceDb } from "@/server/db";
import { ingestAccountingContacts, ingestBankAccounts, ingestBills, ingestInvoices } from "@/server/ingest/accounting";
import { ingestBankTransactions } from "@/server/ingest/bank-transactions";
import type { IngestScope } from "@/server/ingest";
import { findBankTransactions } from "./find-bank-transactions";
import { findBills } from "./find-bills";
import { findContacts } from "./find-contacts";
import { findInvoices } from "./find-invoices";
import { listBankAccounts } from "./list-bank-accounts";
import { findBankTransactionsInput, findBillsInput, findContactsInput, findInvoicesInput } from "./schema";

const FA = "https://api.freeagent.test/v2";

async function accountingScope(): Promise<IngestScope> {
  const { workspace } = await buildWorkspaceWithOwner("Books");
  const connection = await buildConnection(workspace.id, { provider: "FREEAGENT", externalAccountId: `company-${crypto.randomUUID()}`, displayName: "Demo Brand Ltd" });
  return { workspaceId: workspace.id, connectionId: connection.id };
}

/** Every page of a list, walked by its cursor. */
async function walk<T>(list: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>): Promise<T[]> {
  const seen: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await list(cursor);
    seen.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return seen;
}

let books: IngestScope;
let foreign: IngestScope;

beforeAll(async () => {
  books = await accountingScope();
  foreign = await accountingScope();
  const contact = (id: string) => `${FA}/contacts/${id}`;
  for (const scope of [books, foreign]) {
    await ingestAccountingContacts(scope, [
      accountingContactRecord("1", { organisationName: "Acme Packaging Ltd", firstName: "Nia", lastName: "Okafor", email: "Accounts@Acme.example" }),
      accountingContactRecord("2", { organisationName: null, firstName: "Zoe", lastName: "Brown", email: "zoe@example.com" }),
      accountingContactRecord("3", { organisationName: "Blue_Fox Wholesale", email: null }),
    ]);
  }
  // Two invoices on the same day: the keyset's tie on the id.
  await ingestInvoices(books, [
    invoiceRecord("1", { reference: "INV-0001", contactExternalId: contact("1"), status: "Paid", datedOn: "2026-01-05", totalValue: "120.0", dueValue: "0.0" }),
    invoiceRecord("2", { reference: "INV-0002", contactExternalId: contact("2"), status: "Open", datedOn: "2026-02-10", totalValue: "1234567.8912" }),
    invoiceRecord("3", { reference: "INV-0003", contactExternalId: contact("3"), status: "Overdue", datedOn: "2026-02-10" }),
    invoiceRecord("4", { reference: "100%-DEPOSIT", contactExternalId: contact("404"), status: "Draft", datedOn: "2026-03-01" }),
  ]);
  await ingestInvoices(foreign, [invoiceRecord("9", { reference: "INV-0009", contactExternalId: contact("1") })]);
  await ingestBills(books, [
    billRecord("1", { reference: "BILL-A", contactExternalId: contact("1"), datedOn: "2026-01-20", totalValue: "-15.5" }),
    billRecord("2", { reference: null, contactExternalId: contact("3"), datedOn: "2026-01-21" }),
  ]);
  await ingestBills(foreign, [billRecord("9", { reference: "BILL-A", contactExternalId: contact("1") })]);
  await ingestBankAccounts(books, [bankAccountRecord("1", { name: "Current account" }), bankAccountRecord("2", { name: "Savings", isPrimary: false, currency: "EUR" })]);
  await ingestBankAccounts(foreign, [bankAccountRecord("1", { name: "Their account" })]);
  const account = (id: string) => `${FA}/bank_accounts/${id}`;
  await ingestBankTransactions(books, [
    bankTransactionRecord("1", { datedOn: "2026-01-02", description: "SHOPIFY PAYMENTS GB 1001", amount: "95.1", unexplainedAmount: "95.1" }),
    bankTransactionRecord("2", { datedOn: "2026-01-03", description: "SHOPIFY PAYMENTS GB 1002", amount: "210.0", unexplainedAmount: "0.0" }),
    bankTransactionRecord("3", { datedOn: "2026-01-03", description: "Card fee 5%_off", amount: "-12.5", unexplainedAmount: "-2.5" }),
    bankTransactionRecord("4", { datedOn: "2026-01-04", description: "Interest", amount: "0.33", unexplainedAmount: "0.0", bankAccountExternalId: account("2") }),
  ]);
  await ingestBankTransactions(foreign, [bankTransactionRecord("9", { description: "SHOPIFY PAYMENTS GB 9999" })]);
});

describe("findInvoices", () => {
  const list = (input: object = {}) => findInvoices(workspaceDb(books.workspaceId), findInvoicesInput.parse(input));
  const refs = async (input: object = {}) => (await list(input)).items.map((invoice) => invoice.reference);

  it("lists only this workspace's invoices, newest first, ties by id, money exact and days as days", async () => {
    const page = await list();
    const tied = await db.invoice.findMany({ where: { workspaceId: books.workspaceId, datedOn: new Date("2026-02-10") }, orderBy: { id: "desc" } });
    expect(page.items.map((i) => i.reference)).toEqual(["100%-DEPOSIT", ...tied.map((i) => i.reference), "INV-0001"]);
    expect(page.items.find((i) => i.reference === "INV-0002")).toMatchObject({
      contactName: "Zoe Brown",
      status: "Open",
      datedOn: "2026-02-10",
      dueOn: "2026-01-31",
      currency: "GBP",
      totalValue: "1234567.8912",
      connection: { displayName: "Demo Brand Ltd" },
    });
    // A contact never synced: no name rather than a broken row.
    expect(page.items[0]!.contactName).toBeNull();
    expect(page.hasAccountingConnection).toBe(true);
  });

  it("filters by status and searches the start of the reference or of the contact's name; % and _ are literal", async () => {
    expect(await refs({ status: "Overdue" })).toEqual(["INV-0003"]);
    expect(await refs({ status: "Refunded" })).toEqual([]);
    expect(await refs({ search: "inv-000" })).toHaveLength(3);
    expect(await refs({ search: "acme" })).toEqual(["INV-0001"]);
    expect(await refs({ search: "blue_" })).toEqual(["INV-0003"]);
    expect(await refs({ search: "blue%" })).toEqual([]);
    expect(await refs({ search: "100%" })).toEqual(["100%-DEPOSIT"]);
    expect(await refs({ search: "Zoe", status: "Paid" })).toEqual([]);
  });

  it("pages through every invoice once, across the tie", async () => {
    for (const limit of [1, 2, 3]) {
      const seen = await walk((cursor) => list({ cursor, limit }));
      expect(seen.map((i) => i.reference)).toEqual(await refs());
    }
  });
});

describe("findBills", () => {
  const list = (input: object = {}) => findBills(workspaceDb(books.workspaceId), findBillsInput.parse(input));

  it("lists this workspace's bills newest first (a refund negative), searchable by reference and contact name, paged", async () => {
    const page = await list();
    expect(page.items.map((b) => [b.reference, b.contactName, b.totalValue])).toEqual([
      [null, "Blue_Fox Wholesale", "60"],
      ["BILL-A", "Acme Packaging Ltd", "-15.5"],
    ]);
    expect((await list({ search: "bill-a" })).items.map((b) => b.contactName)).toEqual(["Acme Packaging Ltd"]);
    expect((await list({ search: "blue" })).items.map((b) => b.reference)).toEqual([null]);
    expect((await walk((cursor) => list({ cursor, limit: 1 }))).map((b) => b.reference)).toEqual([null, "BILL-A"]);
  });
});

describe("findBankTransactions", () => {
  const wdb = () => workspaceDb(books.workspaceId);
  const list = (input: object = {}) => findBankTransactions(wdb(), findBankTransactionsInput.parse(input));
  const descriptions = async (input: object = {}) => (await list(input)).items.map((tx) => tx.description);

  it("lists this workspace's transactions newest first, each with its account and how much is explained", async () => {
    const page = await list();
    expect(page.items.map((tx) => [tx.description, tx.explained, tx.amount, tx.unexplainedAmount])).toEqual([
      ["Interest", "explained", "0.33", "0"],
      ...(await db.bankTransaction.findMany({ where: { workspaceId: books.workspaceId, datedOn: new Date("2026-01-03") }, orderBy: { id: "desc" } })).map((tx) =>
        tx.description === "Card fee 5%_off" ? [tx.description, "partly", "-12.5", "-2.5"] : [tx.description, "explained", "210", "0"],
      ),
      ["SHOPIFY PAYMENTS GB 1001", "unexplained", "95.1", "95.1"],
    ]);
    expect(page.items[0]!.bankAccount?.name).toBe("Savings");
    expect(page.items[0]!.currency).toBe("EUR");
    expect(page.items.at(-1)!.bankAccount?.name).toBe("Current account");
  });

  it("filters explained / unexplained and by bank account; searches anywhere in the description", async () => {
    expect(await descriptions({ explained: "unexplained" })).toEqual(["Card fee 5%_off", "SHOPIFY PAYMENTS GB 1001"]);
    expect(new Set(await descriptions({ explained: "explained" }))).toEqual(new Set(["Interest", "SHOPIFY PAYMENTS GB 1002"]));
    const savings = (await listBankAccounts(wdb())).find((account) => account.name === "Savings")!;
    expect(await descriptions({ bankAccountId: savings.id })).toEqual(["Interest"]);
    expect(await descriptions({ search: "payments gb" })).toEqual(["SHOPIFY PAYMENTS GB 1002", "SHOPIFY PAYMENTS GB 1001"]);
    expect(await descriptions({ search: "5%_" })).toEqual(["Card fee 5%_off"]);
    expect(await descriptions({ search: "1%" })).toEqual([]);
    expect(await descriptions({ search: "shopify", explained: "unexplained" })).toEqual(["SHOPIFY PAYMENTS GB 1001"]);
  });

  it("pages through every transaction once, with and without a filter", async () => {
    for (const filter of [{}, { explained: "explained" }]) {
      expect((await walk((cursor) => list({ ...filter, cursor, limit: 1 }))).map((tx) => tx.description)).toEqual(await descriptions(filter));
    }
  });

  it("answers another workspace's bank account as not found", async () => {
    const theirs = (await listBankAccounts(workspaceDb(foreign.workspaceId)))[0]!;
    expect((await listBankAccounts(wdb())).map((account) => account.name)).toEqual(["Current account", "Savings"]);
    await expect(list({ bankAccountId: theirs.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("findContacts", () => {
  const list = (input: object = {}) => findContacts(workspaceDb(books.workspaceId), findContactsInput.parse(input));
  const names = async (input: object = {}) => (await list(input)).items.map((contact) => contact.name);

  it("lists this workspace's contacts A to Z, searchable by the start of the name or email, paged", async () => {
    expect(await names()).toEqual(["Acme Packaging Ltd", "Blue_Fox Wholesale", "Zoe Brown"]);
    expect((await list()).items[0]).toMatchObject({ person: "Nia Okafor", email: "Accounts@Acme.example", town: "Leeds" });
    expect((await list()).items[2]!.person).toBeNull();
    expect(await names({ search: "ZOE@" })).toEqual(["Zoe Brown"]);
    expect(await names({ search: "accounts@" })).toEqual(["Acme Packaging Ltd"]);
    expect(await names({ search: "b" })).toEqual(["Blue_Fox Wholesale"]);
    expect((await walk((cursor) => list({ cursor, limit: 2 }))).map((c) => c.name)).toEqual(await names());
  });
});

describe("a workspace without accounting", () => {
  it("lists nothing and says so, so the page can point to Connections", async () => {
    const { workspace } = await buildWorkspaceWithOwner("Store only");
    await buildConnection(workspace.id);
    const wdb = workspaceDb(workspace.id);
    for (const page of [
      await findInvoices(wdb, findInvoicesInput.parse({})),
      await findBills(wdb, findBillsInput.parse({})),
      await findBankTransactions(wdb, findBankTransactionsInput.parse({})),
      await findContacts(wdb, findContactsInput.parse({})),
    ]) {
      expect(page).toEqual({ items: [], nextCursor: null, hasAccountingConnection: false });
    }
  });

  it("says an accounting system is connected once one is, before its first sync has read anything", async () => {
    const { workspaceId } = await accountingScope();
    expect(await findInvoices(workspaceDb(workspaceId), findInvoicesInput.parse({}))).toEqual({ items: [], nextCursor: null, hasAccountingConnection: true });
    await db.connection.updateMany({ where: { workspaceId }, data: { status: "DISCONNECTED" } });
    expect((await findContacts(workspaceDb(workspaceId), findContactsInput.parse({}))).hasAccountingConnection).toBe(false);
  });
});

describe("accounting router", () => {
  it("is readable by a viewer, never by another workspace's member", async () => {
    const workspace = await db.workspace.findUniqueOrThrow({ where: { id: books.workspaceId } });
    const { user } = await buildMember(workspace.id, "VIEWER");
    expect((await callerFor(user).accounting.invoices({ workspaceSlug: workspace.slug, status: "Paid" })).items.map((i) => i.reference)).toEqual(["INV-0001"]);
    expect((await callerFor(user).accounting.bankAccounts({ workspaceSlug: workspace.slug })).map((a) => a.name)).toEqual(["Current account", "Savings"]);

    const stranger = await db.membership.findFirstOrThrow({ where: { workspaceId: foreign.workspaceId }, include: { user: true } });
    expect((await errorOf(callerFor(stranger.user).accounting.contacts({ workspaceSlug: workspace.slug }))).code).toBe("NOT_FOUND");
  });
});
