import { defineJob } from "@/inngest/define-job";
import { connectionSyncRequested } from "@/inngest/events";
import { jobRunFailedEvent } from "@/server/services/jobs/job-run-failed-event";
import { inngestRunStatus } from "@/inngest/run-status";
import { scheduleDueSyncs } from "@/server/services/connections/schedule-due-syncs";
import { reconcileInFlightRuns } from "@/server/services/jobs/reconcile-in-flight-runs";
import { recordJobRunEvents } from "@/server/services/jobs/record-job-run-events";
import { markWebhooksQueued, webhookReceivedEvent } from "@/server/services/webhooks/queue-webhook-events";
import { reconcileWebhookDeliveries } from "@/server/services/webhooks/reconcile-webhook-deliveries";

export const SCHEDULER_FUNCTION_ID = "schedule-due-syncs";

// The scheduler tick (a system run, no workspace): first closes runs in flight that the job runner
// no longer has (or, when it cannot be asked, that went silent), so their connections can be
// scheduled again on this very tick; then requests a sync of every connection that is due; then
// settles stored webhook deliveries of every provider: sends those that never reached Inngest, sends again those
// Inngest lost, and fails those past their bounds. One tick at a time: an overlapping tick would
// find nothing due.
export const scheduleDueSyncsJob = defineJob(
  {
    id: SCHEDULER_FUNCTION_ID,
    kind: "scheduler",
    triggers: [{ cron: "*/5 * * * *" }],
    retries: 2,
    concurrency: { limit: 1 },
    scope: () => ({ workspaceId: null, connectionId: null, stream: null, trigger: "SCHEDULE" }),
  },
  async ({ step }) => {
    const interrupted = await step.run("close-interrupted-runs", () => reconcileInFlightRuns(inngestRunStatus()));
    if (interrupted.failed.length > 0) {
      await step.sendEvent("report-interrupted-runs", interrupted.failed.map(jobRunFailedEvent));
    }

    const scheduled = await step.run("schedule-due-syncs", () => scheduleDueSyncs());
    if (scheduled.length > 0) {
      const { ids } = await step.sendEvent(
        "request-syncs",
        scheduled.map(({ jobRunId, workspaceId, connectionId }) =>
          connectionSyncRequested.create({ workspaceId, connectionId, trigger: "SCHEDULE", job: { jobRunId } }, { id: `sync-${jobRunId}` }),
        ),
      );
      await step.run("remember-sync-events", () => recordJobRunEvents(scheduled.map(({ jobRunId }, i) => ({ jobRunId, eventId: ids[i] ?? null }))));
    }

    const webhooks = await step.run("settle-webhooks", () => reconcileWebhookDeliveries(inngestRunStatus()));
    if (webhooks.toSend.length > 0) {
      const { ids } = await step.sendEvent("requeue-webhooks", webhooks.toSend.map(webhookReceivedEvent));
      await step.run("mark-webhooks-queued", () =>
        markWebhooksQueued(webhooks.toSend.map(({ webhookEventId }, i) => ({ webhookEventId, inngestEventId: ids[i] ?? null }))),
      );
    }
    return {
      interrupted: interrupted.closed,
      scheduled: scheduled.length,
      requeuedWebhooks: webhooks.toSend.length,
      failedWebhooks: webhooks.failed + webhooks.expired,
    };
  },
);
