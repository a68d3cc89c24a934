// A workspace with rows in every tenant table, and per-table views of a workspace's rows, for
// tests of what deleting a workspace removes and what it leaves alone.
import { db } from "@/server/db";
import { Prisma } from "@/server/generated/prisma/client";
import { ingestRecords, ingestReceivingOrders, ingestReturns, ingestShipments } from "@/server/ingest";
import { encryptJson } from "@/server/security/encryption";
import { insertCommerceSample, insertOrder } from "./commerce-rows";
import * as accounting from "./accounting";
import { buildAnalyticsConnection, buildExportFile, buildReconciliation, buildRollups } from "./insight";
import { orderRecord, receivingOrderRecord, refundRecord, returnRecord, shipmentRecord } from "./commerce";
import { buildConnection } from "./connections";
import { buildInvitation } from "./invitations";
import { buildJobRun } from "./job-history";
import { buildMember, buildWorkspaceWithOwner } from "./members";
import { buildAgedAuditLog, buildAgedOutboxEmail, buildAgedWebhookEvent } from "./retention";
import { buildSavedView } from "./saved-views";

export async function buildPopulatedWorkspace(name = "Populated Workspace") {
  const { workspace, owner, ownerMembership } = await buildWorkspaceWithOwner(name);
  const workspaceId = workspace.id;
  const admin = await buildMember(workspaceId, "ADMIN");
  const invitation = await buildInvitation({ workspaceId, role: "MEMBER" });
  const connection = await buildConnection(workspaceId, { encryptedCredentials: encryptJson({ accessToken: "shpat_test" }) });
  const scope = { workspaceId, connectionId: connection.id };
  for (let i = 0; i < 3; i++) await insertCommerceSample(scope);
  const tag = crypto.randomUUID().slice(0, 8);
  await insertOrder(scope, orderRecord(`refunded-${tag}`, { refunds: [refundRecord(`refund-${tag}`)] }));
  // A 3PL's records, written as a sync writes them.
  // One in Exception: the ingest queues it for the shipment alert email (ShipmentAlertEntry).
  await ingestShipments(scope, [shipmentRecord(`s-${tag}`), shipmentRecord(`s-exception-${tag}`, { status: "Exception" })]);
  await ingestReturns(scope, [returnRecord(`r-${tag}`)]);
  await ingestReceivingOrders(scope, [receivingOrderRecord(`w-${tag}`)]);
  await db.streamState.create({ data: { ...scope, stream: "orders", cursor: "page-2" } });
  const books = await buildPayoutsAndBooks(scope, tag);
  const analytics = await buildAnalyticsConnection(workspaceId, tag);
  await buildReconciliation(workspaceId, connection.id, analytics.id);
  await buildRollups(scope);
  await buildExportFile(workspaceId);
  await buildSavedView(workspaceId, owner.id);
  await db.bulkStaging.create({
    data: { ...scope, operationId: `gid://shopify/BulkOperation/${tag}`, lines: { create: { parentId: "gid://shopify/Order/1", lineNo: 2, line: "{}" } } },
  });
  // A deletion whose record was never stored (server/ingest/tombstones.ts).
  await db.deletionTombstone.create({ data: { ...scope, resource: "order", externalId: `deleted-${tag}`, occurredAt: new Date() } });
  const failed = await buildJobRun(workspaceId, { connectionId: connection.id, status: "FAILED" });
  await buildJobRun(workspaceId, { connectionId: connection.id, status: "SUCCEEDED", retryOfId: failed.id });
  await db.jobAlert.create({ data: { workspaceId, connectionId: connection.id, connectionKey: connection.id, kind: "sync", open: true } });
  await db.retentionPolicy.create({ data: { workspaceId } });
  await buildAgedWebhookEvent({ workspaceId, receivedAt: new Date() });
  await db.webhookEvent.create({
    data: { ...scope, provider: "SHOPIFY", externalId: `${connection.externalAccountId}/orders/create/event:${tag}`, topic: "orders/create", payload: {} },
  });
  await buildAgedAuditLog({ workspaceId, createdAt: new Date() });
  await buildAgedOutboxEmail({ workspaceId, createdAt: new Date() });
  return { workspace, owner, ownerMembership, admin, invitation, connection, books };
}

/**
 * A payout of the store `scope` with its balance transaction, an accounting connection with one
 * row of each of its kinds, and the payout's reconciliation, explanation post and an unmatched
 * deposit, as the sync and reconciliation write them.
 */
