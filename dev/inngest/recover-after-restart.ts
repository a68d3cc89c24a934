// What a (re)started local runner needs from the app: it keeps runs and events in memory only, so
// it holds nothing sent before it started. Every run in flight is closed at once, and every stored
// webhook delivery still waiting is sent again. The same services the scheduler tick calls
// (inngest/functions/schedule-due-syncs.ts), with no grace: nothing can be judged too early by a
// runner that has just started.
import { jobRunFailedEvent } from "@/server/services/jobs/job-run-failed-event";
import type { JobRunnerLookup } from "@/server/services/jobs/job-runner";
import { reconcileInFlightRuns } from "@/server/services/jobs/reconcile-in-flight-runs";
import { queueWebhookEvents, type WebhookReceivedEvent } from "@/server/services/webhooks/queue-webhook-events";
import { reconcileWebhookDeliveries } from "@/server/services/webhooks/reconcile-webhook-deliveries";

export type RecoveryDeps = {
  runner: JobRunnerLookup;
  sendEvents: (events: Array<WebhookReceivedEvent | ReturnType<typeof jobRunFailedEvent>>) => Promise<unknown>;
  now?: Date;
};

export async function recoverAfterRunnerRestart({ runner, sendEvents, now = new Date() }: RecoveryDeps) {
  const runs = await reconcileInFlightRuns(runner, {}, { now, graceMs: 0 });
  if (runs.failed.length > 0) await sendEvents(runs.failed.map(jobRunFailedEvent));
  // A round settles the oldest few hundred deliveries waiting since before `now`; one it sends
  // again (or fails) carries a later send from then on, so the next round takes the next ones,
  // until a round finds nothing more to do: a crash amid a burst leaves thousands.
  let sentWebhooks = 0;
  let failedWebhooks = 0;
  for (;;) {
    const webhooks = await reconcileWebhookDeliveries(runner, { now, graceMs: 0 });
    await queueWebhookEvents(webhooks.toSend, { sendEvents });
    sentWebhooks += webhooks.toSend.length;
    failedWebhooks += webhooks.failed + webhooks.expired;
    if (webhooks.toSend.length + webhooks.failed === 0) break;
  }
  return { closedRuns: runs.closed, sentWebhooks, failedWebhooks };
}
