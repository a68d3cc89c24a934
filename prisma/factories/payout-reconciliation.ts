// A workspace's store and accounting connections with the bank account its payouts land in and a
// reconciliation setup between them; and the sandboxes' payouts and planted deposits as records.
import { centsToAmount } from "@/dev/sandbox/_kit/money";
import { generateCompany, MAIN_ACCOUNT_ID, type GeneratorOptions as FreeAgentOptions } from "@/dev/sandbox/freeagent/generate";
import type { FreeAgentSandbox } from "@/dev/sandbox/freeagent";
import { generatedPayouts } from "@/dev/sandbox/shopify/payouts";
import type { GeneratorOptions as ShopOptions } from "@/dev/sandbox/shopify/generate";
import { freeagentConnection } from "@/dev/test/sandbox-freeagent";
import type { BankTransactionRecord, PayoutRecord } from "@/server/connectors/_core/records";
import { db } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";
import { ingestRecords } from "@/server/ingest";
import { reconcileSetup } from "@/server/services/payout-reconciliation/reconcile-setup";
import { accountingCategoryRecord, bankAccountRecord, bankTransactionRecord, payoutBalanceTransactionRecord, payoutRecord } from "./accounting";
import { buildConnection } from "./connections";

export const FREEAGENT_SANDBOX_API = "https://api.freeagent.test/v2";

/** A store and a FreeAgent connection of the workspace, the bank account, and the setup (overrides apply to it). */
export async function buildReconciliationSetup(workspaceId: string, overrides: Partial<Prisma.PayoutReconciliationSetupUncheckedCreateInput> = {}, currency = "GBP") {
  const store = await buildConnection(workspaceId);
  const books = await buildConnection(workspaceId, { provider: "FREEAGENT", externalAccountId: `company-${store.id}`, displayName: "Demo Brand Ltd" });
  const account = bankAccountRecord("1", { currency });
  await ingestRecords({ workspaceId, connectionId: books.id }, { kind: "bankAccounts", records: [account] });
  const setup = await db.payoutReconciliationSetup.create({
    data: { workspaceId, storeConnectionId: store.id, accountingConnectionId: books.id, bankAccountExternalId: account.externalId, ...overrides },
  });
  return { store, books, setup, storeScope: { workspaceId, connectionId: store.id }, booksScope: { workspaceId, connectionId: books.id } };
}

/**
 * For sweeps that need real ids: a setup and one payout of its store, reconciled as MATCHED to its
 * deposit with parts (sales, fees) that add up and are mapped to categories. Given the sandbox
 * FreeAgent, the accounting connection holds its tokens and the deposit is a new line of its bank
 * feed, so explaining the payout posts for real; without it the ids lead nowhere outside.
 */
export async function insertPayoutSample(workspaceId: string, sandbox?: FreeAgentSandbox) {
  const store = await buildConnection(workspaceId);
  const books = sandbox ? await freeagentConnection(sandbox, undefined, { id: workspaceId }) : await buildConnection(workspaceId, { provider: "FREEAGENT", externalAccountId: `company-${store.id}` });
  const storeScope = { workspaceId, connectionId: store.id };
  const booksScope = { workspaceId, connectionId: books.id };
  const api = sandbox?.base ?? FREEAGENT_SANDBOX_API;
  const tag = crypto.randomUUID().slice(0, 8);
  const deposit = { datedOn: "2026-01-02", amount: "97.10", description: "SHOPIFY PAYMENTS GB" };
  const depositId = sandbox ? (sandbox.addBankTransaction(deposit) as { url: string }).url : `${api}/bank_transactions/${tag}`;
  const account = bankAccountRecord(String(MAIN_ACCOUNT_ID), { externalId: `${api}/bank_accounts/${MAIN_ACCOUNT_ID}` });
  const [sales, fees] = ["002", "363"].map((code) => accountingCategoryRecord(code, { externalId: `${api}/categories/${code}` }));
  await ingestRecords(booksScope, { kind: "bankAccounts", records: [account] });
  await ingestRecords(booksScope, { kind: "accountingCategories", records: [sales!, fees!] });
  await ingestRecords(booksScope, { kind: "bankTransactions", records: [bankTransactionRecord(tag, { ...deposit, externalId: depositId, bankAccountExternalId: account.externalId, unexplainedAmount: deposit.amount })] });
  // Issued the day before its deposit; a £100 charge less its £2.90 fee.
  await ingestRecords(storeScope, { kind: "payouts", records: [payoutRecord(`po-${tag}`, { net: { amount: deposit.amount, currency: "GBP" } })] });
  await ingestRecords(storeScope, { kind: "payoutBalanceTransactions", records: [payoutBalanceTransactionRecord(`bt-${tag}`, { payoutExternalId: `po-${tag}` })] });
  const setup = await db.payoutReconciliationSetup.create({
    data: { workspaceId, storeConnectionId: store.id, accountingConnectionId: books.id, bankAccountExternalId: account.externalId, categoryMap: { grossSales: sales!.externalId, fees: fees!.externalId } },
  });
  await reconcileSetup(setup.id);
  const payout = await db.payout.findFirstOrThrow({ where: { connectionId: store.id }, include: { reconciliation: true } });
  if (payout.reconciliation?.state !== "MATCHED") throw new Error(`the sample payout reconciled as ${payout.reconciliation?.state ?? "nothing"}`);
  return { payoutId: payout.id, setupId: setup.id, storeConnectionId: store.id, accountingConnectionId: books.id, bankAccountExternalId: account.externalId };
}

/** A payout of the sandbox Shopify as the connector writes it: issued at midnight UTC of its date. */
export function sandboxPayoutRecord(payout: { id: string; date: string; amount: string }, currency = "GBP"): PayoutRecord {
  const issuedAt = `${payout.date}T00:00:00.000Z`;
  return payoutRecord(payout.id, { issuedAt, net: { amount: payout.amount, currency }, gross: null, summary: {}, sourceUpdatedAt: issuedAt, observedAt: issuedAt });
}

/**
 * The sandbox Shopify's payouts for `shop` and the sandbox FreeAgent company holding their
 * deposits (exact, short by a fee, missing, duplicated): the payouts and the deposits as records,
 * with the company's `planted` list saying which is which.
 */
export function plantedPayouts(shop: ShopOptions, books: Omit<FreeAgentOptions, "payouts">, bankAccountExternalId: string) {
  const payouts = generatedPayouts(shop);
  const company = generateCompany({ ...books, payouts });
  const deposits: BankTransactionRecord[] = Array.from({ length: company.deposits }, (_, i) => company.bankTransaction(i)).map((tx) => {
    const amount = centsToAmount(tx.amountCents);
    const at = new Date(tx.createdAt).toISOString();
    if (tx.bankAccountId !== MAIN_ACCOUNT_ID) throw new Error("a payout deposit outside the main account");
    return bankTransactionRecord(String(tx.id), { bankAccountExternalId, datedOn: tx.datedOn, description: tx.description, amount, unexplainedAmount: amount, sourceCreatedAt: at, sourceUpdatedAt: at, observedAt: at });
  });
  return { payouts: payouts.map((p) => sandboxPayoutRecord(p, shop.currency)), deposits, planted: company.planted };
}
