import { describe, expect, it } from "vitest";
import { webhookDedupeKey } from "./webhook-headers";

const SHOP = "picker-test.myshopify.com";

describe("webhookDedupeKey", () => {
  it("keys on shop, topic and X-Shopify-Event-Id, falling back to the Webhook-Id", () => {
    const base = { shop: SHOP, topic: "orders/updated", webhookId: "w1" };
    expect(webhookDedupeKey({ ...base, eventId: "e1" })).toBe(`${SHOP}/orders/updated/event:e1`);
    expect(webhookDedupeKey({ ...base, eventId: "e1", webhookId: "w2" })).toBe(webhookDedupeKey({ ...base, eventId: "e1" }));
    expect(webhookDedupeKey({ ...base, topic: "orders/cancelled", eventId: "e1" })).not.toBe(webhookDedupeKey({ ...base, eventId: "e1" }));
    expect(webhookDedupeKey({ ...base, eventId: null })).toBe(`${SHOP}/orders/updated/webhook:w1`);
  });
});
