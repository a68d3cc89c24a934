import "server-only";
import { randomUUID } from "node:crypto";
import { verifyShopifyWebhook } from "@/server/connectors/shopify/webhook-verify";
import { db } from "@/server/db";
import { shopifyAppConfig, type ShopifyAppConfig } from "@/server/env";
import { logger } from "@/server/observability/logger";
import { reportError } from "@/server/observability/report-error";
import { queueShopifyWebhookEvents, type SendWebhookEvents } from "./queue-webhook-events";
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
 * POST /api/webhooks/shopify: verify the HMAC of the raw body before parsing (401), validate
 * the payload for its topic (400), then one statement stores the delivery for the shop's
 * connection (a duplicate or an unknown shop stores nothing), and the reply is ready. Its event
 * goes to Inngest after the response (see queue-webhook-events.ts), so the acknowledgement waits
 * for PostgreSQL alone: Shopify counts a slow answer as a failed delivery.
 */
export async function receiveShopifyWebhook(
  request: Request,
  deps: { config?: ShopifyAppConfig | null; sendEvents?: SendWebhookEvents } = {},
): Promise<WebhookReply> {
  const config = deps.config === undefined ? shopifyAppConfig() : deps.config;
  if (!config) return reply(404, "shopify_not_configured");

  const rawBody = await request.text();
  const verified = await verifyShopifyWebhook(config, request, rawBody);
  if (!verified.ok) {
    const status = verified.reason === "missing_hmac" || verified.reason === "invalid_hmac" ? 401 : 400;
    log.warn({ reason: verified.reason, detail: verified.detail, shop: request.headers.get("x-shopify-shop-domain") }, "Shopify webhook rejected");
    return reply(status, verified.reason);
  }
  const { topic } = verified;
  const shop = verified.shop.toLowerCase();
  if (!isHandledTopic(topic)) {
    log.info({ topic, shop }, "Shopify webhook for a topic Meridian does not handle: acknowledged, ignored");
    return reply(200, "ignored_topic");
  }

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
      INSERT INTO "WebhookEvent" ("id", "workspaceId", "connectionId", "provider", "externalId", "topic", "payload")
      SELECT ${randomUUID()}, c."workspaceId", c."id", 'SHOPIFY', ${externalId}, ${topic}, ${storableJson(rawBody)}::jsonb FROM connection c
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
