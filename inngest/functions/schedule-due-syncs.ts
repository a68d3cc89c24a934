import { defineJob } from "@/inngest/define-job";
import { connectionSyncRequested, jobRunFailed } from "@/inngest/events";
import { scheduleDueSyncs } from "@/server/services/connections/schedule-due-syncs";
import { markStaleJobRuns } from "@/server/services/jobs/mark-stale-job-runs";
import { findUnqueuedShopifyWebhooks, markShopifyWebhooksQueued, shopifyWebhookEvent } from "@/server/services/shopify/queue-webhook-events";

export const SCHEDULER_FUNCTION_ID = "schedule-due-syncs";

// The scheduler tick (a system run, no workspace): first closes runs nothing will ever finish
// (their runner stopped), so their connections can be scheduled again; then requests a sync of
// every connection that is due; then sends again the events of stored webhook deliveries that
// never reached Inngest. One tick at a time: an overlapping tick would find nothing due.
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
    const stale = await step.run("mark-interrupted-runs", () => markStaleJobRuns());
    if (stale.failed.length > 0) {
      await step.sendEvent(
        "report-interrupted-runs",
        stale.failed.map((failed) => jobRunFailed.create(failed, { id: `job-run-failed-${failed.jobRunId}` })),
      );
    }

    const scheduled = await step.run("schedule-due-syncs", () => scheduleDueSyncs());
    if (scheduled.length > 0) {
      await step.sendEvent(
        "request-syncs",
        scheduled.map(({ jobRunId, workspaceId, connectionId }) =>
          connectionSyncRequested.create(
            { workspaceId, connectionId, trigger: "SCHEDULE", job: { jobRunId } },
            { id: `sync-${jobRunId}` },
          ),
        ),
      );
    }

    const unqueued = await step.run("find-unqueued-webhooks", () => findUnqueuedShopifyWebhooks());
    if (unqueued.length > 0) {
      await step.sendEvent("requeue-webhooks", unqueued.map(shopifyWebhookEvent));
      await step.run("mark-webhooks-queued", () => markShopifyWebhooksQueued(unqueued.map((w) => w.webhookEventId)));
    }
    return { interrupted: stale.running + stale.queued, scheduled: scheduled.length, requeuedWebhooks: unqueued.length };
  },
);
