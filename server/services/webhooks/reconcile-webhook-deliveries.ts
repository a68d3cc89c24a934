import "server-only";
import { db } from "@/server/db";
import { logger } from "@/server/observability/logger";
import { isEnded, type JobRunnerLookup, type RunnerRun } from "@/server/services/jobs/job-runner";
import { findUnqueuedWebhooks, REQUEUE_WITHIN_MS, type WebhookEventToQueue } from "./queue-webhook-events";

const log = logger.child({ module: "webhooks" });

/**
 * A delivery still RECEIVED this long after its event went out is asked about: processing one takes
 * seconds, though a burst waits its turn (one at a time per connection), which the runner's answer
 * tells apart from a lost event.
 */
export const WEBHOOK_RESEND_AFTER_MS = 5 * 60_000;
/** When the runner cannot be asked, a delivery is taken as lost this long after its send. */
export const WEBHOOK_UNANSWERED_RESEND_AFTER_MS = 30 * 60_000;
/** Sends of one delivery's event, the first included; then it is FAILED with the reason. */
export const MAX_WEBHOOK_SENDS = 4;
/** Deliveries (re)sent per call. */
const BATCH = 500;
const PARALLEL = 8;

export const WEBHOOK_EXPIRED = `expired: not processed within ${REQUEUE_WITHIN_MS / 3_600_000} hours of its receipt`;
export const webhookLost = (sends: number, why: string) => `lost: not processed after ${sends} sends of its event; ${why}`;

type Sent = { id: string; provider: string; workspaceId: string; connectionId: string; topic: string; sendCount: number; inngestEventId: string | null; queuedAt: Date };

/**
 * Brings every stored webhook delivery, whatever its provider, to a final state, whatever crashed: a delivery RECEIVED past
 * the 23-hour window is FAILED as expired; one whose event was sent WEBHOOK_RESEND_AFTER_MS ago
 * (`graceMs`: 0 after a runner restart) but that the job runner has no live run for (it does not
 * know the event, the event started no run, or its runs ended without processing it) is sent
 * again under a new event id, and after MAX_WEBHOOK_SENDS sends is FAILED with what happened.
 * Returns the deliveries to send (also those never sent), for the caller to send and record with
 * markWebhooksQueued; processing is idempotent, so a needless re-send changes nothing.
 */
export async function reconcileWebhookDeliveries(
  runner: JobRunnerLookup,
  options: { now?: Date; graceMs?: number } = {},
): Promise<{ toSend: WebhookEventToQueue[]; expired: number; failed: number }> {
  const now = options.now ?? new Date();
  const { count: expired } = await db.webhookEvent.updateMany({
    where: { status: "RECEIVED", receivedAt: { lte: new Date(now.getTime() - REQUEUE_WITHIN_MS) } },
    data: { status: "FAILED", error: WEBHOOK_EXPIRED, processedAt: null },
  });

  const unqueued = await findUnqueuedWebhooks({ now, limit: BATCH, afterMs: options.graceMs });
  const sent = (await db.webhookEvent.findMany({
    where: {
      status: "RECEIVED",
      connectionId: { not: null },
      queuedAt: { lte: new Date(now.getTime() - (options.graceMs ?? WEBHOOK_RESEND_AFTER_MS)) },
      receivedAt: { gt: new Date(now.getTime() - REQUEUE_WITHIN_MS) },
    },
    orderBy: { queuedAt: "asc" },
    take: BATCH - unqueued.length,
    select: { id: true, provider: true, workspaceId: true, connectionId: true, topic: true, sendCount: true, inngestEventId: true, queuedAt: true },
  })) as Sent[];

  const lost: Array<{ row: Sent; why: string }> = [];
  let unreachable: unknown = null;
  const judge = async (row: Sent) => {
    let why: string | null = null;
    let answered = false;
    if (row.inngestEventId && !unreachable) {
      try {
        why = lostBecause(await runner.eventRuns(row.inngestEventId));
        answered = true;
      } catch (error) {
        unreachable ??= error;
      }
    }
    // Without the runner's word (or its event id), only the time since the send tells.
    if (!answered && row.queuedAt.getTime() <= now.getTime() - WEBHOOK_UNANSWERED_RESEND_AFTER_MS) why = "the job runner had no answer about it";
    if (why) lost.push({ row, why });
  };
  for (let i = 0; i < sent.length; i += PARALLEL) await Promise.all(sent.slice(i, i + PARALLEL).map(judge));
  if (unreachable) log.warn({ err: unreachable }, "The job runner could not be asked about webhook deliveries; they are sent again after a longer wait");

  const spent = lost.filter(({ row }) => row.sendCount >= MAX_WEBHOOK_SENDS);
  const failed = spent.length === 0 ? 0 : await db.$executeRaw`
    UPDATE "WebhookEvent" w SET "status" = 'FAILED', "error" = f."error", "processedAt" = NULL
    FROM unnest(${spent.map(({ row }) => row.id)}::text[], ${spent.map(({ row, why }) => webhookLost(row.sendCount, why))}::text[]) AS f("id", "error")
    WHERE w."id" = f."id" AND w."status" = 'RECEIVED'`;
  const resend = lost
    .filter(({ row }) => row.sendCount < MAX_WEBHOOK_SENDS)
    .map(({ row }) => ({ provider: row.provider, webhookEventId: row.id, workspaceId: row.workspaceId, connectionId: row.connectionId, topic: row.topic, sends: row.sendCount }));
  return { toSend: [...unqueued, ...resend], expired, failed };
}

/** Why the last send's event will never process the delivery, or null while a run of it lives. */
function lostBecause(runs: RunnerRun[] | null): string | null {
  if (!runs) return "the job runner no longer knows its last event";
  if (runs.length === 0) return "its last event started no run";
  // Processing marks the row before its run ends, so an ended run left it RECEIVED for good.
  return runs.every(isEnded) ? `the run of its last event ended (${runs.at(-1)!.state}) without processing it` : null;
}
