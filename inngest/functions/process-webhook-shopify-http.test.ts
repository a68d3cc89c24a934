// The whole webhook path over real HTTP: the sandbox Shopify signs and POSTs a delivery to the
// intake, which verifies and stores it, answers, then sends the event to the local Inngest runner, which calls
// process-webhook through the SDK's serve handler; the database then holds the order.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startShopifySandbox, type ShopifySandbox } from "@/dev/sandbox/shopify";
import { withInngestRunner, type InngestHarness } from "@/dev/test/inngest";
import { serveWebhookIntake, type WebhookIntake } from "@/dev/test/serve-webhook-intake";
import { inngest } from "@/inngest/client";
import { PROCESS_WEBHOOK_FUNCTION_ID, processWebhookJob } from "@/inngest/functions/process-webhook";
import { customerRecord, orderRecord } from "@/prisma/factories/commerce";
import { buildConnection } from "@/prisma/factories/connections";
import { buildWorkspaceWithOwner } from "@/prisma/factories/members";
import { db } from "@/server/db";
import { ingestCustomers, ingestOrders } from "@/server/ingest";
import { receiveWebhook } from "@/server/services/webhooks/receive-webhook";

vi.hoisted(() => Object.assign(process.env, { SHOPIFY_API_KEY: "e2e-hook-key", SHOPIFY_API_SECRET: "e2e-hook-secret" }));

const SHOP = "hooks-e2e.myshopify.com";
const DELETING_SHOP = "hooks-e2e-deletions.myshopify.com";

let sandbox: ShopifySandbox;
let harness: InngestHarness;
let intake: WebhookIntake;

beforeAll(async () => {
  harness = await withInngestRunner(inngest, [processWebhookJob]);
  intake = await serveWebhookIntake(receiveWebhook);
  sandbox = await startShopifySandbox({
    apiKey: "e2e-hook-key",
    apiSecret: "e2e-hook-secret",
    webhookTarget: `${intake.url}/shopify`,
    shops: [
      { domain: SHOP, volume: { orders: 20 } },
      { domain: DELETING_SHOP, volume: { orders: 5 } },
    ],
  });
});

afterAll(async () => {
  await sandbox?.stop();
  await intake?.close();
  await harness?.stop();
});

