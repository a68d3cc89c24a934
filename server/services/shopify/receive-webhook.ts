import "server-only";
import { randomUUID } from "node:crypto";
import { shopifyWebhookHeader, verifyShopifyWebhook } from "@/server/connectors/shopify/webhook-verify";
import { db } from "@/server/db";
import { shopifyConnector, type ShopifyAppConfig } from "@/server/connectors/shopify";
import { connectorEnv } from "@/server/env";
import { logger } from "@/server/observability/logger";
import { reportError } from "@/server/observability/report-error";
import { queueShopifyWebhookEvents, type SendWebhookEvents } from "./queue-webhook-events";
import { readBodyWithin } from "./receive-webhook-body";
import { isHandledTopic, SHOPIFY_WEBHOOK_PAYLOADS } from "./webhook-topics";

export type WebhookReply = {
  status: number;
  body: { ok: boolean; result: string };
  /** Work for after the response has gone (Next's `after()`): hands a stored delivery to Inngest. */
  afterResponse?: () => Promise<void>;
};

const log = logger.child({ module: "shopify-webhooks" });

const reply = (status: number, result: string): WebhookReply => ({ status, body: { ok: status < 300, result } });

/**
 * The largest delivery read. Shopify sends a record's whole REST representation, and the big ones
 * are orders: a line item is 1.1 KB in a captured orders/create (with a discount, no tax lines)
 * and nearer 2 KB with its tax lines, where the sandbox's (dev/sandbox/shopify/webhook-payloads.ts,
 * 15 of Shopify's ~30 fields) is 0.5 KB. At the 500 line items most shops allow per order that is
 * 1 MB, and fulfillments and refunds repeat the lines they cover: a fully fulfilled and refunded
 * 500-line order is about 3 MB. A product with 100 variants is ~0.1 MB (a variant ~1 KB), even
 * 2,048 variants ~2 MB. 4 MiB clears all of that and stays under Vercel's 4.5 MB request limit,
 * so the refusal is ours; Shopify retries a refused delivery, so the cap must never cut a real one.
 */
export const MAX_WEBHOOK_BODY_BYTES = 4 * 1024 * 1024;

// HMAC-SHA256 in base64: 32 bytes are 44 characters, the last one `=` padding.
const HMAC_FORMAT = /^[A-Za-z0-9+/]{43}=$/;
const REQUIRED_HEADERS = ["topic", "shop-domain", "api-version", "webhook-id"] as const;

type Refusal = { status: number; reason: string; detail?: string };

/** What the headers alone refuse, before a byte of the body is read. */
function refuseByHeaders(headers: Headers): Refusal | null {
  const hmac = shopifyWebhookHeader(headers, "hmac-sha256");
  if (!hmac) return { status: 401, reason: "missing_hmac" };
  if (!HMAC_FORMAT.test(hmac)) return { status: 401, reason: "invalid_hmac", detail: "not a base64 HMAC-SHA256" };
  const missing = REQUIRED_HEADERS.filter((name) => !shopifyWebhookHeader(headers, name));
  if (missing.length > 0) return { status: 400, reason: "missing_headers", detail: missing.join(", ") };
  if (Number(headers.get("content-length")) > MAX_WEBHOOK_BODY_BYTES) {
    return { status: 413, reason: "payload_too_large", detail: `Content-Length ${headers.get("content-length")}` };
  }
  if (triggeredAt(headers) === undefined) return { status: 400, reason: "invalid_headers", detail: "X-Shopify-Triggered-At is not a date-time" };
  return null;
}

/**
 * When Shopify triggered the delivery: it orders two copies of a record with the same updated_at
 * (see newerVersion in server/ingest/shared.ts). Null when absent (a test notification, an older
 * version); undefined when present but not a date-time.
 */
