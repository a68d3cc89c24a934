import { NonRetriableError } from "inngest";
import { defineJob } from "@/inngest/define-job";
import { connectionSyncRequested } from "@/inngest/events";
import { SYNC_FUNCTION_ID } from "@/server/services/connections/sync-status";
import { completeConnectionSync, planConnectionSync, runConnectionSyncBatch } from "@/server/services/sync/run-connection-sync";
import { syncFailure } from "@/server/services/sync/sync-errors";

// One sync of one connection: every stream its provider has, batch by batch. One run per
// connection at a time (a second request waits in Inngest's queue, and "Sync now" / the
// scheduler coalesce while one is queued or running, so requests do not pile up).
export const syncConnection = defineJob(
  {
    id: SYNC_FUNCTION_ID,
    kind: "sync",
    triggers: [connectionSyncRequested],
    retries: 3,
    concurrency: { key: "event.data.connectionId", limit: 1 },
    scope: ({ event }) => ({
      workspaceId: event.data.workspaceId,
      connectionId: event.data.connectionId,
      stream: null,
      trigger: event.data.trigger,
    }),
  },
  async ({ event, step, job }) => {
    const { connectionId } = event.data;
    const plan = await step.run("plan-sync", () => planConnectionSync(connectionId));
    if (plan.status === "skipped") return { skipped: plan.reason };
    if (plan.status === "unavailable") throw new NonRetriableError(plan.reason);

    let batches = 0;
    for (const stream of plan.streams) {
      let cursor: string | null = null;
      // Numbered step ids: replays number the batches the same way, and the SDK never sees a
      // repeated id (which it takes for parallel steps once they are checkpointed).
      for (let done = false, n = 1; !done; n++) {
        // The cursor comes back through the memoized step output, so a retried run resumes here.
        const batch = await step.run(`sync-${stream}-${n}`, async () => {
          try {
            return await runConnectionSyncBatch({ connectionId, stream, cursor });
          } catch (error) {
            throw await syncFailure(error, connectionId);
          }
        });
        await job.record(batch.counts);
        if (batch.progress) await job.progress(batch.progress.done, batch.progress.total);
        ({ cursor, done } = batch);
        batches++;
      }
    }
    await step.run("mark-synced", () => completeConnectionSync(connectionId));
    return { streams: plan.streams, batches };
  },
);
