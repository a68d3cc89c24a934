import { NonRetriableError } from "inngest";
import { defineJob } from "@/inngest/define-job";
import { webhookReceived } from "@/inngest/events";
import { failWebhook } from "@/server/services/webhooks/fail-webhook";
import { processWebhook, UnprocessableWebhookError } from "@/server/services/webhooks/process-webhook";

export const PROCESS_WEBHOOK_FUNCTION_ID = "process-webhook";

// One stored webhook delivery of any provider, applied through its connector. One at a time per
// connection, so an account's deliveries never race each other over the same rows (their order is
// still not guaranteed: ingest's version order handles that). A delivery that cannot be processed
// as stored fails at once instead of being retried; any other error is retried, and the delivery
// is FAILED only once Inngest gives up (until then the scheduler can send it again if the run is
// lost).
export const processWebhookJob = defineJob(
  {
    id: PROCESS_WEBHOOK_FUNCTION_ID,
    kind: "webhook",
    triggers: [webhookReceived],
    retries: 3,
    concurrency: { key: "event.data.connectionId", limit: 1 },
    scope: ({ event }) => ({
      workspaceId: event.data.workspaceId,
      connectionId: event.data.connectionId,
      stream: event.data.topic,
      trigger: "WEBHOOK",
    }),
    onFailure: async ({ event }) => {
      await failWebhook({ workspaceId: event.data.workspaceId, webhookEventId: event.data.webhookEventId });
    },
  },
  async ({ event, step, job }) => {
    const { workspaceId, webhookEventId, topic } = event.data;
    const outcome = await step.run("process-webhook", async () => {
      try {
        return await processWebhook({ workspaceId, webhookEventId, topic });
      } catch (error) {
        if (error instanceof UnprocessableWebhookError) throw new NonRetriableError(error.message, { cause: error });
        throw error;
      }
    });
    if (outcome.status !== "SKIPPED") await job.record(outcome.counts);
    return outcome;
  },
);
