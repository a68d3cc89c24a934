import { createHmac, timingSafeEqual } from "node:crypto";

/** base64 HMAC-SHA256 of the raw body (Shopify's and WooCommerce's webhook signature). */
export function hmacBase64(body: string | Buffer, secret: string | Buffer): string {
  return createHmac("sha256", secret).update(body).digest("base64");
}

/** hex HMAC-SHA256 (Shopify's query-string signature). */
export function hmacHex(data: string | Buffer, secret: string | Buffer): string {
  return createHmac("sha256", secret).update(data).digest("hex");
}

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, "utf8");
  const right = Buffer.from(b, "utf8");
  return left.length === right.length && timingSafeEqual(left, right);
}

/** The key of a Standard Webhooks secret: the base64 after `whsec_`. */
function standardWebhookKey(secret: string): Buffer {
  return Buffer.from(secret.replace(/^whsec_/, ""), "base64");
}

/**
 * Standard Webhooks (https://www.standardwebhooks.com, spec/standard-webhooks.md): the headers
 * `webhook-id`, `webhook-timestamp` (seconds) and `webhook-signature` (`v1,` + base64 HMAC-SHA256
 * of `${id}.${timestamp}.${body}`, keyed with the decoded secret).
 */
export function standardWebhookHeaders(input: { id: string; timestampSeconds: number; body: string; secret: string }): Record<string, string> {
  const signed = `${input.id}.${input.timestampSeconds}.${input.body}`;
  return {
    "webhook-id": input.id,
    "webhook-timestamp": String(input.timestampSeconds),
    "webhook-signature": `v1,${hmacBase64(signed, standardWebhookKey(input.secret))}`,
  };
}

/** Whether any of the space-separated `v1,` signatures matches (a receiver's check, for tests). */
export function verifyStandardWebhook(headers: Record<string, string | undefined>, body: string, secret: string): boolean {
  const id = headers["webhook-id"];
  const timestamp = headers["webhook-timestamp"];
  if (!id || !timestamp) return false;
  const expected = hmacBase64(`${id}.${timestamp}.${body}`, standardWebhookKey(secret));
  return (headers["webhook-signature"] ?? "")
    .split(" ")
    .some((entry) => entry.startsWith("v1,") && safeEqual(entry.slice(3), expected));
}
