import "server-only";
import { inngest } from "@/inngest/client";
import { shopifyWebhookReceived } from "@/inngest/events";
import { db } from "@/server/db";

// A stored delivery reaches its processing function through one Inngest event per row. The
// event is sent after Shopify has its acknowledgement (the row is committed first, so nothing is
// lost if the send fails), and `queuedAt` records that it went out. The scheduler sends again
// what has none a minute on. Every event's id is derived from the row, so Inngest drops a
// second send of the same row, and processing skips a row that is already PROCESSED or IGNORED.

export type WebhookEventToQueue = { webhookEventId: string; workspaceId: string; connectionId: string; topic: string };

export type ShopifyWebhookEvent = ReturnType<typeof shopifyWebhookReceived.create>;
export type SendWebhookEvents = (events: ShopifyWebhookEvent[]) => Promise<unknown>;

const sendWithInngest: SendWebhookEvents = (events) => inngest.send(events);

/** Rows older than this without `queuedAt` are taken to have lost their event. */
export const REQUEUE_AFTER_MS = 60_000;
/**
 * Inngest drops a repeated event id for 24 hours; older rows are left to retention rather than
 * processed a day late after their connection's syncs have read the same changes.
 */
const REQUEUE_WITHIN_MS = 23 * 3_600_000;

export function shopifyWebhookEvent(row: WebhookEventToQueue): ShopifyWebhookEvent {
  const { webhookEventId, workspaceId, connectionId, topic } = row;
  return shopifyWebhookReceived.create({ workspaceId, connectionId, webhookEventId, topic }, { id: `shopify-webhook-${webhookEventId}` });
}

export async function markShopifyWebhooksQueued(webhookEventIds: string[], now = new Date()): Promise<number> {
  if (webhookEventIds.length === 0) return 0;
  const { count } = await db.webhookEvent.updateMany({ where: { id: { in: webhookEventIds }, queuedAt: null }, data: { queuedAt: now } });
  return count;
}

/** Sends the rows' events and records that they went out; throws when Inngest refuses them. */
export async function queueShopifyWebhookEvents(rows: WebhookEventToQueue[], deps: { sendEvents?: SendWebhookEvents } = {}): Promise<void> {
  if (rows.length === 0) return;
  await (deps.sendEvents ?? sendWithInngest)(rows.map(shopifyWebhookEvent));
  await markShopifyWebhooksQueued(rows.map((r) => r.webhookEventId));
}

/** Stored deliveries, oldest first, whose event never reached Inngest. */
export async function findUnqueuedShopifyWebhooks(options: { now?: Date; limit?: number } = {}): Promise<WebhookEventToQueue[]> {
  const now = options.now ?? new Date();
  const rows = await db.webhookEvent.findMany({
    where: {
      provider: "SHOPIFY",
      status: "RECEIVED",
      queuedAt: null,
      connectionId: { not: null },
      receivedAt: { lt: new Date(now.getTime() - REQUEUE_AFTER_MS), gt: new Date(now.getTime() - REQUEUE_WITHIN_MS) },
    },
    orderBy: { receivedAt: "asc" },
    take: options.limit ?? 500,
    select: { id: true, workspaceId: true, connectionId: true, topic: true },
  });
  return rows.map((r) => ({ webhookEventId: r.id, workspaceId: r.workspaceId, connectionId: r.connectionId!, topic: r.topic }));
}
