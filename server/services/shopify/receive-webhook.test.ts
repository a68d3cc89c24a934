import { describe, expect, it } from "vitest";
import { receiveShopifyWebhook, webhookDedupeKey } from "./receive-webhook";

const SHOP = "picker-test.myshopify.com";

describe("Shopify switched off (no SHOPIFY_API_KEY/SECRET)", () => {
  // Installs refused: server/services/connections/begin-connect.test.ts.
  it("answers webhooks 404", async () => {
    const reply = await receiveShopifyWebhook(new Request("http://x/api/webhooks/shopify", { method: "POST", body: "{}" }), { config: null });
    expect(reply).toEqual({ status: 404, body: { ok: false, result: "shopify_not_configured" } });
  });
});

describe("webhookDedupeKey", () => {
  it("keys on shop, topic and X-Shopify-Event-Id, falling back to the Webhook-Id", () => {
    const base = { shop: SHOP, topic: "orders/updated", webhookId: "w1" };
    expect(webhookDedupeKey({ ...base, eventId: "e1" })).toBe(`${SHOP}/orders/updated/event:e1`);
    expect(webhookDedupeKey({ ...base, eventId: "e1", webhookId: "w2" })).toBe(webhookDedupeKey({ ...base, eventId: "e1" }));
    expect(webhookDedupeKey({ ...base, topic: "orders/cancelled", eventId: "e1" })).not.toBe(webhookDedupeKey({ ...base, eventId: "e1" }));
    expect(webhookDedupeKey({ ...base, eventId: null })).toBe(`${SHOP}/orders/updated/webhook:w1`);
  });
});
