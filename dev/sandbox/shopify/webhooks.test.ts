import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ShopifySandbox } from "./server";
import type { SandboxShop } from "./shop";
import { adminGraphql, installedSandbox, type GraphqlResult } from "./testing";

const DOMAIN = "hooks.myshopify.com";
const SECRET = "test-api-secret";

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  raw: string;
}

let receiver: Server;
let receiverUrl: string;
const received: Received[] = [];
let sandbox: ShopifySandbox;
let shop: SandboxShop;
let token: string;
let query: (q: string, v?: Record<string, unknown>) => Promise<GraphqlResult>;

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ path: req.url!, headers: req.headers, raw: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  ({ sandbox, query, token } = await installedSandbox({ domain: DOMAIN, volume: { orders: 60 } }, { webhookTarget: `${receiverUrl}/app-target` }));
  shop = sandbox.shop(DOMAIN);
});
afterAll(async () => {
  await sandbox.stop();
  await new Promise((resolve) => receiver.close(resolve));
});
beforeEach(() => {
  received.length = 0;
});

/** What the app must do: base64 HMAC-SHA256 of the raw body with the app secret, compared timing-safe. */
function verifies(delivery: Received): boolean {
  const expected = createHmac("sha256", SECRET).update(delivery.raw).digest();
  const given = Buffer.from(String(delivery.headers["x-shopify-hmac-sha256"]), "base64");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

describe("webhook deliveries", () => {
  it("delivers a signed, REST-shaped orders/updated to the registered subscription", async () => {
    const created = await query(`mutation($uri: String!) { webhookSubscriptionCreate(topic: ORDERS_UPDATED, webhookSubscription: { uri: $uri }) { userErrors { message } } }`, { uri: `${receiverUrl}/orders` });
    expect(created.body.data!.webhookSubscriptionCreate).toEqual({ userErrors: [] });

    const order = shop.updateOrder(shop.store.orders.summaries()[7]!.id, { note: "gift wrap" });
    const [delivery] = await shop.sendWebhook("orders/updated", { id: order.id });
    expect(delivery!.status).toBe(200);

    expect(received).toHaveLength(1);
    const got = received[0]!;
    expect(got.path).toBe("/orders");
    expect(verifies(got)).toBe(true);
    expect(verifies({ ...got, raw: got.raw.replace("gift wrap", "gift-wrap") })).toBe(false);
    expect(got.headers).toMatchObject({
      "content-type": "application/json",
      "x-shopify-topic": "orders/updated",
      "x-shopify-shop-domain": DOMAIN,
      "x-shopify-api-version": "2026-10",
      "x-shopify-webhook-id": delivery!.webhookId,
      "x-shopify-event-id": delivery!.eventId,
      "x-shopify-triggered-at": expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    const body = JSON.parse(got.raw) as Record<string, unknown> & { line_items: { id: number; admin_graphql_api_id: string }[] };
    expect(body).toMatchObject({ id: order.id, admin_graphql_api_id: `gid://shopify/Order/${order.id}`, note: "gift wrap", name: order.name });
    expect(body.line_items[0]).toMatchObject({ id: order.lineItems[0]!.id, admin_graphql_api_id: `gid://shopify/LineItem/${order.lineItems[0]!.id}` });
  });

  it("re-sends the same delivery as a duplicate (same webhook and event ids, same body)", async () => {
    const [first] = await shop.sendWebhook("products/update", { id: shop.store.products.summaries()[0]!.id, url: `${receiverUrl}/products` });
    await shop.redeliver(first!);
    expect(received).toHaveLength(2);
    expect(received[1]!.raw).toBe(received[0]!.raw);
    expect(received[1]!.headers["x-shopify-webhook-id"]).toBe(received[0]!.headers["x-shopify-webhook-id"]);
    expect(received[1]!.headers["x-shopify-event-id"]).toBe(received[0]!.headers["x-shopify-event-id"]);
  });

  it("sends compliance topics to the app's configured target", async () => {
    const customerId = shop.store.orders.summaries().find((o) => o.customerId !== null)!.customerId!;
    await shop.sendWebhook("customers/redact", { id: customerId });
    await shop.sendWebhook("shop/redact");
    expect(received.map((r) => [r.path, r.headers["x-shopify-topic"]])).toEqual([
      ["/app-target", "customers/redact"],
      ["/app-target", "shop/redact"],
    ]);
    const redact = JSON.parse(received[0]!.raw) as { shop_domain: string; customer: { id: number }; orders_to_redact: number[] };
    expect(redact.shop_domain).toBe(DOMAIN);
    expect(redact.customer.id).toBe(customerId);
    expect(redact.orders_to_redact).toEqual(shop.store.orders.summaries().filter((o) => o.customerId === customerId).map((o) => o.id));
    expect(received.every(verifies)).toBe(true);
  });

  it("can be driven over HTTP by the dev UI and browser tests", async () => {
    const response = await fetch(`${sandbox.url}/_sandbox/sendWebhook`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ shop: DOMAIN, topic: "inventory_levels/update", url: `${receiverUrl}/inventory` }),
    });
    expect(response.status).toBe(200);
    expect(received).toHaveLength(1);
    expect(JSON.parse(received[0]!.raw)).toMatchObject({ inventory_item_id: expect.any(Number), location_id: expect.any(Number), available: expect.any(Number) });
  });

  it("deleting an order or a customer with notify delivers orders/delete and customers/delete in Shopify's shapes, once", async () => {
    const control = async (name: string, id: number) => {
      const response = await fetch(`${sandbox.url}/_sandbox/${name}`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ shop: DOMAIN, id, notify: true }),
      });
      return (await response.json()) as { deleted: boolean; deliveries?: unknown[] };
    };
    const order = shop.store.orders.summaries()[3]!;
    const customer = shop.createCustomer();
    expect(await control("deleteOrder", order.id)).toMatchObject({ deleted: true, deliveries: [expect.objectContaining({ topic: "orders/delete", status: 200 })] });
    expect(await control("deleteCustomer", customer.id)).toMatchObject({ deleted: true, deliveries: [expect.objectContaining({ topic: "customers/delete", status: 200 })] });
    // Nothing left to delete: nothing announced.
    expect(await control("deleteOrder", order.id)).toEqual({ deleted: false });

    expect(received.map((r) => r.headers["x-shopify-topic"])).toEqual(["orders/delete", "customers/delete"]);
    expect(received.every(verifies)).toBe(true);
    expect(JSON.parse(received[0]!.raw)).toEqual({ id: order.id });
    expect(JSON.parse(received[1]!.raw)).toEqual({
      id: customer.id,
      phone: null,
      addresses: [],
      tax_exemptions: [],
      email_marketing_consent: null,
      sms_marketing_consent: null,
      admin_graphql_api_id: `gid://shopify/Customer/${customer.id}`,
    });
  });

  it("uninstall revokes the token, drops subscriptions and delivers app/uninstalled", async () => {
    await query(`mutation($uri: String!) { webhookSubscriptionCreate(topic: APP_UNINSTALLED, webhookSubscription: { uri: $uri }) { userErrors { message } } }`, { uri: `${receiverUrl}/uninstalled` });
    const deliveries = await shop.uninstall();
    expect(deliveries.map((d) => d.status)).toEqual([200]);
    expect(received[0]!.path).toBe("/uninstalled");
    expect(JSON.parse(received[0]!.raw)).toMatchObject({ myshopify_domain: DOMAIN, domain: DOMAIN });
    expect((await adminGraphql(sandbox, DOMAIN, token, "{ shop { id } }")).status).toBe(401);
    expect(shop.subscriptions.list()).toEqual([]);
  });
});
