import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { standardWebhookHeaders } from "@/dev/sandbox/_kit/signing";
import { SHIPBOB_DEV, startShipBobSandbox, type ShipBobSandbox } from "@/dev/sandbox/shipbob";
import { withInngestRunner, type InngestHarness } from "@/dev/test/inngest";
import { serveWebhookRoute, type WebhookIntake } from "@/dev/test/serve-webhook-intake";
import { inngest } from "@/inngest/client";
import { processWebhookJob } from "@/inngest/functions/process-webhook";
import { buildWorkspaceWithOwner } from "@/prisma/factories/members";
import { callerFor } from "@/server/api/test-utils";
import { SHIPBOB_WEBHOOK_TOPICS, shipbobWebhookSecret } from "@/server/connectors/shipbob";
import { db } from "@/server/db";
import { POST } from "./route";

// ShipBob's deliveries through the generic route: a brand connects with a token (connection.create),
// which subscribes its account in the sandbox ShipBob to every topic at
// /api/webhooks/shipbob?account=<channel id>, signed with the account's own secret; the sandbox's
// signed deliveries then reach the database through the route and the local Inngest runner.

const KEY = "shipbob-webhook-test-key";
// server/env reads the environment once, on first import: both ports are reserved first.
const { SANDBOX_PORT, APP_PORT } = await vi.hoisted(async () => {
  const { freePort } = await import("@/dev/test/free-port");
  const [sandboxPort, appPort] = [await freePort(), await freePort()];
  Object.assign(process.env, { SHIPBOB_API_URL: `http://localhost:${sandboxPort}`, APP_URL: `http://127.0.0.1:${appPort}`, SHIPBOB_WEBHOOK_SECRET: "shipbob-webhook-test-key" });
  return { SANDBOX_PORT: sandboxPort, APP_PORT: appPort };
});

const afterCallbacks = vi.hoisted(() => [] as Array<() => Promise<void>>);
vi.mock("next/server", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/server")>()),
  after: (callback: () => Promise<void>) => void afterCallbacks.push(callback),
}));

const ACCOUNT = "100001"; // the sandbox account's ShipBob Default channel: the connection's externalAccountId
const SECRET = shipbobWebhookSecret(KEY, ACCOUNT);
const URL_OF_ACCOUNT = `http://127.0.0.1:${APP_PORT}/api/webhooks/shipbob?account=${ACCOUNT}`;
let sandbox: ShipBobSandbox;
let harness: InngestHarness;
let intake: WebhookIntake;
let connectionId: string;

beforeAll(async () => {
  const EPOCH = Date.now();
  sandbox = await startShipBobSandbox({
    seed: "webhook-route",
    epoch: EPOCH,
    volume: { orders: 20, products: 5, centres: 2, returns: 2 },
    shopify: { seed: "meridian-demo.myshopify.com", epoch: EPOCH, volume: { orders: 6, products: 5 } },
    port: SANDBOX_PORT,
  });
  harness = await withInngestRunner(inngest, [processWebhookJob]);
  intake = await serveWebhookRoute(POST, afterCallbacks, APP_PORT);
  const { owner, workspace } = await buildWorkspaceWithOwner("ShipBob Hooks");
  ({ id: connectionId } = await callerFor(owner).connection.create({ workspaceSlug: workspace.slug, provider: "SHIPBOB", credentials: { token: SHIPBOB_DEV.pat } }));
});
afterAll(async () => {
  await intake?.close();
  await harness?.stop();
  await sandbox?.stop();
});

