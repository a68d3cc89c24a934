import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { verifyShopifyWebhook } from "./webhook-verify";

const app = { apiKey: "key", apiSecret: "webhook-secret" };
const body = JSON.stringify({ id: 1, updated_at: "2026-11-01T00:00:00Z", note: "é ✓" });
const sign = (raw: string, secret = app.apiSecret) => createHmac("sha256", secret).update(raw).digest("base64");

function delivery(headers: Record<string, string | undefined>, raw = body): Request {
  const defined = Object.fromEntries(Object.entries(headers).filter((e): e is [string, string] => e[1] !== undefined));
  return new Request("http://app.test/api/webhooks/shopify", { method: "POST", headers: defined, body: raw });
}

const base = {
  "content-type": "application/json",
  "x-shopify-topic": "orders/updated",
  "x-shopify-shop-domain": "a.myshopify.com",
  "x-shopify-api-version": "2026-10",
  "x-shopify-webhook-id": "wh-1",
  "x-shopify-event-id": "ev-1",
  "x-shopify-triggered-at": "2026-11-01T00:00:00.000Z",
};

describe("verifyShopifyWebhook", () => {
  it("accepts the base64 HMAC of the raw body and reads the delivery headers", async () => {
    const result = await verifyShopifyWebhook(app, delivery({ ...base, "x-shopify-hmac-sha256": sign(body) }), body);
    expect(result).toEqual({
      ok: true,
      topic: "orders/updated",
      shop: "a.myshopify.com",
      webhookId: "wh-1",
      eventId: "ev-1",
      apiVersion: "2026-10",
      triggeredAt: "2026-11-01T00:00:00.000Z",
    });
  });

  it("rejects a missing HMAC, a wrong one, another secret's and a changed body", async () => {
    expect(await verifyShopifyWebhook(app, delivery(base), body)).toMatchObject({ ok: false, reason: "missing_hmac" });
    expect(await verifyShopifyWebhook(app, delivery({ ...base, "x-shopify-hmac-sha256": "AAAA" }), body)).toMatchObject({ ok: false, reason: "invalid_hmac" });
    expect(await verifyShopifyWebhook(app, delivery({ ...base, "x-shopify-hmac-sha256": sign(body, "old-secret") }), body)).toMatchObject({
      ok: false,
      reason: "invalid_hmac",
    });
    const changed = body.replace("1", "2");
    expect(await verifyShopifyWebhook(app, delivery({ ...base, "x-shopify-hmac-sha256": sign(body) }, changed), changed)).toMatchObject({
      ok: false,
      reason: "invalid_hmac",
    });
  });

  it("rejects a signed delivery without the headers Shopify always sends", async () => {
    const result = await verifyShopifyWebhook(app, delivery({ ...base, "x-shopify-webhook-id": undefined, "x-shopify-hmac-sha256": sign(body) }), body);
    expect(result).toEqual({ ok: false, reason: "missing_headers", detail: "X-Shopify-Webhook-Id" });
  });
});
