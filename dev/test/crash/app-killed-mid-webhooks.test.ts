// Crash drill: the app is killed (SIGKILL) in the middle of a webhook burst on a synced shop:
// hundreds of orders/updated and orders/delete deliveries with duplicates and out-of-order bodies.
// Some are stored but never handed to the runner, some handed to it but never processed (the runner
// gives up on a dead app), the rest meet a closed port and wait for Shopify's retries. The app starts
// again, followed by the start-up recovery `npm run dev` runs.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { buildPayload } from "@/dev/sandbox/shopify/webhooks";
import { connectShop, finished, startDrill, webhookBurst, type Drill } from "@/dev/test/crash/drill";
import { expectDeliveriesApplied, expectRecovered, RECOVERY_BOUND_MS } from "@/dev/test/crash/expect-recovered";
import { until } from "@/dev/test/crash/recovery-checks";
import { inngest } from "@/inngest/client";
import { db } from "@/server/db";
import { webhookReceivedEvent } from "@/server/services/webhooks/queue-webhook-events";

// server/env reads the environment once, on first import: the stack's ports and settings first.
const { ports } = await vi.hoisted(async () => {
  const { crashEnv, reserveCrashPorts } = await import("@/dev/test/crash/stack");
  const reserved = await reserveCrashPorts();
  Object.assign(process.env, crashEnv(reserved));
  return { ports: reserved };
});

const SHOP = "crash-webhooks.myshopify.com";
let drill: Drill;

beforeAll(async () => {
  drill = await startDrill(ports, { domain: SHOP, orders: 1500 });
}, 180_000);
afterAll(async () => {
  await drill?.stack.stop();
  await drill?.sandbox.stop();
});

describe("the app killed mid-webhook-burst", () => {
  it("every delivery ends processed and the webhooks alone make the database equal to the shop, deletions included", async () => {
    const connected = await connectShop(drill.shop);
    const first = await connected.syncNow();
    expect((await finished(first.jobRunId, 120_000)).status).toBe("SUCCEEDED");

    const burst = await webhookBurst(drill.shop, { updates: 200, deletions: 40, duringAfter: 200, during: () => drill.stack.kill("app") });
    expect(burst.acknowledged).toBeLessThan(burst.attempts);
    // The crash left deliveries stored but not processed.
    expect(await db.webhookEvent.count({ where: { connectionId: connected.connectionId, status: "RECEIVED" } })).toBeGreaterThan(0);

    await drill.stack.restart("app");
    await drill.stack.recover();

    await expectDeliveriesApplied(drill, connected);
    expect(await db.webhookEvent.count({ where: { connectionId: connected.connectionId, status: "FAILED" } })).toBe(0);
    const deleted = await db.order.count({ where: { connectionId: connected.connectionId, externalId: { in: burst.deleted.map(String) }, deletedAt: { not: null } } });
    expect(deleted).toBe(burst.deleted.length);

    await expectRecovered(drill, connected);
  }, 240_000);

  it("a delivery whose event reached the runner just before the app died, its send unrecorded, is processed once the app is back", async () => {
    const shop = drill.sandbox.addShop({ domain: "crash-unrecorded.myshopify.com", volume: { orders: 5, products: 5, locations: 1 } });
    const connected = await connectShop(shop);
    const id = shop.store.orders.summaries()[0]!.id;
    // Stored by the intake, which then sent its event (under the intake's id) and died before recording the send.
    const delivery = await db.webhookEvent.create({
      data: {
        workspaceId: connected.workspaceId,
        connectionId: connected.connectionId,
        provider: "SHOPIFY",
        externalId: randomUUID(),
        topic: "orders/updated",
        payload: buildPayload(shop, "orders/updated", { id }) as object,
      },
    });
    await drill.stack.kill("app");
    await inngest.send(webhookReceivedEvent({ provider: delivery.provider, webhookEventId: delivery.id, workspaceId: connected.workspaceId, connectionId: connected.connectionId, topic: delivery.topic }));
    await until(() => drill.stack.runs({ status: "RUNNING" }), (running) => running.length === 0, "the runner to give up on the dead app");

    await drill.stack.restart("app");
    await drill.stack.recover();

    const row = await until(
      () => db.webhookEvent.findUniqueOrThrow({ where: { id: delivery.id }, select: { status: true, error: true, queuedAt: true, sendCount: true } }),
      (r) => r.status !== "RECEIVED",
      "the delivery to be processed",
      RECOVERY_BOUND_MS,
    );
    expect(row).toMatchObject({ status: "PROCESSED", queuedAt: expect.any(Date) });
    expect(await db.order.count({ where: { connectionId: connected.connectionId, externalId: String(id) } })).toBe(1);
  }, 240_000);
});
