import { createHmac } from "node:crypto";
import type { z } from "zod";
import { verifyStandardWebhookSignature } from "../_core/standard-webhooks";
import { MalformedWebhookError, type ConnectorWebhooks, type WebhookChanges, type WebhookHeaders, type WebhookRefusal } from "../_core/webhooks";
import type { ShipBobConfig } from "./config";
import { returnRecord, shipmentRecords } from "./mappers";
import { returnOrder, shipmentOfOrder, type ReturnOrder, type ShipmentOfOrder } from "./payloads";

// ShipBob's 2026-01 webhook deliveries (NOTES.md, developer.shipbob.com/webhooks): Standard
// Webhooks headers (`webhook-id`, `webhook-timestamp`, `webhook-signature`) plus `x-webhook-topic`,
// the body the resource as its GET endpoint serves it. A delivery names no account, in its
// headers or its body, so the subscription's address does: `?account=<externalAccountId>`. The
// signing secret is Meridian's choice (the create request takes one): derived per account from
// SHIPBOB_WEBHOOK_SECRET, so it is never stored, and one account's secret signs for no other.

/** The order, shipment and return topics of 2026-01 (spec `Webhooks.Topics`; the billing ones are not read). */
export const SHIPBOB_WEBHOOK_TOPICS = {
  "order.shipped": "records",
  "order.shipment.delivered": "records",
  "order.shipment.exception": "records",
  "order.shipment.on_hold": "records",
  "order.shipment.cancelled": "records",
  "return.created": "records",
  "return.updated": "records",
  "return.completed": "records",
} as const;
export type ShipBobWebhookTopic = keyof typeof SHIPBOB_WEBHOOK_TOPICS;

/** The query parameter of the subscription's address naming the account. */
const ACCOUNT_PARAM = "account";

/**
 * A shipment with its products is a few KB; a return lists its items and status history. 1 MiB is
 * far above either and keeps a runaway body from being read.
 */
const MAX_WEBHOOK_BODY_BYTES = 1024 * 1024;

export type ShipBobWebhook = { topic: "shipment"; payload: ShipmentOfOrder } | { topic: "return"; payload: ReturnOrder };

/** Where ShipBob delivers an account's webhooks. */
export function shipbobWebhookUrl(config: ShipBobConfig, account: string): string {
  return `${config.appUrl}/api/webhooks/shipbob?${new URLSearchParams({ [ACCOUNT_PARAM]: account })}`;
}

/**
 * The account's signing secret, in the shape ShipBob's create request requires
 * (`^whsec_[a-zA-Z0-9+/]{32}$`: 24 bytes of key).
 */
export function shipbobWebhookSecret(webhookKey: string, account: string): string {
  const key = createHmac("sha256", webhookKey).update(`meridian shipbob webhook secret\0${account}`).digest().subarray(0, 24);
  return `whsec_${key.toString("base64")}`;
}

function screen(headers: Headers, url: URL): WebhookHeaders | WebhookRefusal {
  const [id, timestamp] = [headers.get("webhook-id"), headers.get("webhook-timestamp")];
  if (!id || !timestamp || !headers.get("webhook-signature")) return { status: 401, reason: "missing_signature" };
  const topic = headers.get("x-webhook-topic");
  if (!topic) return { status: 400, reason: "missing_headers", detail: "x-webhook-topic" };
  const account = url.searchParams.get(ACCOUNT_PARAM);
  if (!account) return { status: 400, reason: "missing_account", detail: `the address has no ${ACCOUNT_PARAM} parameter` };
  const seconds = Number(timestamp);
  // webhook-id names the message across ShipBob's retries; ids are not documented as unique across accounts.
  return { topic, account, dedupeKey: `${account}/${id}`, triggeredAt: Number.isSafeInteger(seconds) ? new Date(seconds * 1000) : null };
}

function parseWith<S extends z.ZodType>(schema: S, topic: string, rawBody: string): z.output<S> {
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    throw new MalformedWebhookError(`Malformed ShipBob ${topic} delivery: not JSON`);
  }
  const result = schema.safeParse(json);
  if (!result.success) throw new MalformedWebhookError(`Malformed ShipBob ${topic} delivery: ${result.error.issues.map((i) => `${i.path.join(".") || "(body)"}: ${i.message}`).join("; ")}`);
  return result.data;
}

/** ShipBob's deliveries, as the generic webhook services drive them (see _core/webhooks.ts). */
export const shipbobWebhooks = {
  topics: SHIPBOB_WEBHOOK_TOPICS,
  maxBodyBytes: MAX_WEBHOOK_BODY_BYTES,
  screen,

  async verify(config: ShipBobConfig, rawBody: string, headers: Headers, { account }: WebhookHeaders): Promise<WebhookRefusal | null> {
    if (!config.webhookKey) return { status: 401, reason: "unverifiable", detail: "SHIPBOB_WEBHOOK_SECRET is not set" };
    return verifyStandardWebhookSignature(shipbobWebhookSecret(config.webhookKey, account), rawBody, headers);
  },

  parse(topic: string, rawBody: string): ShipBobWebhook {
    if (!Object.hasOwn(SHIPBOB_WEBHOOK_TOPICS, topic)) throw new MalformedWebhookError(`Meridian does not handle the ShipBob topic "${topic}"`);
    return topic.startsWith("order.") ? { topic: "shipment", payload: parseWith(shipmentOfOrder, topic, rawBody) } : { topic: "return", payload: parseWith(returnOrder, topic, rawBody) };
  },

  async toChanges(_ctx, webhook: ShipBobWebhook, { observedAt }): Promise<WebhookChanges> {
    if (webhook.topic === "return") return { changes: [{ change: "upsert", kind: "returns", record: returnRecord(webhook.payload, observedAt) }] };
    const { order_id, reference_id, ...shipment } = webhook.payload;
    // The sync maps a shipment within its order; a delivery is one shipment naming its order.
    const [record] = shipmentRecords({ id: order_id, reference_id, created_date: shipment.created_date, shipments: [shipment] }, observedAt);
    return { changes: [{ change: "upsert", kind: "shipments", record: record! }] };
  },
} satisfies ConnectorWebhooks<ShipBobConfig, ShipBobWebhook>;