/** Waits until the function has `count` runs, then for all of them to finish. */
async function runsFinished(count: number) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const runs = harness.runner.listRuns({ functionId: PROCESS_WEBHOOK_FUNCTION_ID });
    if (runs.length >= count) return Promise.all(runs.map((run) => harness.runner.waitForRun(run.id, 15_000)));
    if (Date.now() > deadline) throw new Error(`expected ${count} runs, saw ${runs.length}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("Shopify webhook, end to end", () => {
  it("an orders/updated delivered by the sandbox ends as the new version of the order in the database", async () => {
    const { workspace } = await buildWorkspaceWithOwner("Hooks E2E");
    const connection = await buildConnection(workspace.id, { externalAccountId: SHOP });
    const shop = sandbox.shop(SHOP);
    const id = shop.store.orders.summaries().find((s) => s.status === "open")!.id;

    const [created] = await shop.sendWebhook("orders/create", { id });
    expect(created!.status).toBe(200);
    await runsFinished(1);
    const before = await db.order.findFirstOrThrow({ where: { connectionId: connection.id, externalId: String(id) }, include: { lineItems: true } });

    // The merchant edits the order: one line item left, a tag added, then cancels it.
    shop.store.updateOrder(id, (o) => ({ lineItems: o.lineItems.slice(0, 1), tags: ["edited"] }));
    const cancelled = shop.store.cancelOrder(id);
    const [updated] = await shop.sendWebhook("orders/updated", { id });
    expect(updated!.status).toBe(200);
    const runs = await runsFinished(2);
    expect(runs.map((run) => run.status)).toEqual(["COMPLETED", "COMPLETED"]);

    const after = await db.order.findFirstOrThrow({ where: { connectionId: connection.id, externalId: String(id) }, include: { lineItems: true } });
    expect(after).toMatchObject({
      tags: ["edited"],
      cancelReason: "CUSTOMER",
      cancelledAt: new Date(Math.floor(cancelled.cancelledAt! / 1000) * 1000),
      sourceUpdatedAt: new Date(Math.floor(cancelled.updatedAt / 1000) * 1000),
    });
    expect(after.sourceUpdatedAt.getTime()).toBeGreaterThan(before.sourceUpdatedAt.getTime());
    expect(after.lineItems.map((l) => l.externalId)).toEqual([String(cancelled.lineItems[0]!.id)]);
    expect(before.lineItems.length).toBeGreaterThan(1);

    const webhooks = await db.webhookEvent.findMany({ where: { connectionId: connection.id }, orderBy: { receivedAt: "asc" } });
    expect(webhooks.map((w) => [w.topic, w.status])).toEqual([
      ["orders/create", "PROCESSED"],
      ["orders/updated", "PROCESSED"],
    ]);
    const jobRuns = await db.jobRun.findMany({ where: { connectionId: connection.id }, orderBy: { queuedAt: "asc" } });
    expect(jobRuns.map((j) => [j.kind, j.stream, j.status, j.recordsInserted, j.recordsUpdated])).toEqual([
      ["webhook", "orders/create", "SUCCEEDED", 1, 0],
      ["webhook", "orders/updated", "SUCCEEDED", 0, 1],
    ]);
  });

  it("an order and a customer the merchant deletes are gone from that connection only; a second delete is harmless", async () => {
    const shop = sandbox.shop(DELETING_SHOP);
    const { workspace } = await buildWorkspaceWithOwner("Hooks E2E deletions");
    const connection = await buildConnection(workspace.id, { externalAccountId: DELETING_SHOP });
    // Another shop of the workspace whose records have the same ids.
    const neighbour = { workspaceId: workspace.id, connectionId: (await buildConnection(workspace.id)).id };
    const { id, customerId } = shop.store.orders.summaries().find((s) => s.customerId !== null)!;
    await ingestOrders(neighbour, [orderRecord(String(id))]);
    await ingestCustomers(neighbour, [customerRecord(String(customerId))]);
    const earlierRuns = harness.runner.listRuns({ functionId: PROCESS_WEBHOOK_FUNCTION_ID }).length;
    await shop.sendWebhook("orders/create", { id });
    await shop.sendWebhook("customers/create", { id: customerId! });
    await runsFinished(earlierRuns + 2);
    expect(await db.orderLineItem.count({ where: { connectionId: connection.id } })).toBeGreaterThan(0);

    const remove = async (control: string, recordId: number) => {
      const response = await fetch(`${sandbox.url}/_sandbox/${control}`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ shop: DELETING_SHOP, id: recordId, notify: true }),
      });
      return response.json();
    };
    expect(await remove("deleteOrder", id)).toMatchObject({ deleted: true, deliveries: [{ topic: "orders/delete", status: 200 }] });
    expect(await remove("deleteCustomer", customerId!)).toMatchObject({ deleted: true, deliveries: [{ topic: "customers/delete", status: 200 }] });
    await shop.sendWebhook("orders/delete", { id });
    const runs = await runsFinished(earlierRuns + 5);
    expect(runs.map((run) => run.status)).toEqual(runs.map(() => "COMPLETED"));

    const live = (connectionId: string) => ({ connectionId, deletedAt: null });
    expect(await db.order.count({ where: live(connection.id) })).toBe(0);
    expect(await db.customer.count({ where: live(connection.id) })).toBe(0);
    expect(await db.order.count({ where: live(neighbour.connectionId) })).toBe(1);
    expect(await db.customer.count({ where: live(neighbour.connectionId) })).toBe(1);
    const jobRuns = await db.jobRun.findMany({ where: { connectionId: connection.id, stream: { endsWith: "/delete" } } });
    expect(jobRuns.map((j) => [j.stream, j.status, j.recordsDeleted]).sort()).toEqual([
      ["customers/delete", "SUCCEEDED", 1],
      ["orders/delete", "SUCCEEDED", 0],
      ["orders/delete", "SUCCEEDED", 1],
    ]);
  });

  it("a stored delivery that cannot be mapped fails its run at once: no retries, the reason on the job run and the delivery", async () => {
    const { workspace } = await buildWorkspaceWithOwner("Hooks E2E broken");
    const connection = await buildConnection(workspace.id);
    // The intake refuses malformed bodies, so this one is stored directly: an older intake, or a
    // payload shape Shopify changed under the same topic.
    const webhook = await db.webhookEvent.create({
      data: { workspaceId: workspace.id, connectionId: connection.id, provider: "SHOPIFY", externalId: `broken-${connection.id}`, topic: "products/update", payload: { id: 1, updated_at: "2026-01-01T00:00:00Z" } },
    });
    // A stored order makes the shop's currency known, so the product body gets as far as mapping.
    await db.order.create({
      data: {
        workspaceId: workspace.id,
        connectionId: connection.id,
        externalId: "1",
        name: "#1",
        nameLower: "#1",
        currency: "USD",
        totalPrice: "1.00",
        processedAt: new Date(),
        sourceCreatedAt: new Date(),
        sourceUpdatedAt: new Date(),
        sourceHash: "x",
      },
    });
    const [eventId] = await harness.send({
      name: "app/webhook.received",
      data: { provider: "SHOPIFY", workspaceId: workspace.id, connectionId: connection.id, webhookEventId: webhook.id, topic: "products/update" },
    });
    const run = await harness.waitForRun({ functionId: PROCESS_WEBHOOK_FUNCTION_ID, eventId, status: "FAILED" }, 15_000);
    expect(run.retries).toBe(0);

    expect(await db.webhookEvent.findUniqueOrThrow({ where: { id: webhook.id } })).toMatchObject({
      status: "FAILED",
      error: expect.stringContaining("products/update: Malformed Shopify product webhook payload: title"),
    });
    const deadline = Date.now() + 10_000;
    let jobRun = await db.jobRun.findFirst({ where: { inngestRunId: run.id } });
    while (jobRun?.status !== "FAILED" && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      jobRun = await db.jobRun.findFirst({ where: { inngestRunId: run.id } });
    }
    expect(jobRun).toMatchObject({ status: "FAILED", kind: "webhook", attempts: 1, error: expect.stringContaining("Malformed Shopify product webhook payload") });
  });
});
