import { NonRetriableError } from "inngest";
import { defineJob } from "@/inngest/define-job";
import { shopifyWebhookReceived } from "@/inngest/events";
import { failShopifyWebhook } from "@/server/services/shopify-webhooks/fail-webhook";
import { processShopifyWebhook, UnprocessableShopifyWebhookError } from "@/server/services/shopify-webhooks/process-webhook";

export const PROCESS_SHOPIFY_WEBHOOK_FUNCTION_ID = "process-shopify-webhook";

// One stored Shopify delivery, applied by topic. One at a time per connection, so a shop's
// deliveries never race each other over the same rows (their order is still not guaranteed:
// ingest's sourceUpdatedAt rule handles that). A delivery that cannot be processed as stored
// fails at once instead of being retried; any other error is retried, and the delivery is FAILED
// only once Inngest gives up (until then the scheduler can send it again if the run is lost).
export const processShopifyWebhookJob = defineJob(
  {
    id: PROCESS_SHOPIFY_WEBHOOK_FUNCTION_ID,
    kind: "webhook",
    triggers: [shopifyWebhookReceived],
    retries: 3,
    concurrency: { key: "event.data.connectionId", limit: 1 },
    scope: ({ event }) => ({
      workspaceId: event.data.workspaceId,
      connectionId: event.data.connectionId,
      stream: event.data.topic,
      trigger: "WEBHOOK",
    }),
    onFailure: async ({ event }) => {
      await failShopifyWebhook({ workspaceId: event.data.workspaceId, webhookEventId: event.data.webhookEventId });
    },
  },
  async ({ event, step, job }) => {
    const { workspaceId, webhookEventId, topic } = event.data;
    const outcome = await step.run("process-webhook", async () => {
      try {
        return await processShopifyWebhook({ workspaceId, webhookEventId, topic });
      } catch (error) {
        if (error instanceof UnprocessableShopifyWebhookError) throw new NonRetriableError(error.message, { cause: error });
        throw error;
      }
    });
    if (outcome.status !== "SKIPPED") await job.record(outcome.counts);
    return outcome;
  },
);