function triggeredAt(headers: Headers): Date | null | undefined {
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

// JSON allows U+0000 in strings (a customer's note can hold one); PostgreSQL's jsonb does not.
// Stored as U+FFFD instead of failing every one of Shopify's retries. An escape preceded by an
// odd number of backslashes is literal text, not a NUL, and is left alone.
const NUL_ESCAPE = /(?<!\\)((?:\\\\)*)\\u0000/g;
function storableJson(raw: string): string {
  return raw.includes("\\u0000") ? raw.replace(NUL_ESCAPE, "$1\\ufffd") : raw;
}

type StoredRow = { connectionId: string; workspaceId: string; webhookEventId: string | null };

/**
 * POST /api/webhooks/shopify: refuse on the headers first (missing or malformed HMAC 401,
 * missing headers 400, a topic Meridian does not handle is acknowledged unread, a declared
 * length over the cap 413), read the body up to the cap (413 beyond it), verify the HMAC of the
 * raw body before parsing (401), validate the payload for its topic (400), then one statement
 * stores the delivery for the shop's connection (a duplicate or an unknown shop stores nothing),
 * and the reply is ready. Its event goes to Inngest after the response (see
 * queue-webhook-events.ts), so the acknowledgement waits for PostgreSQL alone: Shopify counts a
 * slow answer as a failed delivery.
 */
export async function receiveShopifyWebhook(
  request: Request,
  deps: { config?: ShopifyAppConfig | null; sendEvents?: SendWebhookEvents } = {},
): Promise<WebhookReply> {
  const config = deps.config === undefined ? shopifyConnector.config(connectorEnv()) : deps.config;
  if (!config) return reply(404, "shopify_not_configured");

  const refuse = ({ status, reason, detail }: Refusal) => {
    log.warn({ reason, detail, shop: shopifyWebhookHeader(request.headers, "shop-domain") }, "Shopify webhook rejected");
    return reply(status, reason);
  };
  const byHeaders = refuseByHeaders(request.headers);
  if (byHeaders) return refuse(byHeaders);
  // Present: refuseByHeaders checked it.
  const topic = shopifyWebhookHeader(request.headers, "topic")!;
  if (!isHandledTopic(topic)) {
    log.info({ topic, shop: shopifyWebhookHeader(request.headers, "shop-domain") }, "Shopify webhook for a topic Meridian does not handle: acknowledged, ignored");
    return reply(200, "ignored_topic");
  }

  const rawBody = await readBodyWithin(request, MAX_WEBHOOK_BODY_BYTES);
  if (rawBody === null) return refuse({ status: 413, reason: "payload_too_large", detail: `over ${MAX_WEBHOOK_BODY_BYTES} bytes` });
  const verified = await verifyShopifyWebhook(config, request, rawBody);
  if (!verified.ok) {
    return refuse({ status: verified.reason === "missing_hmac" || verified.reason === "invalid_hmac" ? 401 : 400, reason: verified.reason, detail: verified.detail });
  }
  const shop = verified.shop.toLowerCase();

  let payload: unknown;
  try {
    payload = JSON.parse(rawBody);
  } catch {
    log.warn({ topic, shop, webhookId: verified.webhookId }, "Shopify webhook body is not JSON");
    return reply(400, "malformed_payload");
  }
  const parsed = SHOPIFY_WEBHOOK_PAYLOADS[topic].safeParse(payload);
  if (!parsed.success) {
    log.warn({ topic, shop, webhookId: verified.webhookId, issues: parsed.error.issues.slice(0, 5) }, "Shopify webhook payload does not match its topic");
    return reply(400, "malformed_payload");
  }

  // Only the body is signed, not the headers. Where the body names its shop (the compliance
  // topics, app/uninstalled), a signed body replayed under another shop's header is refused:
  // shop/redact deletes all of a shop's data.
  const named = parsed.data as { shop_domain?: unknown; myshopify_domain?: unknown };
  const bodyShop = named.shop_domain ?? named.myshopify_domain;
  if (typeof bodyShop === "string" && bodyShop.toLowerCase() !== shop) {
    log.warn({ topic, shop, bodyShop, webhookId: verified.webhookId }, "Shopify webhook body names another shop than its header");
    return reply(400, "shop_mismatch");
  }

  const externalId = webhookDedupeKey({ ...verified, shop });
  // One round trip: find the shop's connection and insert the delivery for it. No row back
  // means no connection; a row without an id means the delivery was stored before.
  const [row] = await db.$queryRaw<StoredRow[]>`
    WITH connection AS (
      SELECT "id", "workspaceId" FROM "Connection" WHERE "provider" = 'SHOPIFY' AND "externalAccountId" = ${shop}
    ), inserted AS (
      INSERT INTO "WebhookEvent" ("id", "workspaceId", "connectionId", "provider", "externalId", "topic", "payload", "triggeredAt")
      SELECT ${randomUUID()}, c."workspaceId", c."id", 'SHOPIFY', ${externalId}, ${topic}, ${storableJson(rawBody)}::jsonb, ${triggeredAt(request.headers)}::timestamptz FROM connection c
      ON CONFLICT ("provider", "externalId") DO NOTHING
      RETURNING "id"
    )
    SELECT c."id" AS "connectionId", c."workspaceId", i."id" AS "webhookEventId" FROM connection c LEFT JOIN inserted i ON true`;
  if (!row) {
    log.info({ topic, shop }, "Shopify webhook for a shop with no connection: acknowledged, ignored");
    return reply(200, "unknown_shop");
  }
  if (!row.webhookEventId) return reply(200, "duplicate");

  const stored = { webhookEventId: row.webhookEventId, workspaceId: row.workspaceId, connectionId: row.connectionId, topic };
  return {
    ...reply(200, "accepted"),
    afterResponse: () =>
      queueShopifyWebhookEvents([stored], { sendEvents: deps.sendEvents }).catch((error: unknown) => {
        // The delivery is stored and acknowledged: the scheduler sends its event again.
        reportError(error, { source: "webhooks/shopify", workspaceId: stored.workspaceId, extra: { topic, shop, webhookEventId: stored.webhookEventId } }, log);
      }),
  };
}