async function buildPayoutsAndBooks(scope: { workspaceId: string; connectionId: string }, tag: string) {
  const { workspaceId } = scope;
  await ingestRecords(scope, { kind: "payouts", records: [accounting.payoutRecord(`p-${tag}`)] });
  await ingestRecords(scope, { kind: "payoutBalanceTransactions", records: [accounting.payoutBalanceTransactionRecord(`bt-${tag}`, { payoutExternalId: `p-${tag}` })] });
  const books = await buildConnection(workspaceId, { provider: "FREEAGENT", externalAccountId: `https://api.freeagent.test/v2/company#${tag}`, displayName: "FreeAgent · Demo Brand Ltd" });
  const bookScope = { workspaceId, connectionId: books.id };
  await ingestRecords(bookScope, { kind: "accountingCompanies", records: [accounting.accountingCompanyRecord()] });
  await ingestRecords(bookScope, { kind: "accountingUsers", records: [accounting.accountingUserRecord("1")] });
  await ingestRecords(bookScope, { kind: "accountingContacts", records: [accounting.accountingContactRecord("1")] });
  await ingestRecords(bookScope, { kind: "accountingCategories", records: [accounting.accountingCategoryRecord("001")] });
  await ingestRecords(bookScope, { kind: "invoices", records: [accounting.invoiceRecord("1")] });
  await ingestRecords(bookScope, { kind: "bills", records: [accounting.billRecord("1")] });
  await ingestRecords(bookScope, { kind: "bankAccounts", records: [accounting.bankAccountRecord("1")] });
  await ingestRecords(bookScope, { kind: "bankTransactions", records: [accounting.bankTransactionRecord("1"), accounting.bankTransactionRecord("2")] });
  await ingestRecords(bookScope, { kind: "bankTransactionExplanations", records: [accounting.bankTransactionExplanationRecord("1")] });
  await ingestRecords(bookScope, { kind: "ledgerTransactions", records: [accounting.ledgerTransactionRecord("1")] });
  const payout = await db.payout.findFirstOrThrow({ where: { connectionId: scope.connectionId } });
  const [matched, stray] = await db.bankTransaction.findMany({ where: { connectionId: books.id }, orderBy: { externalId: "asc" } });
  const setup = await db.payoutReconciliationSetup.create({
    data: { workspaceId, storeConnectionId: scope.connectionId, accountingConnectionId: books.id, bankAccountExternalId: accounting.bankAccountRecord("1").externalId },
  });
  await db.payoutReconciliation.create({
    data: { workspaceId, payoutId: payout.id, state: "MATCHED", bankTransactionId: matched!.id, breakdownDifference: "0", computedAt: new Date() },
  });
  await db.unmatchedDeposit.create({ data: { workspaceId, setupId: setup.id, bankTransactionId: stray!.id, computedAt: new Date() } });
  await db.payoutExplanationPost.create({
    data: { workspaceId, payoutId: payout.id, accountingConnectionId: books.id, bankTransactionExternalId: matched!.externalId, part: "sales", grossValue: "95.10", categoryExternalId: accounting.accountingCategoryRecord("001").externalId },
  });
  return books;
}

/** Every table with a workspaceId column, read from the database so a new one is included. */
export async function tenantTables(): Promise<string[]> {
  const rows = await db.$queryRaw<{ name: string }[]>`
    SELECT table_name AS name FROM information_schema.columns
    WHERE table_schema = current_schema() AND column_name = 'workspaceId'
    ORDER BY table_name`;
  return rows.map((row) => row.name);
}

/** Rows of the workspace per tenant table. */
export async function tenantRowCounts(workspaceId: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of await tenantTables()) {
    const [row] = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM ${Prisma.raw(`"${table}"`)} WHERE "workspaceId" = ${workspaceId}`;
    counts[table] = row!.n;
  }
  return counts;
}

/** A fingerprint of the workspace's rows per tenant table (and of its Workspace row): equal means untouched. */
export async function tenantRowsFingerprint(workspaceId: string): Promise<Record<string, string>> {
  const fingerprint: Record<string, string> = {};
  for (const table of [...(await tenantTables()), "Workspace"]) {
    const column = Prisma.raw(table === "Workspace" ? `"id"` : `"workspaceId"`);
    const [row] = await db.$queryRaw<{ n: number; h: string }[]>`
      SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS h
      FROM ${Prisma.raw(`"${table}"`)} t WHERE ${column} = ${workspaceId}`;
    fingerprint[table] = `${row!.n}:${row!.h}`;
  }
  return fingerprint;
}
