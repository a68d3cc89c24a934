import "server-only";
import { db } from "@/server/db";
import { webhookReceived } from "@/server/services/jobs/events";
import { jobRunner, sentEventIds } from "@/server/services/jobs/job-runner";

// A stored delivery reaches its processing function through an Inngest event. The event is sent
// after the provider has its acknowledgement (the row is committed first, so nothing is lost if the
// send fails); `queuedAt`, `inngestEventId` and `sendCount` record each send. The scheduler sends
// what has none a minute on, and sends again what Inngest lost (reconcile-webhook-deliveries.ts).
// Event ids derive from the row and its send count, so Inngest drops a second send of the same
// send, and processing skips a row that is already PROCESSED or IGNORED.

/**
 * `sends`: absent for the intake's send right after storing the delivery; for the scheduler's, the
 * sends recorded before it (0: none). A scheduler's send never reuses the intake's id: a process
 * killed between sending and recording leaves a row without a send that Inngest did receive, and
 * Inngest drops a repeated id for 24 hours even when that event's run ended without processing
 * the delivery. Processing is idempotent, so a delivery both sends reach is processed once.
 */
export type WebhookEventToQueue = { provider: string; webhookEventId: string; workspaceId: string; connectionId: string; topic: string; sends?: number };

export type WebhookReceivedEvent = ReturnType<typeof webhookReceived.create>;
/** Sends the events; answers what Inngest does (`{ ids }`, in order), kept as each row's inngestEventId. */
export type SendWebhookEvents = (events: WebhookReceivedEvent[]) => Promise<unknown>;

const sendWithRunner: SendWebhookEvents = (events) => jobRunner().send(events);

/** Rows older than this without `queuedAt` are taken to have lost their event. */
export const REQUEUE_AFTER_MS = 60_000;
/**
 * Older deliveries are not sent any more (they are FAILED as expired) rather than processed a day
 * late, after their connection's syncs have read the same changes.
 */
export const REQUEUE_WITHIN_MS = 23 * 3_600_000;

export function webhookReceivedEvent(row: WebhookEventToQueue): WebhookReceivedEvent {
  const { provider, webhookEventId, workspaceId, connectionId, topic, sends } = row;
  // Inngest drops an event id it has seen in the last 24 hours: every send by the scheduler needs an id of its own.
  const id = sends === undefined ? `webhook-${webhookEventId}` : `webhook-${webhookEventId}-r${sends}`;
  return webhookReceived.create({ provider, workspaceId, connectionId, webhookEventId, topic }, { id });
}

/** Records a send of each row's event: when, the id Inngest answered with (null: none), one more send. */
export async function markWebhooksQueued(sent: Array<{ webhookEventId: string; inngestEventId: string | null }>, now = new Date()): Promise<number> {
  if (sent.length === 0) return 0;
  return db.$executeRaw`
    UPDATE "WebhookEvent" w SET "queuedAt" = ${now}::timestamptz, "inngestEventId" = s."eventId", "sendCount" = w."sendCount" + 1
    FROM unnest(${sent.map((s) => s.webhookEventId)}::text[], ${sent.map((s) => s.inngestEventId)}::text[]) AS s("id", "eventId")
    WHERE w."id" = s."id"`;
}

/** Sends the rows' events and records the sends; throws when Inngest refuses them. */
export async function queueWebhookEvents(rows: WebhookEventToQueue[], deps: { sendEvents?: SendWebhookEvents } = {}): Promise<void> {
  if (rows.length === 0) return;
  const ids = sentEventIds(await (deps.sendEvents ?? sendWithRunner)(rows.map(webhookReceivedEvent)));
  await markWebhooksQueued(rows.map((row, i) => ({ webhookEventId: row.webhookEventId, inngestEventId: ids[i] ?? null })));
}

/** Stored deliveries, oldest first, whose event never reached Inngest (`afterMs` after receipt). */
export async function findUnqueuedWebhooks(options: { now?: Date; limit?: number; afterMs?: number } = {}): Promise<WebhookEventToQueue[]> {
  const now = options.now ?? new Date();
  const rows = await db.webhookEvent.findMany({
    where: {
      status: "RECEIVED",
      queuedAt: null,
      connectionId: { not: null },
      receivedAt: { lte: new Date(now.getTime() - (options.afterMs ?? REQUEUE_AFTER_MS)), gt: new Date(now.getTime() - REQUEUE_WITHIN_MS) },
    },
    orderBy: { receivedAt: "asc" },
    take: options.limit ?? 500,
    select: { id: true, provider: true, workspaceId: true, connectionId: true, topic: true },
  });
  return rows.map((r) => ({ provider: r.provider, webhookEventId: r.id, workspaceId: r.workspaceId, connectionId: r.connectionId!, topic: r.topic, sends: 0 }));
}
