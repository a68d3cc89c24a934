import { defineJob } from "@/inngest/define-job";
import { payoutReconciliationRequested } from "@/inngest/events";
import { autoExplainPayout, findPayoutsToAutoExplain } from "@/server/services/payout-reconciliation/auto-explain";
import { reconcileSetup } from "@/server/services/payout-reconciliation/reconcile-setup";

// One setup's payout reconciliation, after a sync of its store or its books (or a change of the
// setup): matching and expected accounting in one step (set-based SQL, a few seconds at most),
// then, with auto-explain on, each newly matched deposit explained in a step of its own (a failed
// post is retried alone; the others are not posted twice). One run per setup at a time.
export const reconcilePayouts = defineJob(
  {
    id: "reconcile-payouts",
    kind: "payout-reconciliation",
    triggers: [payoutReconciliationRequested],
    retries: 3,
    concurrency: { key: "event.data.setupId", limit: 1 },
    scope: ({ event }) => ({ workspaceId: event.data.workspaceId, connectionId: null, stream: null, trigger: event.data.trigger }),
  },
  async ({ event, step, job }) => {
    const { workspaceId, setupId } = event.data;
    const counts = await step.run("reconcile", () => reconcileSetup(setupId));
    if (!counts) return { outcome: "setup-gone" as const };
    await job.record({ read: counts.payouts, updated: counts.written, unchanged: counts.payouts - counts.written });
    const payoutIds = await step.run("find-deposits-to-explain", () => findPayoutsToAutoExplain(setupId));
    const explained = [];
    for (const [index, payoutId] of payoutIds.entries()) {
      explained.push(await step.run(`explain-${index + 1}`, () => autoExplainPayout(workspaceId, payoutId)));
    }
    return { outcome: "reconciled" as const, ...counts, explained: explained.filter((e) => "posted" in e).length, refused: explained.filter((e) => "refused" in e).length };
  },
);
