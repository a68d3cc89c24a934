import { createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { startShopifySandbox, type ShopifySandbox } from "@/dev/sandbox/shopify";
import { inngest } from "@/inngest/client";
import { buildConnection } from "@/prisma/factories/connections";
import { buildWorkspaceWithOwner } from "@/prisma/factories/members";
import { db } from "@/server/db";
import { POST } from "./route";

vi.hoisted(() => Object.assign(process.env, { SHOPIFY_API_KEY: "webhook-key", SHOPIFY_API_SECRET: "webhook-secret" }));

const SHOP = "hooks-test.myshopify.com";
const STRANGER = "stranger-test.myshopify.com";

let sandbox: ShopifySandbox;
let app: Server;
let appUrl: string;
let eventApi: Server;
let eventApiDown = false;
const events: Array<{ name: string; data: Record<string, unknown> }> = [];

// The route handler behind a real HTTP server, so the sandbox delivers webhooks as Shopify does.
function serveRoute(): Server {
  return createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", async () => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
      const response = await POST(new Request(`http://app.test${req.url}`, { method: "POST", headers, body: Buffer.concat(chunks) }));
      res.writeHead(response.status, { "content-type": "application/json" }).end(await response.text());
    });
  });
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function close(server: Server) {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

beforeAll(async () => {
  app = serveRoute();
  appUrl = `${await listen(app)}/api/webhooks/shopify`;
  eventApi = createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk) => (raw += chunk));
    req.on("end", () => {
      if (eventApiDown) return void res.writeHead(401, { "content-type": "application/json" }).end(JSON.stringify({ error: "Event key not found" }));
      const body = JSON.parse(raw) as typeof events;
      events.push(...body);
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ids: body.map((_, i) => `e${i}`), status: 200 }));
    });
  });
  inngest.setEnvVars({ INNGEST_BASE_URL: await listen(eventApi), INNGEST_EVENT_KEY: "k", INNGEST_DEV: "0" });
  sandbox = await startShopifySandbox({
    apiKey: "webhook-key",
    apiSecret: "webhook-secret",
    webhookTarget: appUrl,
    shops: [
      { domain: SHOP, volume: { orders: 5 } },
      { domain: STRANGER, volume: { orders: 5 } },
    ],
  });
});

afterAll(async () => {
  await sandbox.stop();
  await close(app);
  await close(eventApi);
});

let workspaceId: string;
let connectionId: string;
beforeEach(async () => {
  await db.webhookEvent.deleteMany();
  await db.connection.deleteMany();
  events.length = 0;
  eventApiDown = false;
  ({
    workspace: { id: workspaceId },
  } = await buildWorkspaceWithOwner("Hooks"));
  ({ id: connectionId } = await buildConnection(workspaceId, { externalAccountId: SHOP }));
});

const orderId = (shop = SHOP) => sandbox.shop(shop).store.orders.summaries()[0]!.id;

/** A delivery built by hand, for what the sandbox never sends (bad signatures, odd bodies). */
async function postRaw(body: string, headers: Record<string, string>) {
  const response = await fetch(appUrl, { method: "POST", body, headers: { "content-type": "application/json", ...headers } });
  return { status: response.status, body: (await response.json()) as { result: string } };
}

function signedHeaders(body: string, topic: string, overrides: Record<string, string> = {}) {
  return {
    "x-shopify-topic": topic,
    "x-shopify-hmac-sha256": createHmac("sha256", "webhook-secret").update(body).digest("base64"),
    "x-shopify-shop-domain": SHOP,
    "x-shopify-api-version": "2026-10",
    "x-shopify-webhook-id": crypto.randomUUID(),
    "x-shopify-event-id": crypto.randomUUID(),
    ...overrides,
  };
}

