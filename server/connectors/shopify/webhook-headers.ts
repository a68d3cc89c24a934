import type { WebhookHeaders, WebhookRefusal } from "../_core/webhooks";
import { shopifyWebhookHeader } from "./webhook-verify";

// What the X-Shopify-* headers of a delivery say, and what they alone refuse, before a byte of the
// body is read.

// HMAC-SHA256 in base64: 32 bytes are 44 characters, the last one `=` padding.
const HMAC_FORMAT = /^[A-Za-z0-9+/]{43}=$/;
const REQUIRED_HEADERS = { topic: "X-Shopify-Topic", "shop-domain": "X-Shopify-Shop-Domain", "api-version": "X-Shopify-API-Version", "webhook-id": "X-Shopify-Webhook-Id" } as const;

/**
 * A missing or malformed HMAC is 401, a missing header 400, an X-Shopify-Triggered-At that is not a
 * date-time 400. Otherwise the delivery the headers describe (the HMAC itself is checked against
 * the body in webhook-verify.ts).
 */
export function screenShopifyWebhook(headers: Headers): WebhookHeaders | WebhookRefusal {
  const hmac = shopifyWebhookHeader(headers, "hmac-sha256");
  if (!hmac) return { status: 401, reason: "missing_hmac" };
  if (!HMAC_FORMAT.test(hmac)) return { status: 401, reason: "invalid_hmac", detail: "not a base64 HMAC-SHA256" };
  const missing = Object.entries(REQUIRED_HEADERS).filter(([name]) => !shopifyWebhookHeader(headers, name));
  if (missing.length > 0) return { status: 400, reason: "missing_headers", detail: missing.map(([, header]) => header).join(", ") };
  const triggeredAt = triggeredAtOf(headers);
  if (triggeredAt === undefined) return { status: 400, reason: "invalid_headers", detail: "X-Shopify-Triggered-At is not a date-time" };
  // Present: checked above.
  const header = (name: keyof typeof REQUIRED_HEADERS) => shopifyWebhookHeader(headers, name)!;
  const shop = header("shop-domain").toLowerCase();
  const topic = header("topic");
  return {
    topic,
    account: shop,
    dedupeKey: webhookDedupeKey({ shop, topic, eventId: shopifyWebhookHeader(headers, "event-id"), webhookId: header("webhook-id") }),
    triggeredAt,
  };
}

/**
 * When Shopify triggered the delivery: null when absent (a test notification, an older version);
 * undefined when present but not a date-time.
 */
function triggeredAtOf(headers: Headers): Date | null | undefined {
  const value = shopifyWebhookHeader(headers, "triggered-at");
  if (value === null) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time);
}

/**
 * The dedupe key of a delivery. X-Shopify-Event-Id names the merchant action and is shared by
 * every delivery it produced — Shopify's retries, and a second subscription to the same topic —
 * so keying on it processes an action once where X-Shopify-Webhook-Id (one per subscription)
 * would process it once per subscription. One action can produce several topics (an order
 * paid: orders/updated and orders/paid), so the topic is part of the key, and the shop too,
 * because Shopify does not document event ids as unique across shops. Deliveries without an
 * Event-Id (older API versions) fall back to the Webhook-Id.
 */
export function webhookDedupeKey(input: { shop: string; topic: string; eventId: string | null; webhookId: string }): string {
  return input.eventId ? `${input.shop}/${input.topic}/event:${input.eventId}` : `${input.shop}/${input.topic}/webhook:${input.webhookId}`;
}
