import { createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { startShopifySandbox, type ShopifySandbox } from "@/dev/sandbox/shopify";
import { buildPayload } from "@/dev/sandbox/shopify/webhooks";
import { serveWebhookRoute, type WebhookIntake } from "@/dev/test/serve-webhook-intake";
import { inngest } from "@/inngest/client";
import { orderRecord, transactionRecord } from "@/prisma/factories/commerce";
import { buildConnection } from "@/prisma/factories/connections";
import { buildWorkspaceWithOwner } from "@/prisma/factories/members";
import { MAX_WEBHOOK_BODY_BYTES } from "@/server/connectors/shopify";
import { db } from "@/server/db";
import { ingestOrders } from "@/server/ingest";
import { processWebhook } from "@/server/services/webhooks/process-webhook";
import { findUnqueuedWebhooks, queueWebhookEvents, REQUEUE_AFTER_MS } from "@/server/services/webhooks/queue-webhook-events";
import { POST as route } from "./route";

// Shopify's deliveries through the generic route, at /api/webhooks/shopify (the URL in the app's
// settings): the route's `[provider]` is `shopify`.
const POST = (request: Request) => route(request, { params: Promise.resolve({ provider: "shopify" }) });

vi.hoisted(() => Object.assign(process.env, { SHOPIFY_API_KEY: "webhook-key", SHOPIFY_API_SECRET: "webhook-secret" }));

// Next runs what the route hands to `after()` once the response has gone; outside Next the
// callbacks are collected and run by the intake server after it has written the reply.
const afterCallbacks = vi.hoisted(() => [] as Array<() => Promise<void>>);
vi.mock("next/server", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/server")>()),
  after: (callback: () => Promise<void>) => void afterCallbacks.push(callback),
}));

const SHOP = "hooks-test.myshopify.com";
const STRANGER = "stranger-test.myshopify.com";