describe("POST /api/webhooks/shopify", () => {
  it("stores a verified delivery for the shop's connection and hands it to Inngest", async () => {
    const [delivery] = await sandbox.shop(SHOP).sendWebhook("orders/create", { id: orderId() });
    expect(delivery!.status).toBe(200);

    const stored = await db.webhookEvent.findFirstOrThrow();
    expect(stored).toMatchObject({
      workspaceId,
      connectionId,
      provider: "SHOPIFY",
      topic: "orders/create",
      status: "RECEIVED",
      externalId: `${SHOP}/orders/create/event:${delivery!.eventId}`,
    });
    expect(stored.payload).toEqual(JSON.parse(delivery!.body));
    expect(events).toEqual([
      expect.objectContaining({
        name: "app/shopify.webhook.received",
        id: `shopify-webhook-${stored.id}`,
        data: { workspaceId, connectionId, webhookEventId: stored.id, topic: "orders/create" },
      }),
    ]);
  });

  it("acknowledges duplicates without storing or sending again: a retry, and the same event through a second subscription", async () => {
    const shop = sandbox.shop(SHOP);
    const [delivery] = await shop.sendWebhook("orders/updated", { id: orderId() });
    const retry = await shop.redeliver(delivery!);
    expect(retry.status).toBe(200);
    const [second] = await shop.sendWebhook("orders/updated", { id: orderId(), eventId: delivery!.eventId });
    expect(second!.status).toBe(200);
    expect(second!.webhookId).not.toBe(delivery!.webhookId);

    expect(await db.webhookEvent.count()).toBe(1);
    expect(events).toHaveLength(1);

    // One merchant action, another topic: a separate event.
    await shop.sendWebhook("orders/cancelled", { id: orderId(), eventId: delivery!.eventId });
    expect(await db.webhookEvent.count()).toBe(2);
    expect(events).toHaveLength(2);
  });

  it("answers 401 to a missing or wrong HMAC and stores nothing", async () => {
    const body = JSON.stringify({ id: 1, updated_at: "2026-11-01T00:00:00Z" });
    const { "x-shopify-hmac-sha256": _, ...unsigned } = signedHeaders(body, "orders/create");
    expect(await postRaw(body, unsigned)).toEqual({ status: 401, body: { ok: false, result: "missing_hmac" } });
    const wrongSecret = createHmac("sha256", "not-the-secret").update(body).digest("base64");
    expect((await postRaw(body, signedHeaders(body, "orders/create", { "x-shopify-hmac-sha256": wrongSecret }))).status).toBe(401);
    const tampered = body.replace("1", "2");
    expect((await postRaw(tampered, signedHeaders(body, "orders/create"))).status).toBe(401);
    expect(await db.webhookEvent.count()).toBe(0);
    expect(events).toHaveLength(0);
  });

  it("acknowledges and ignores a shop with no connection", async () => {
    const [delivery] = await sandbox.shop(STRANGER).sendWebhook("orders/create", { id: orderId(STRANGER) });
    expect(delivery!.status).toBe(200);
    expect(await db.webhookEvent.count()).toBe(0);
    expect(events).toHaveLength(0);
  });

  it("answers 400 to a payload that does not fit its topic, or is not JSON, and stores nothing", async () => {
    const [wrongShape] = await sandbox.shop(SHOP).sendWebhook("orders/create", { payload: { name: "#1001" } });
    expect(wrongShape!.status).toBe(400);
    const [badInventory] = await sandbox.shop(SHOP).sendWebhook("inventory_levels/update", {
      payload: { inventory_item_id: 1, location_id: 2, available: "many", updated_at: "2026-11-01T00:00:00Z" },
    });
    expect(badInventory!.status).toBe(400);
    const notJson = "{ not json";
    expect(await postRaw(notJson, signedHeaders(notJson, "orders/create"))).toEqual({ status: 400, body: { ok: false, result: "malformed_payload" } });
    expect(await db.webhookEvent.count()).toBe(0);
    expect(events).toHaveLength(0);
  });

  it("refuses a compliance body that names another shop than the header", async () => {
    const body = JSON.stringify({ shop_id: 1, shop_domain: STRANGER });
    expect(await postRaw(body, signedHeaders(body, "shop/redact"))).toEqual({ status: 400, body: { ok: false, result: "shop_mismatch" } });
    expect(await db.webhookEvent.count()).toBe(0);
  });

  it("accepts every handled topic, compliance ones included, and acknowledges topics it does not handle", async () => {
    const shop = sandbox.shop(SHOP);
    const customerId = shop.store.customers.summaries()[0]!.id;
    const productId = shop.store.products.summaries()[0]!.id;
    const sent = [
      ...(await shop.sendWebhook("products/update", { id: productId })),
      ...(await shop.sendWebhook("products/delete", { id: productId })),
      ...(await shop.sendWebhook("customers/update", { id: customerId })),
      ...(await shop.sendWebhook("inventory_levels/update")),
      ...(await shop.sendWebhook("customers/data_request", { id: customerId })),
      ...(await shop.sendWebhook("customers/redact", { id: customerId })),
      ...(await shop.sendWebhook("shop/redact")),
      ...(await shop.sendWebhook("app/uninstalled")),
    ];
    expect(sent.map((d) => d.status)).toEqual(sent.map(() => 200));
    expect((await db.webhookEvent.findMany({ orderBy: { receivedAt: "asc" } })).map((e) => e.topic).sort()).toEqual(
      [
        "app/uninstalled",
        "customers/data_request",
        "customers/redact",
        "customers/update",
        "inventory_levels/update",
        "products/delete",
        "products/update",
        "shop/redact",
      ].sort(),
    );

    const body = JSON.stringify({ id: 5 });
    expect(await postRaw(body, signedHeaders(body, "orders/paid"))).toEqual({ status: 200, body: { ok: true, result: "ignored_topic" } });
  });

  it("stores a payload whose strings hold U+0000, which jsonb refuses, with U+FFFD in its place", async () => {
    const payload = { id: 7, updated_at: "2026-11-01T00:00:00Z", note: "a\u0000b", literal: "\\u0000" };
    const [delivery] = await sandbox.shop(SHOP).sendWebhook("orders/updated", { payload });
    expect(delivery!.body).toContain("a\\u0000b");
    expect(delivery!.status).toBe(200);
    const stored = await db.webhookEvent.findFirstOrThrow();
    expect(stored.payload).toMatchObject({ note: "a\ufffdb", literal: "\\u0000" });
  });

  it("answers 503 and keeps nothing when the event cannot be queued, so Shopify's retry is processed", async () => {
    eventApiDown = true;
    const [delivery] = await sandbox.shop(SHOP).sendWebhook("orders/create", { id: orderId() });
    expect(delivery!.status).toBe(503);
    expect(await db.webhookEvent.count()).toBe(0);

    eventApiDown = false;
    expect((await sandbox.shop(SHOP).redeliver(delivery!)).status).toBe(200);
    expect(await db.webhookEvent.count()).toBe(1);
    expect(events).toHaveLength(1);
  });
});