/** The stored delivery once processing is done with it. */
async function processed(webhookId: string) {
  for (const deadline = Date.now() + 30_000; ; ) {
    const stored = await db.webhookEvent.findUnique({ where: { provider_externalId: { provider: "SHIPBOB", externalId: `${ACCOUNT}/${webhookId}` } } });
    if (stored && stored.status !== "RECEIVED") return stored;
    if (Date.now() > deadline) throw new Error(`Delivery ${webhookId} was not processed: ${stored?.status ?? "not stored"}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** A delivery signed by hand (what the sandbox never sends: other secrets, old timestamps, odd bodies). */
async function deliver(topic: string, body: string, options: { secret?: string; at?: number; id?: string } = {}) {
  const signed = standardWebhookHeaders({ id: options.id ?? `msg_${randomUUID()}`, timestampSeconds: Math.floor((options.at ?? Date.now()) / 1000), body, secret: options.secret ?? SECRET });
  const response = await fetch(URL_OF_ACCOUNT, { method: "POST", body, headers: { "content-type": "application/json", "x-webhook-topic": topic, ...signed } });
  return { status: response.status, body: (await response.json()) as { result: string; detail?: string } };
}

/** A body the sandbox sent for an order.* topic: a shipment. */
const shipmentBody = () => sandbox.deliveries.find((d) => d.topic.startsWith("order."))!.body;
const shipmentRow = (externalId: number) => db.shipment.findFirstOrThrow({ where: { connectionId, externalId: String(externalId) } });

describe("ShipBob webhooks through /api/webhooks/shipbob", () => {
  it("connecting subscribes the account to every topic at its own address, signed with its own secret", () => {
    expect(sandbox.subscriptions()).toEqual([expect.objectContaining({ url: URL_OF_ACCOUNT, topics: Object.keys(SHIPBOB_WEBHOOK_TOPICS), secret: SECRET })]);
    // Another account's secret differs: one leaked secret signs for no other account.
    expect(shipbobWebhookSecret(KEY, "200001")).not.toBe(SECRET);
  });

  it("applies a shipment's status change from the sandbox's signed delivery, stores a repeated webhook-id once, and an older copy changes nothing", async () => {
    // Steps before shipping are not announced: the shipment is moved on until it is shipped.
    let [moved] = await sandbox.advanceShipments({ count: 1 });
    while (!moved!.topic) [moved] = await sandbox.advanceShipments({ shipmentId: moved!.shipmentId });
    const first = sandbox.deliveries.at(-1)!;
    expect(first.url).toBe(URL_OF_ACCOUNT);
    const firstId = first.headers["webhook-id"]!;
    expect(await processed(firstId)).toMatchObject({ status: "PROCESSED", topic: moved!.topic });
    expect(await shipmentRow(moved!.shipmentId)).toMatchObject({ status: moved!.status, storeOrderReference: expect.any(String) });

    // ShipBob's retry of the same message: acknowledged, stored once.
    const again = await fetch(first.url, { method: "POST", body: first.body, headers: first.headers });
    expect([again.status, await again.json()]).toEqual([200, { ok: true, result: "duplicate" }]);
    expect(await db.webhookEvent.count({ where: { provider: "SHIPBOB", externalId: `${ACCOUNT}/${firstId}` } })).toBe(1);

    // The shipment moves on; the first copy arriving late, as a new message, does not roll it back.
    const [later] = await sandbox.advanceShipments({ shipmentId: moved!.shipmentId });
    await processed(sandbox.deliveries.at(-1)!.headers["webhook-id"]!);
    expect((await shipmentRow(moved!.shipmentId)).status).toBe(later!.status);
    const late = `msg_${randomUUID()}`;
    expect((await deliver(moved!.topic!, first.body, { id: late })).status).toBe(200);
    await processed(late);
    expect((await shipmentRow(moved!.shipmentId)).status).toBe(later!.status);
  });

  it("stores a return from return.created", async () => {
    const [delivery] = await sandbox.createReturn({ orderId: 400_000_001 });
    await processed(delivery!.headers["webhook-id"]!);
    const { id } = JSON.parse(delivery!.body) as { id: number };
    expect(await db.returnOrder.findFirstOrThrow({ where: { connectionId, externalId: String(id) } })).toMatchObject({ status: "AwaitingArrival" });
  });

  it("refuses a wrong signature and a stale timestamp with 401, storing nothing", async () => {
    const body = shipmentBody();
    const before = await db.webhookEvent.count();
    const other = shipbobWebhookSecret(KEY, "200001");
    expect(await deliver("order.shipped", body, { secret: other })).toEqual({ status: 401, body: { ok: false, result: "invalid_signature" } });
    expect(await deliver("order.shipped", body, { at: Date.now() - 6 * 60_000 })).toEqual({ status: 401, body: { ok: false, result: "stale_timestamp" } });
    expect(await db.webhookEvent.count()).toBe(before);
  });

  it("acknowledges a topic it does not handle without storing it, and refuses a malformed body with 400 naming the field", async () => {
    const before = await db.webhookEvent.count();
    expect(await deliver("billing.charge.created", JSON.stringify({ id: 1 }))).toEqual({ status: 200, body: { ok: true, result: "ignored_topic" } });
    const { status: _status, ...withoutStatus } = JSON.parse(shipmentBody()) as Record<string, unknown>;
    const malformed = await deliver("order.shipped", JSON.stringify(withoutStatus));
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ result: "malformed_payload", detail: expect.stringMatching(/^Malformed ShipBob order\.shipped delivery: status: [^;]*$/) });
    expect(await db.webhookEvent.count()).toBe(before);
  });
});
