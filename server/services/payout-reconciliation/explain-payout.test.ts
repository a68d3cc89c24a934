import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { reconcilePayouts } from "@/inngest/functions/reconcile-payouts";
import { MAIN_ACCOUNT_ID, ManualClock, startFreeAgentSandbox, type FreeAgentSandbox, type Payout } from "@/dev/sandbox/freeagent";
import { accountingCategoryRecord, bankAccountRecord, bankTransactionRecord, payoutBalanceTransactionRecord } from "@/prisma/factories/accounting";
import { orderRecord } from "@/prisma/factories/commerce";
import { buildConnection } from "@/prisma/factories/connections";
import { buildWorkspaceWithOwner, type TestUser } from "@/prisma/factories/members";
import { sandboxPayoutRecord } from "@/prisma/factories/payout-reconciliation";
import { callerFor, errorOf } from "@/server/api/test-utils";
import { freeagentConnector } from "@/server/connectors/freeagent";
import type { BankTransactionRecord } from "@/server/connectors/_core/records";
import { db } from "@/server/db";
import { ingestRecords } from "@/server/ingest";
import { Prisma } from "@/server/generated/prisma/client";
import { sealOAuthCredentials } from "@/server/services/connections/credentials";
import { getConnectionAccess } from "@/server/services/connections/get-connection-access";
import { reconcileSetup } from "./reconcile-setup";

// Explain in FreeAgent over real HTTP against the sandbox FreeAgent: its bank transactions, its
// explanations endpoint and their effect on a transaction's unexplained amount.

// server/env reads the environment once, on first import: the sandbox's port is reserved first.
const { SANDBOX_PORT } = await vi.hoisted(async () => ({ SANDBOX_PORT: await (await import("@/dev/test/freeagent-sandbox-env")).pointFreeAgentAtFreePort() }));

const EPOCH = Date.UTC(2026, 9, 15);
const PAYOUTS: Payout[] = Array.from({ length: 15 }, (_, i) => ({ id: `880${String(i).padStart(2, "0")}`, date: `2026-09-${String(1 + i * 2).padStart(2, "0")}`, amount: `${1000 + i * 137}.${String((i * 29) % 100).padStart(2, "0")}` }));
let sandbox: FreeAgentSandbox;

beforeAll(async () => {
  sandbox = await startFreeAgentSandbox({ seed: "explain", epoch: EPOCH, volume: { bankTransactions: 20, invoices: 0 }, payouts: PAYOUTS, clock: new ManualClock(EPOCH), port: SANDBOX_PORT });
});
afterAll(async () => {
  await sandbox?.stop();
});

const gbp = (amount: string) => ({ amount, currency: "GBP" });
const account = () => `${sandbox.base}/bank_accounts/${MAIN_ACCOUNT_ID}`;
const category = (code: string) => `${sandbox.base}/categories/${code}`;
const used = { exact: 0, fee: 0 };
const CATEGORY_MAP = () => ({ grossSales: category("002"), refunds: category("096"), shipping: category("055"), taxes: category("001"), fees: category("363") });

let owner: TestUser;
let slug: string;
beforeEach(async () => {
  ({ owner, workspace: { slug } } = await buildWorkspaceWithOwner("Explain"));
});

/** The sandbox's transaction now, read as the connector reads it. */
async function remote(externalId: string): Promise<BankTransactionRecord> {
  const books = await db.connection.findFirstOrThrow({ where: { provider: "FREEAGENT", workspace: { slug } }, orderBy: { createdAt: "desc" } });
  return freeagentConnector.accounting.readBankTransaction(await getConnectionAccess(books.id, { provider: "FREEAGENT" }), externalId);
}

type Settled = { payoutExternalId: string };
type StoreScope = { workspaceId: string; connectionId: string };

/** A sale of an order with shipping and taxes, less its fee: Gross sales, Shipping £5, Taxes £20 and Fees −£3. */
async function saleWithShippingAndTaxes(storeScope: StoreScope, settled: Settled, net: string) {
  const charged = new Prisma.Decimal(net).plus(3).toFixed(2);
  await ingestRecords(storeScope, { kind: "orders", records: [orderRecord("o1", { currency: "GBP", totalPrice: gbp(charged), totalTax: gbp("20.00"), subtotal: gbp(new Prisma.Decimal(charged).minus(25).toFixed(2)), totalDiscounts: null, currentTotalPrice: null, totalRefunded: null, lineItems: [], transactions: [] })] });
  await ingestRecords(storeScope, {
    kind: "payoutBalanceTransactions",
    records: [payoutBalanceTransactionRecord("sale", { ...settled, type: "CHARGE", amount: gbp(charged), fee: gbp("3.00"), net: gbp(net), orderExternalId: "o1" })],
  });
}

