import { shopifyLibrary, type ShopifyAppCredentials } from "./oauth";

// Webhook deliveries are verified by @shopify/shopify-api (base64 HMAC-SHA256 of the raw body
// with the app secret, compared timing-safe, plus the required X-Shopify-* headers) before
// anything parses the body. The topic is read from the header as Shopify sends it
// (`orders/create`): the library's own `topic` field is upper-cased for its handler registry.

export type VerifiedWebhook = {
  ok: true;
  topic: string;
  shop: string;
  webhookId: string;
  /** Shared by every delivery one merchant action produced; absent on some older deliveries. */
  eventId: string | null;
  apiVersion: string;
  triggeredAt: string | null;
};

export type RejectedWebhook = { ok: false; reason: "missing_hmac" | "invalid_hmac" | "missing_body" | "missing_headers"; detail?: string };

/** A webhook header by its name after the prefix: `X-Shopify-<name>`, or `Shopify-<name>` (Events deliveries). */
export function shopifyWebhookHeader(headers: Headers, name: string): string | null {
  return headers.get(`x-shopify-${name}`) ?? headers.get(`shopify-${name}`);
}

export async function verifyShopifyWebhook(
  app: ShopifyAppCredentials,
  request: Request,
  rawBody: string,
): Promise<VerifiedWebhook | RejectedWebhook> {
  const result = await shopifyLibrary(app).webhooks.validate({ rawBody, rawRequest: request });
  if (!result.valid) {
    const detail = "missingHeaders" in result ? result.missingHeaders.join(", ") : undefined;
    return { ok: false, reason: result.reason, ...(detail ? { detail } : {}) };
  }
  const header = (name: string) => shopifyWebhookHeader(request.headers, name);
  return {
    ok: true,
    topic: header("topic") ?? result.topic,
    shop: result.domain,
    webhookId: result.webhookId,
    eventId: result.eventId ?? null,
    apiVersion: result.apiVersion,
    triggeredAt: result.triggeredAt ?? null,
  };
}
