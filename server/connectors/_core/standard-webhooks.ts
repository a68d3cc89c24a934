import { createHmac, timingSafeEqual } from "node:crypto";
import type { WebhookRefusal } from "./webhooks";

// Standard Webhooks (https://www.standardwebhooks.com, spec/standard-webhooks.md), the scheme of
// ShipBob's 2026-01 subscriptions among others: `webhook-signature` holds space-separated
// `v1,<base64 HMAC-SHA256>` entries over `${webhook-id}.${webhook-timestamp}.${raw body}`, keyed
// with the base64 after `whsec_`. The timestamp is signed, so a stale one is a replay.

/** How far a delivery's signed timestamp may be from now, either way (the spec's suggested 5 minutes). */
export const STANDARD_WEBHOOK_TOLERANCE_MS = 5 * 60_000;

/**
 * Null when one of the `v1` signatures is the body's under `secret` and the timestamp is within the
 * tolerance of `now`; otherwise a 401 naming why.
 */
export function verifyStandardWebhookSignature(secret: string, rawBody: string, headers: Headers, now = Date.now()): WebhookRefusal | null {
  const [id, timestamp, signatures] = [headers.get("webhook-id"), headers.get("webhook-timestamp"), headers.get("webhook-signature")];
  if (!id || !timestamp || !signatures) return { status: 401, reason: "missing_signature" };
  const seconds = Number(timestamp);
  if (!/^\d+$/.test(timestamp) || Math.abs(now - seconds * 1000) > STANDARD_WEBHOOK_TOLERANCE_MS) return { status: 401, reason: "stale_timestamp" };
  const expected = createHmac("sha256", Buffer.from(secret.replace(/^whsec_/, ""), "base64"))
    .update(`${id}.${timestamp}.${rawBody}`)
    .digest();
  const matches = signatures.split(" ").some((entry) => {
    if (!entry.startsWith("v1,")) return false;
    const given = Buffer.from(entry.slice(3), "base64");
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  return matches ? null : { status: 401, reason: "invalid_signature" };
}