/** Sales in, a £40 refund and £3 of fees out: a deposit with parts of both signs. */
async function saleWithRefund(storeScope: StoreScope, settled: Settled, net: string) {
  const charged = new Prisma.Decimal(net).plus(43).toFixed(2);
  await ingestRecords(storeScope, {
    kind: "payoutBalanceTransactions",
    records: [
      payoutBalanceTransactionRecord("sale", { ...settled, type: "CHARGE", amount: gbp(charged), fee: gbp("3.00"), net: gbp(new Prisma.Decimal(charged).minus(3).toFixed(2)) }),
      payoutBalanceTransactionRecord("refund", { ...settled, type: "REFUND", amount: gbp("-40.00"), fee: gbp("0.00"), net: gbp("-40.00") }),
    ],
  });
}

/**
 * A workspace with the store's payouts and the FreeAgent connection's bank account and deposits as
 * synced, the payout given balance transactions that add up (by default a sale with shipping and
 * taxes, less its fee), reconciled.
 */
async function setUp(kind: "exact" | "fee" = "exact", categoryMap: Record<string, string> = CATEGORY_MAP(), settle = saleWithShippingAndTaxes) {
  const workspace = await db.workspace.findUniqueOrThrow({ where: { slug } });
  const store = await buildConnection(workspace.id);
  const { access_token, refresh_token } = sandbox.issueToken({}) as { access_token: string; refresh_token: string };
  const books = await buildConnection(workspace.id, {
    provider: "FREEAGENT",
    externalAccountId: `${sandbox.base}/company-${store.id}`,
    encryptedCredentials: sealOAuthCredentials({ accessToken: access_token, accessTokenExpiresAt: new Date(Date.now() + 3_600_000).toISOString(), refreshToken: refresh_token, refreshTokenExpiresAt: null, scopes: [] }),
    settings: { userUrl: `${sandbox.base}/users/${workspace.id}` },
  });
  const storeScope = { workspaceId: workspace.id, connectionId: store.id };
  const booksScope = { workspaceId: workspace.id, connectionId: books.id };
  await ingestRecords(booksScope, { kind: "bankAccounts", records: [bankAccountRecord("x", { externalId: account() })] });
  await ingestRecords(booksScope, { kind: "accountingCategories", records: ["001", "002", "055", "096", "363"].map((code) => accountingCategoryRecord(code, { externalId: category(code) })) });
  // Each test its own deposit: the sandbox keeps what earlier tests explained.
  const planted = sandbox.company.planted.filter((p) => p.kind === kind)[used[kind]++]!;
  const deposits = planted.depositIds.map((id) => {
    const amount = new Prisma.Decimal(planted.depositCents!).dividedBy(100).toFixed(2);
    return bankTransactionRecord(String(id), { externalId: `${sandbox.base}/bank_transactions/${id}`, bankAccountExternalId: account(), amount, unexplainedAmount: amount, datedOn: sandbox.company.bankTransaction(id - 500_000_000).datedOn });
  });
  await ingestRecords(booksScope, { kind: "bankTransactions", records: deposits });
  const net = planted.payout.amount;
  await ingestRecords(storeScope, { kind: "payouts", records: [sandboxPayoutRecord(planted.payout)] });
  await settle(storeScope, { payoutExternalId: planted.payout.id }, net);
  const setup = await db.payoutReconciliationSetup.create({ data: { workspaceId: workspace.id, storeConnectionId: store.id, accountingConnectionId: books.id, bankAccountExternalId: account(), categoryMap, depositDescription: "SHOPIFY" } });
  await reconcileSetup(setup.id);
  const payout = await db.payout.findFirstOrThrow({ where: { connectionId: store.id } });
  return { workspace, payout, planted, deposit: deposits[0]!.externalId, net };
}

const explain = (payoutId: string) => callerFor(owner).payouts.explain({ workspaceSlug: slug, payoutId });
const undo = (payoutId: string) => callerFor(owner).payouts.undoExplanation({ workspaceSlug: slug, payoutId });

