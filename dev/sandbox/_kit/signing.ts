import { createHmac, timingSafeEqual } from "node:crypto";
import { verifyStandardWebhookSignature } from "@/server/connectors/_core/standard-webhooks";

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

/**
 * Whether one of the delivery's `v1,` signatures holds (a receiver's check, for tests): the
 * product's verifier (server/connectors/_core/standard-webhooks.ts), at the delivery's own time,
 * so a sandbox's signing is checked by the code that receives it.
 */
export function verifyStandardWebhook(headers: Record<string, string | undefined>, body: string, secret: string): boolean {
  const present = Object.entries(headers).filter((entry): entry is [string, string] => entry[1] !== undefined);
  const at = Number(headers["webhook-timestamp"]) * 1000;
  return verifyStandardWebhookSignature(secret, body, new Headers(present), Number.isFinite(at) ? at : undefined) === null;
}
