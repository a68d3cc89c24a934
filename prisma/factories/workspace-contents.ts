// A workspace with rows in every tenant table, and per-table views of a workspace's rows, for
// tests of what deleting a workspace removes and what it leaves alone.
import { db } from "@/server/db";
import { Prisma } from "@/server/generated/prisma/client";
import { ingestReceivingOrders, ingestReturns, ingestShipments } from "@/server/ingest";
import { encryptJson } from "@/server/security/encryption";
import { insertCommerceSample, insertOrder } from "./commerce-rows";
import { orderRecord, receivingOrderRecord, refundRecord, returnRecord, shipmentRecord } from "./commerce";
import { buildConnection } from "./connections";
import { buildInvitation } from "./invitations";
import { buildJobRun } from "./job-history";
import { buildMember, buildWorkspaceWithOwner } from "./members";
import { buildAgedAuditLog, buildAgedOutboxEmail, buildAgedWebhookEvent } from "./retention";

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
  return { workspace, owner, ownerMembership, admin, invitation, connection };
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