describe("Explain in FreeAgent", () => {
  it("posts one explanation per part in its mapped category, once however often it is asked, and audits each", async () => {
    const w = await setUp();
    const first = await explain(w.payout.id);
    expect(first.posted).toBe(4);
    const after = await remote(w.deposit);
    expect(after.unexplainedAmount).toMatch(/^0(\.0+)?$/);
    const values = (after.explanations ?? []).map((e) => [e.description, new Prisma.Decimal(e.grossValue).toFixed(2), e.categoryExternalId]);
    expect(values.sort()).toEqual(
      [
        [`Payout ${w.payout.externalId}: Gross sales`, new Prisma.Decimal(w.net).minus(22).toFixed(2), category("002")],
        [`Payout ${w.payout.externalId}: Shipping`, "5.00", category("055")],
        [`Payout ${w.payout.externalId}: Taxes`, "20.00", category("001")],
        [`Payout ${w.payout.externalId}: Fees`, "-3.00", category("363")],
      ].sort(),
    );

    // Stored as FreeAgent now has it: the pages show the deposit explained without waiting for a sync.
    const stored = await db.bankTransaction.findFirstOrThrow({ where: { externalId: w.deposit } });
    expect(stored.unexplainedAmount.isZero()).toBe(true);
    expect(await db.bankTransactionExplanation.count({ where: { bankTransactionExternalId: w.deposit, deletedAt: null } })).toBe(4);

    // Asked again (a double click, a retried request): nothing new at FreeAgent.
    expect((await explain(w.payout.id)).posted).toBe(0);
    expect((await remote(w.deposit)).explanations).toHaveLength(4);
    const audits = await db.auditLog.findMany({ where: { workspaceId: w.workspace.id, action: "payouts.explanation.posted" } });
    expect(audits.map((a) => a.actorId)).toEqual([owner.id, owner.id, owner.id, owner.id]);
  });

  it("explains a deposit of sales in, a refund and fees out with one explanation each, of its own sign, in its category; undo leaves it as it was", async () => {
    const w = await setUp("exact", CATEGORY_MAP(), saleWithRefund);
    const before = await remote(w.deposit);
    expect((await explain(w.payout.id)).posted).toBe(3);
    const after = await remote(w.deposit);
    expect(after.unexplainedAmount).toMatch(/^0(\.0+)?$/);
    const values = (after.explanations ?? []).map((e) => [e.description, new Prisma.Decimal(e.grossValue).toFixed(2), e.categoryExternalId]);
    expect(values.sort()).toEqual(
      [
        [`Payout ${w.payout.externalId}: Gross sales`, new Prisma.Decimal(w.net).plus(43).toFixed(2), category("002")],
        [`Payout ${w.payout.externalId}: Refunds`, "-40.00", category("096")],
        [`Payout ${w.payout.externalId}: Fees`, "-3.00", category("363")],
      ].sort(),
    );

    expect(await undo(w.payout.id)).toEqual({ undone: 3 });
    const undone = await remote(w.deposit);
    expect({ unexplained: undone.unexplainedAmount, explanations: undone.explanations }).toEqual({ unexplained: before.unexplainedAmount, explanations: before.explanations });
  });

  it("undo deletes exactly Meridian's explanations and leaves the transaction as it was; it can be explained again", async () => {
    const w = await setUp();
    const before = await remote(w.deposit);
    await explain(w.payout.id);
    expect((await db.bankTransaction.findFirstOrThrow({ where: { externalId: w.deposit } })).unexplainedAmount.isZero()).toBe(true);
    expect(await undo(w.payout.id)).toEqual({ undone: 4 });
    const after = await remote(w.deposit);
    expect({ unexplained: after.unexplainedAmount, explanations: after.explanations }).toEqual({ unexplained: before.unexplainedAmount, explanations: before.explanations });
    expect(await db.auditLog.count({ where: { workspaceId: w.workspace.id, action: "payouts.explanation.undone" } })).toBe(4);
    const stored = await db.bankTransaction.findFirstOrThrow({ where: { externalId: w.deposit } });
    expect(stored.unexplainedAmount.toFixed(2)).toBe(new Prisma.Decimal(before.amount).toFixed(2));
    expect(await db.bankTransactionExplanation.count({ where: { bankTransactionExternalId: w.deposit, deletedAt: null } })).toBe(0);
    expect(await undo(w.payout.id)).toEqual({ undone: 0 });

    expect((await explain(w.payout.id)).posted).toBe(4);
    expect((await remote(w.deposit)).explanations).toHaveLength(4);
  });

  it("never touches a transaction a person explained, even in part", async () => {
    const w = await setUp();
    const { access_token } = sandbox.issueToken({}) as { access_token: string };
    const response = await fetch(`${sandbox.base}/bank_transaction_explanations`, {
      method: "POST",
      headers: { Authorization: `Bearer ${access_token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ bank_transaction_explanation: { bank_transaction: w.deposit, dated_on: "2026-09-20", gross_value: "5.00", category: category("001"), description: "Bookkeeper" } }),
    });
    expect(response.status).toBe(201);
    const before = await remote(w.deposit);

    const error = await errorOf(explain(w.payout.id));
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toContain("already explained in FreeAgent");
    const untouched = (tx: BankTransactionRecord) => ({ unexplained: tx.unexplainedAmount, explanations: tx.explanations?.map((e) => [e.externalId, e.grossValue, e.description]) });
    expect(untouched(await remote(w.deposit))).toEqual(untouched(before));
    expect(await db.payoutExplanationPost.count({ where: { payoutId: w.payout.id } })).toBe(0);
  });

  it("recovers a post cut short after FreeAgent created it: read back, adopted, not posted twice", async () => {
    const w = await setUp();
    // The process dies after FreeAgent answered the first explanation, before Meridian recorded it.
    const real = freeagentConnector.accounting.createExplanation.bind(freeagentConnector.accounting);
    let calls = 0;
    const create = vi.spyOn(freeagentConnector.accounting, "createExplanation").mockImplementation(async (...args) => {
      const created = await real(...args);
      if (++calls === 1) throw new Error("killed after the provider answered");
      return created;
    });
    await expect(explain(w.payout.id)).rejects.toThrow();
    create.mockRestore();
    const inFlight = await db.payoutExplanationPost.findMany({ where: { payoutId: w.payout.id, explanationExternalId: null } });
    expect(inFlight).toHaveLength(4);
    // The fee went first: cut short, the deposit is partly explained, not explained beyond its amount.
    const cut = await remote(w.deposit);
    expect(cut.explanations?.map((e) => new Prisma.Decimal(e.grossValue).toFixed(2))).toEqual(["-3.00"]);
    expect(new Prisma.Decimal(cut.unexplainedAmount).toFixed(2)).toBe(new Prisma.Decimal(w.net).plus(3).toFixed(2));

    // Past the lease: the next Explain adopts the one FreeAgent has and posts the other three.
    await db.payoutExplanationPost.updateMany({ where: { payoutId: w.payout.id }, data: { updatedAt: new Date(Date.now() - 120_000) } });
    expect((await explain(w.payout.id)).posted).toBe(3);
    const after = await remote(w.deposit);
    expect(after.explanations).toHaveLength(4);
    expect(after.unexplainedAmount).toMatch(/^0(\.0+)?$/);
  });

  it("refuses with a 422 naming a part that moves money and has no category, and a deposit that is not matched", async () => {
    const w = await setUp("exact", { grossSales: category("002"), shipping: category("055"), fees: category("363") });
    const error = await errorOf(explain(w.payout.id));
    expect(error.code).toBe("UNPROCESSABLE_CONTENT");
    expect(error.message).toContain("Taxes (taxes)");

    const short = await setUp("fee");
    const notMatched = await errorOf(explain(short.payout.id));
    expect(notMatched.code).toBe("CONFLICT");
    expect(notMatched.message).toContain("amount differs");
  });

  it("with auto-explain on, the reconciliation job explains a newly matched deposit as the system, once", async () => {
    const w = await setUp();
    const setup = await db.payoutReconciliationSetup.update({ where: { workspaceId_storeConnectionId: { workspaceId: w.workspace.id, storeConnectionId: w.payout.connectionId } }, data: { autoExplain: true } });
    const run = () =>
      new InngestTestEngine({ function: reconcilePayouts, events: [{ name: "app/payout-reconciliation.requested", data: { workspaceId: w.workspace.id, setupId: setup.id, trigger: "SCHEDULE" } }] }).execute();
    expect((await run()).result).toMatchObject({ outcome: "reconciled", explained: 1, refused: 0 });
    expect((await remote(w.deposit)).explanations).toHaveLength(4);
    expect(await db.auditLog.findMany({ where: { workspaceId: w.workspace.id, action: "payouts.explanation.posted" }, select: { actorId: true } })).toEqual([{ actorId: null }, { actorId: null }, { actorId: null }, { actorId: null }]);
    expect((await run()).result).toMatchObject({ explained: 0 });
    expect((await remote(w.deposit)).explanations).toHaveLength(4);
  });
});
