import { randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { buildCommerceScope, orderRecord } from "@/prisma/factories/commerce";
import { buildTrackedJobRun } from "@/prisma/factories/job-runs";
import type { SyncChunk } from "@/server/connectors/_core/sync";
import { db } from "@/server/db";
import { processWebhook } from "@/server/services/webhooks/process-webhook";
import { commitSyncBatch } from "./commit-sync-batch";
import { storeSyncChunk } from "./store-sync-chunk";

// issue 11's drill: an orders/delete delivery processed while the backfill is still on its way to
// the order, then the backfill's chunk with the order as it read it before the deletion. Through
// webhook processing and the sync engine's commit, as a run does them.

// Processing hands the connector its connection's context, which needs Shopify set up.
vi.hoisted(() => Object.assign(process.env, { SHOPIFY_API_KEY: "tombstone-key", SHOPIFY_API_SECRET: "tombstone-secret" }));

describe("an order deleted before the sync stores it", () => {
  it("is stored deleted when the sync's chunk brings it, counted as deleted on the run", async () => {
    const scope = await buildCommerceScope();
    const delivery = await db.webhookEvent.create({
      data: { ...scope, provider: "SHOPIFY", externalId: randomUUID(), topic: "orders/delete", payload: { id: 4242 } },
    });
    expect(await processWebhook({ workspaceId: scope.workspaceId, webhookEventId: delivery.id, topic: delivery.topic })).toMatchObject({
      status: "PROCESSED",
      counts: { read: 1, deleted: 0, unchanged: 1 },
    });

    const { id: jobRunId } = await buildTrackedJobRun({ ...scope, kind: "sync", status: "RUNNING" });
    const chunk: SyncChunk = { kind: "orders", records: [orderRecord("4242"), orderRecord("4243")], position: { cursor: "page-2", state: {} } };
    expect(await commitSyncBatch(jobRunId, "orders", (tx) => storeSyncChunk(scope, "orders", chunk, {}, tx))).toMatchObject({
      read: 2,
      inserted: 1,
      updated: 0,
      unchanged: 0,
      deleted: 1,
    });

    expect(await db.jobRun.findUniqueOrThrow({ where: { id: jobRunId } })).toMatchObject({
      recordsRead: 2,
      recordsInserted: 1,
      recordsUpdated: 0,
      recordsUnchanged: 0,
      recordsDeleted: 1,
    });
    const live = await db.order.findMany({ where: { ...scope, deletedAt: null }, select: { externalId: true } });
    expect(live).toEqual([{ externalId: "4243" }]);
    const deleted = await db.order.findUniqueOrThrow({ where: { workspaceId_connectionId_externalId: { ...scope, externalId: "4242" } } });
    // At the deletion's time: the delivery's (it carries no trigger time here, so when it was received).
    expect(deleted.deletedAt).toEqual(delivery.receivedAt);
  });
});
