import { defineJob } from "@/inngest/define-job";
import { analyticsReconciliationRequested } from "@/inngest/events";
import { evaluateMatchRateAlert } from "@/server/services/reconciliation/alerts/evaluate-match-rate-alert";
import { sendMatchRateEmail } from "@/server/services/reconciliation/alerts/send-match-rate-email";
import { reconcilePair } from "@/server/services/reconciliation/reconcile-pair";
import { requestNightlyReconciliation } from "@/server/services/reconciliation/request-pair-recompute";

// Nightly (02:30 UTC, after most properties' days have ended): every pair is reconciled once, so
// days turn final and late analytics rows count even when no sync ran.
export const requestAnalyticsReconciliations = defineJob(
  {
    id: "request-analytics-reconciliations",
    kind: "analytics-reconciliation",
    triggers: [{ cron: "30 2 * * *" }],
    retries: 2,
    concurrency: { limit: 1 },
    scope: () => ({ workspaceId: null, connectionId: null, stream: null, trigger: "SCHEDULE" }),
  },
  async ({ step }) => {
    const requested = await step.run("request-pairs", () => requestNightlyReconciliation());
    return { requested };
  },
);

// One pair's GA4 reconciliation: after a sync of either side, nightly, or asked for (every day).
// One run per pair at a time: requests arriving meanwhile queue behind it, and each recomputes
// only what changed since the run before it, so a burst of syncs costs one real run.
export const reconcileAnalytics = defineJob(
  {
    id: "reconcile-analytics",
    kind: "analytics-reconciliation",
    triggers: [analyticsReconciliationRequested],
    retries: 3,
    concurrency: { key: "event.data.pairId", limit: 1 },
    scope: ({ event }) => ({ workspaceId: event.data.workspaceId, connectionId: null, stream: null, trigger: event.data.trigger }),
  },
  async ({ event, step, job }) => {
    const result = await step.run("reconcile", () => reconcilePair(event.data.pairId, { full: event.data.full }));
    if (!result) return { outcome: "pair-gone" as const };
    // Days: read = recomputed; a day with nothing on either side is neither written nor removed.
    await job.record({ read: result.scopedDays, updated: result.days, deleted: result.removed, unchanged: Math.max(0, result.scopedDays - result.days - result.removed) });
    // After "reconcile", so it judges the days just written; each recipient's email is a step of its own.
    const alert = await step.run("evaluate-match-rate-alert", () => evaluateMatchRateAlert(event.data.pairId));
    if (alert.outcome !== "unchanged") {
      for (const [index, to] of alert.recipients.entries()) await step.run(`send-match-rate-email-${index + 1}`, () => sendMatchRateEmail(alert, to));
    }
    return { outcome: "reconciled" as const, ...result, alert: alert.outcome };
  },
);
