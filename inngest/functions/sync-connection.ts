import { NonRetriableError } from "inngest";
import { defineJob } from "@/inngest/define-job";
import { connectionSyncRequested } from "@/inngest/events";
import { toInngestError } from "@/inngest/job-errors";
import { env } from "@/server/env";
import { queueSyncContinuation } from "@/server/services/connections/queue-sync-continuation";
import { SYNC_FUNCTION_ID } from "@/server/services/connections/sync-status";
import { recordJobRunEvents } from "@/server/services/jobs/record-job-run-events";
import { completeConnectionSync } from "@/server/services/sync/complete-connection-sync";
import { planConnectionSync } from "@/server/services/sync/plan-connection-sync";
import { runSyncBatch, type SyncBatchInput } from "@/server/services/sync/run-sync-batch";
import { syncFailure } from "@/server/services/sync/sync-errors";

// Inngest ends a run at its 1,000th step (FAILED, "exceeded the step limit", never retried), and a
// large backfill has more batches than that. So a run spends at most this many steps on batches
// (one each: a batch commits its counts and progress to the JobRun with its records, see
// server/services/sync/commit-sync-batch.ts) and then hands the rest of the sync to a
// continuation run. Its other steps fit in what is left: the wrapper's start, finish and
// recovery event (inngest/define-job.ts), plan-sync, and the three of the hand-over or mark-synced.
// A sleep for the provider's request allowance is a step too, and counts against the budget.
export const SYNC_STEP_BUDGET = 900;

// Only ever lowered (tests): above the default, a run could reach Inngest's cap.
const stepBudget = Math.min(env.SYNC_STEP_BUDGET ?? SYNC_STEP_BUDGET, SYNC_STEP_BUDGET);

// One sync of one connection: every stream its provider has, batch by batch, in one run or a
// chain of them (see SYNC_STEP_BUDGET). One run per connection at a time (a second request waits
// in Inngest's queue, and "Sync now" / the scheduler coalesce while one is queued or running, so
// requests do not pile up).
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
    const { workspaceId, connectionId, trigger, continues } = event.data;
    const plan = await step.run("plan-sync", () => planConnectionSync(connectionId));
    if (plan.status === "skipped") return { skipped: plan.reason };
    if (plan.status === "unavailable") throw new NonRetriableError(plan.reason);

    // A continuation starts in the stream its predecessor stopped in (from the stream's saved
    // state): the streams before it are done. A stream the provider no longer has: from the start.
    const first = continues ? Math.max(0, plan.streams.indexOf(continues.stream)) : 0;
    let batches = 0;
    let sleeps = 0;
    // A batch that stopped on the request allowance before its run or stream began: the next begins it.
    let unbegun: SyncBatchInput["begins"];
    for (const stream of plan.streams.slice(first)) {
      // Numbered step ids: replays number the batches the same way, and the SDK never sees a
      // repeated id (which it takes for parallel steps once they are checkpointed).
      for (let done = false, n = 1; !done; n++) {
        // Never before the run's first batch, so every run of the chain moves the sync on.
        if (batches > 0 && batches + sleeps >= stepBudget) {
          const request = { workspaceId, connectionId, trigger, continues: { jobRunId: job.id, stream } };
          const next = await step.run("queue-continuation", () => queueSyncContinuation(request));
          // Concurrency limits executing steps, not runs: the continuation may start before this
          // run's finish step, but none of its batches overlaps one of this run's.
          const { ids } = await step.sendEvent(
            "request-continuation",
            connectionSyncRequested.create({ ...request, job: { jobRunId: next.jobRunId } }, { id: `sync-${next.jobRunId}` }),
          );
          // The queued row keeps the event's id, so a runner that loses the event is found out.
          await step.run("remember-continuation-event", () => recordJobRunEvents([{ jobRunId: next.jobRunId, eventId: ids[0] ?? null }]));
          return { streams: plan.streams, batches, sleeps, continuedIn: next.jobRunId };
        }
        // Each batch reads on from the stream's saved position, so a retried step resumes there.
        const begins = unbegun ?? (batches === 0 ? "run" : n === 1 ? "stream" : undefined);
        const batch = await step.run(`sync-${stream}-${n}`, async () => {
          try {
            return await runSyncBatch({ connectionId, stream, jobRunId: job.id, begins });
          } catch (error) {
            throw toInngestError(await syncFailure(error, connectionId));
          }
        });
        done = batch.done;
        batches++;
        unbegun = batch.paused?.begun === false ? begins : undefined;
        // The provider's allowance is spent for longer than a batch may wait (the hourly window of a
        // large first sync): not a failure nor a retry; the run sleeps and reads on from the
        // positions committed.
        if (batch.paused) {
          await step.sleepUntil(`wait-${stream}-${n}`, new Date(batch.paused.resumeAt));
          sleeps++;
        }
      }
    }
    // Only the run that finished the last stream: lastSyncedAt means the whole sync is done.
    await step.run("mark-synced", () => completeConnectionSync(connectionId));
    return { streams: plan.streams, batches, sleeps };
  },
);