let sandbox: ShopifySandbox;
let intake: WebhookIntake;
let appUrl: string;
let eventApi: Server;
let eventApiDown = false;
const events: Array<{ name: string; id?: string; data: Record<string, unknown> }> = [];

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function close(server: Server) {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

beforeAll(async () => {
  intake = await serveWebhookRoute(route, afterCallbacks);
  appUrl = `${intake.url}/shopify`;
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
  await intake.close();
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

/** Processes the one stored delivery of `topic`, as the process-webhook function would. */
async function processStored(topic: string) {
  const stored = await db.webhookEvent.findFirstOrThrow({ where: { topic } });
  return processWebhook({ workspaceId, webhookEventId: stored.id, topic });
}

/** A delivery built by hand, for what the sandbox never sends (bad signatures, odd bodies). */
async function postRaw(body: string, headers: Record<string, string>) {
  const response = await fetch(appUrl, { method: "POST", body, headers: { "content-type": "application/json", ...headers } });
  return { status: response.status, body: (await response.json()) as { result: string } };
}

const CHUNK = new Uint8Array(64 * 1024).fill(0x20);

/** A request body that never ends, counting what was read of it. */
function endlessBody() {
  let read = 0;
  let cancelled = false;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      read += CHUNK.byteLength;
      controller.enqueue(CHUNK);
    },
    cancel() {
      cancelled = true;
    },
    // Nothing is pulled ahead of a read.
  }, { highWaterMark: 0 });
  return { body, bytesRead: () => read, cancelled: () => cancelled };
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
      // What orders it against other copies of the order with the same updated_at.
      triggeredAt: new Date(delivery!.headers["X-Shopify-Triggered-At"]!),
    });
    expect(stored.payload).toEqual(JSON.parse(delivery!.body));
    await intake.settled();
    expect(events).toEqual([
      expect.objectContaining({
        name: "app/webhook.received",
        id: `webhook-${stored.id}`,
        data: { provider: "SHOPIFY", workspaceId, connectionId, webhookEventId: stored.id, topic: "orders/create" },
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
    await intake.settled();
    expect(events).toHaveLength(1);

    // One merchant action, another topic: a separate event.
    await shop.sendWebhook("orders/cancelled", { id: orderId(), eventId: delivery!.eventId });
    expect(await db.webhookEvent.count()).toBe(2);
    await intake.settled();
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
    await intake.settled();
    expect(events).toHaveLength(0);
  });

  it("acknowledges and ignores a shop with no connection", async () => {
    const [delivery] = await sandbox.shop(STRANGER).sendWebhook("orders/create", { id: orderId(STRANGER) });
    expect(delivery!.status).toBe(200);
    expect(await db.webhookEvent.count()).toBe(0);
    await intake.settled();
    expect(events).toHaveLength(0);
  });

  it("answers 400 to a payload that does not fit its topic, or is not JSON, and stores nothing", async () => {
    const [wrongShape] = await sandbox.shop(SHOP).sendWebhook("orders/create", { payload: { name: "#1001" } });
    expect(wrongShape!.status).toBe(400);
    const [badInventory] = await sandbox.shop(SHOP).sendWebhook("inventory_levels/update", {
      payload: { inventory_item_id: 1, location_id: 2, available: "many", updated_at: "2026-11-01T00:00:00Z" },
    });
    expect(badInventory!.status).toBe(400);
    // The reply names the field.
    const badBody = JSON.stringify({ inventory_item_id: 1, location_id: 2, available: "many", updated_at: "2026-11-01T00:00:00Z" });
    expect((await postRaw(badBody, signedHeaders(badBody, "inventory_levels/update"))).body).toMatchObject({ result: "malformed_payload", detail: expect.stringContaining("available:") });
    const notJson = "{ not json";
    expect(await postRaw(notJson, signedHeaders(notJson, "orders/create"))).toEqual({
      status: 400,
      body: { ok: false, result: "malformed_payload", detail: "Malformed Shopify order webhook payload: (body): not JSON" },
    });
    expect(await db.webhookEvent.count()).toBe(0);
    await intake.settled();
    expect(events).toHaveLength(0);
  });

  it("judges a body at intake as processing does: null created_at and variant timestamps applied, a null updated_at refused", async () => {
    const shop = sandbox.shop(SHOP);
    // Product bodies name no currency: an order stored first gives the shop's.
    await shop.sendWebhook("orders/create", { id: orderId() });
    await processStored("orders/create");
    const productId = shop.store.products.summaries()[0]!.id;
    const product = buildPayload(shop, "products/create", { id: productId }) as Record<string, unknown> & { updated_at: string; variants: object[] };
    // As in Shopify's own products/create example (and older versions' variants).
    const body = JSON.stringify({ ...product, created_at: null, variants: product.variants.map((v) => ({ ...v, created_at: null, updated_at: null })) });
    expect(await postRaw(body, signedHeaders(body, "products/create"))).toEqual({ status: 200, body: { ok: true, result: "accepted" } });
    expect(await processStored("products/create")).toMatchObject({ status: "PROCESSED" });
    const stored = await db.product.findFirstOrThrow({ where: { connectionId, externalId: String(productId) }, include: { variants: true } });
    expect(stored.sourceCreatedAt).toEqual(new Date(product.updated_at));
    expect(stored.variants.map((v) => v.sourceUpdatedAt)).toEqual(product.variants.map(() => new Date(product.updated_at)));

    // What processing could not order against other copies is refused at intake, naming the field.
    const withoutUpdatedAt = JSON.stringify({ ...product, updated_at: null });
    expect(await postRaw(withoutUpdatedAt, signedHeaders(withoutUpdatedAt, "products/create"))).toEqual({
      status: 400,
      body: { ok: false, result: "malformed_payload", detail: expect.stringContaining("updated_at") },
    });
    expect(await db.webhookEvent.count({ where: { topic: "products/create" } })).toBe(1);
  });

  it("accepts and applies an app/uninstalled whose body has no domains: the shop is the header's", async () => {
    const body = JSON.stringify({ ...sandbox.shop(SHOP).restShop(), myshopify_domain: null, domain: null });
    expect(await postRaw(body, signedHeaders(body, "app/uninstalled"))).toEqual({ status: 200, body: { ok: true, result: "accepted" } });
    expect(await db.webhookEvent.findFirstOrThrow()).toMatchObject({ topic: "app/uninstalled", connectionId });
    expect(await processStored("app/uninstalled")).toMatchObject({ status: "PROCESSED" });
    expect(await db.connection.findUniqueOrThrow({ where: { id: connectionId } })).toMatchObject({ status: "DISCONNECTED" });
  });

  it("keeps shop money and presentment money apart: a refund paid in the buyer's currency leaves the synced shop-money transaction as it is", async () => {
    const usd = (amount: string) => ({ amount, currency: "USD" });
    // What the sync stored, in shop money (GraphQL's amountSet.shopMoney): the sale and the refund.
    const refundTransaction = transactionRecord("179259969", { kind: "REFUND", parentExternalId: "801038806", amount: usd("22.00") });
    await ingestOrders({ workspaceId, connectionId }, [
      orderRecord("5210499102123", { transactions: [transactionRecord("801038806", { amount: usd("99.00") }), refundTransaction] }),
    ]);
    // A later orders/updated of an order paid in EUR: REST gives the refund's transaction in EUR only.
    const bag = (shop: string, presentment: string) => ({ shop_money: { amount: shop, currency_code: "USD" }, presentment_money: { amount: presentment, currency_code: "EUR" } });
    const body = JSON.stringify({
      id: 5210499102123,
      name: "#9999",
      currency: "USD",
      presentment_currency: "EUR",
      total_price: "99.00",
      total_price_set: bag("99.00", "90.20"),
      created_at: "2026-03-02T05:11:12-05:00",
      updated_at: "2026-03-03T03:00:00-05:00",
      line_items: [{ id: 13822108123456, title: "IPod Nano - 8GB", quantity: 3, price: "33.00", price_set: bag("33.00", "30.07") }],
      refunds: [
        {
          id: 509562969,
          created_at: "2026-03-03T03:00:00-05:00",
          refund_line_items: [{ line_item_id: 13822108123456, quantity: 1, subtotal: "20.00", subtotal_set: bag("20.00", "18.20"), total_tax: "2.00", total_tax_set: bag("2.00", "1.82") }],
          transactions: [{ id: 179259969, kind: "refund", status: "success", gateway: "bogus", amount: "20.02", currency: "EUR", parent_id: 801038806 }],
        },
      ],
    });
    expect((await postRaw(body, signedHeaders(body, "orders/updated"))).body.result).toBe("accepted");
    expect(await processStored("orders/updated")).toMatchObject({ status: "PROCESSED" });
    const order = await db.order.findFirstOrThrow({ where: { connectionId, externalId: "5210499102123" }, include: { transactions: { orderBy: { externalId: "asc" } }, refunds: true } });
    expect(order.transactions.map((t) => [t.externalId, t.kind, String(t.amount), t.currency])).toEqual([
      ["179259969", "REFUND", "22", "USD"],
      ["801038806", "SALE", "99", "USD"],
    ]);
    // The refund's total in shop money: its lines and their tax, as the body gives them in shop money.
    expect(order.refunds.map((r) => [r.externalId, String(r.total), r.currency])).toEqual([["509562969", "22", "USD"]]);
    expect([String(order.totalRefunded), order.currency]).toEqual(["22", "USD"]);
  });

  it("keys a delivery without X-Shopify-Event-Id (older API versions) by its X-Shopify-Webhook-Id, and sees it when it arrived", async () => {
    const body = JSON.stringify(buildPayload(sandbox.shop(SHOP), "orders/updated", { id: orderId() }));
    const { "x-shopify-event-id": _, ...headers } = signedHeaders(body, "orders/updated");
    expect(await postRaw(body, headers)).toEqual({ status: 200, body: { ok: true, result: "accepted" } });
    // Shopify's retry carries the same Webhook-Id.
    expect(await postRaw(body, headers)).toEqual({ status: 200, body: { ok: true, result: "duplicate" } });
    const stored = await db.webhookEvent.findFirstOrThrow();
    expect(stored).toMatchObject({ externalId: `${SHOP}/orders/updated/webhook:${headers["x-shopify-webhook-id"]}`, triggeredAt: null });
    expect(await processStored("orders/updated")).toMatchObject({ status: "PROCESSED" });
    expect(await db.order.findFirstOrThrow({ where: { connectionId, externalId: String(orderId()) } })).toMatchObject({ observedAt: stored.receivedAt });
    // Another delivery (a second subscription's, which older versions cannot name as the same action) is its own.
    const { "x-shopify-event-id": __, ...another } = signedHeaders(body, "orders/updated");
    expect((await postRaw(body, another)).body.result).toBe("accepted");
    expect(await db.webhookEvent.count()).toBe(2);
  });

  it("refuses on the headers before reading the body: missing headers, a malformed HMAC, a declared length over the cap", async () => {
    const body = JSON.stringify({ id: 1, updated_at: "2026-11-01T00:00:00Z" });
    const { "x-shopify-webhook-id": _, ...withoutWebhookId } = signedHeaders(body, "orders/create");
    const cases: Array<[Record<string, string>, number, string]> = [
      [withoutWebhookId, 400, "missing_headers"],
      [signedHeaders(body, "orders/create", { "x-shopify-hmac-sha256": "not-base64-of-32-bytes" }), 401, "invalid_hmac"],
      [signedHeaders(body, "orders/create", { "content-length": String(MAX_WEBHOOK_BODY_BYTES + 1) }), 413, "payload_too_large"],
      [signedHeaders(body, "orders/create", { "x-shopify-triggered-at": "yesterday" }), 400, "invalid_headers"],
      // Nothing is done for a topic Meridian does not handle, so its body is not worth reading.
      [signedHeaders(body, "orders/paid"), 200, "ignored_topic"],
    ];
    for (const [headers, status, result] of cases) {
      const stream = endlessBody();
      const response = await POST(new Request(appUrl, { method: "POST", headers, body: stream.body, duplex: "half" } as RequestInit));
      expect([response.status, ((await response.json()) as { result: string }).result]).toEqual([status, result]);
      expect(stream.bytesRead()).toBe(0);
    }
    expect(await db.webhookEvent.count()).toBe(0);
  });

  it("answers 413 to a body over the cap as soon as it passes it, without reading the rest", async () => {
    // Chunked, no Content-Length: only the reading can find out, and the body never ends.
    const stream = endlessBody();
    const response = await POST(new Request(appUrl, { method: "POST", headers: signedHeaders("", "orders/create"), body: stream.body, duplex: "half" } as RequestInit));
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ ok: false, result: "payload_too_large" });
    expect(stream.bytesRead()).toBeGreaterThan(MAX_WEBHOOK_BODY_BYTES);
    expect(stream.bytesRead()).toBeLessThanOrEqual(MAX_WEBHOOK_BODY_BYTES + CHUNK.byteLength);
    expect(stream.cancelled()).toBe(true);
  });

  it("answers 413 to a signed body over the cap, over HTTP, and stores nothing", async () => {
    const body = JSON.stringify({ id: 1, updated_at: "2026-11-01T00:00:00Z", note: "x".repeat(MAX_WEBHOOK_BODY_BYTES) });
    expect(await postRaw(body, signedHeaders(body, "orders/create"))).toEqual({ status: 413, body: { ok: false, result: "payload_too_large" } });
    expect(await db.webhookEvent.count()).toBe(0);
  });

  it("stores an order as large as Shopify sends: 500 line items, each fulfilled and refunded", async () => {
    const lineItem = (i: number) => ({ id: 10_000 + i, title: `Item ${i}`, quantity: 1, price: "9.99", padding: "x".repeat(2_000) });
    const lines = Array.from({ length: 500 }, (_, i) => lineItem(i));
    const order = {
      id: 42,
      name: "#42",
      currency: "USD",
      total_price: "4995.00",
      created_at: "2026-11-01T00:00:00Z",
      updated_at: "2026-11-01T00:00:00Z",
      line_items: lines,
      fulfillments: [{ id: 1, line_items: lines }],
      refunds: [{ id: 2, refund_line_items: lines.map((line) => ({ line_item_id: line.id, quantity: 1, subtotal: "9.99", line_item: line })) }],
    };
    const body = JSON.stringify(order);
    expect(body.length).toBeGreaterThan(3_000_000);
    expect((await postRaw(body, signedHeaders(body, "orders/updated"))).status).toBe(200);
    expect(await db.webhookEvent.count()).toBe(1);
  });

  it("refuses a compliance body that names another shop than the header", async () => {
    const body = JSON.stringify({ shop_id: 1, shop_domain: STRANGER });
    expect(await postRaw(body, signedHeaders(body, "shop/redact"))).toEqual({ status: 400, body: { ok: false, result: "account_mismatch", detail: `the body names ${STRANGER}` } });
    expect(await db.webhookEvent.count()).toBe(0);
  });

  it("accepts every handled topic, compliance ones included, and acknowledges topics it does not handle", async () => {
    const shop = sandbox.shop(SHOP);
    const customerId = shop.store.customers.summaries()[0]!.id;
    const productId = shop.store.products.summaries()[0]!.id;
    const sent = [
      ...(await shop.sendWebhook("orders/delete", { id: orderId() })),
      ...(await shop.sendWebhook("products/update", { id: productId })),
      ...(await shop.sendWebhook("products/delete", { id: productId })),
      ...(await shop.sendWebhook("customers/update", { id: customerId })),
      ...(await shop.sendWebhook("customers/delete", { id: customerId })),
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
        "customers/delete",
        "customers/redact",
        "customers/update",
        "inventory_levels/update",
        "orders/delete",
        "products/delete",
        "products/update",
        "shop/redact",
      ].sort(),
    );

    const body = JSON.stringify({ id: 5 });
    expect(await postRaw(body, signedHeaders(body, "orders/paid"))).toEqual({ status: 200, body: { ok: true, result: "ignored_topic" } });
  });

  it("stores a payload whose strings hold U+0000, which jsonb refuses, with U+FFFD in its place", async () => {
    const payload = { ...(buildPayload(sandbox.shop(SHOP), "orders/updated", { id: orderId() }) as object), note: "a\u0000b", literal: "\\u0000" };
    const [delivery] = await sandbox.shop(SHOP).sendWebhook("orders/updated", { payload });
    expect(delivery!.body).toContain("a\\u0000b");
    expect(delivery!.status).toBe(200);
    const stored = await db.webhookEvent.findFirstOrThrow();
    expect(stored.payload).toMatchObject({ note: "a\ufffdb", literal: "\\u0000" });
  });

  it("records when the event reached Inngest", async () => {
    await sandbox.shop(SHOP).sendWebhook("orders/create", { id: orderId() });
    await intake.settled();
    const stored = await db.webhookEvent.findFirstOrThrow();
    expect(stored.queuedAt).not.toBeNull();
    expect(await findUnqueuedWebhooks({ now: new Date(Date.now() + 2 * REQUEUE_AFTER_MS) })).toEqual([]);
  });

  it("acknowledges a stored delivery whose event could not be sent, and the re-send after a minute hands it over once", async () => {
    eventApiDown = true;
    const [delivery] = await sandbox.shop(SHOP).sendWebhook("orders/create", { id: orderId() });
    expect(delivery!.status).toBe(200);
    await intake.settled();
    const stored = await db.webhookEvent.findFirstOrThrow();
    expect(stored).toMatchObject({ status: "RECEIVED", queuedAt: null });
    expect(events).toHaveLength(0);

    // Shopify's retry of it is a duplicate: the row is there, the scheduler owns the re-send.
    expect((await sandbox.shop(SHOP).redeliver(delivery!)).status).toBe(200);
    expect(await db.webhookEvent.count()).toBe(1);

    eventApiDown = false;
    expect(await findUnqueuedWebhooks()).toEqual([]);
    const due = await findUnqueuedWebhooks({ now: new Date(Date.now() + REQUEUE_AFTER_MS + 1_000) });
    expect(due).toEqual([{ provider: "SHOPIFY", webhookEventId: stored.id, workspaceId, connectionId, topic: "orders/create", sends: 0 }]);
    await queueWebhookEvents(due);
    // Under an id of its own: had the intake's send reached Inngest unrecorded, Inngest would drop a repeat of its id.
    expect(events).toEqual([
      expect.objectContaining({ id: `webhook-${stored.id}-r0`, data: { provider: "SHOPIFY", workspaceId, connectionId, webhookEventId: stored.id, topic: "orders/create" } }),
    ]);
    expect((await db.webhookEvent.findUniqueOrThrow({ where: { id: stored.id } })).queuedAt).not.toBeNull();
    expect(await findUnqueuedWebhooks({ now: new Date(Date.now() + REQUEUE_AFTER_MS + 1_000) })).toEqual([]);
  });
});
