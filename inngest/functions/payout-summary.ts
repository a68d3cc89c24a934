import { defineJob } from "@/inngest/define-job";
import { payoutSummaryRequested } from "@/inngest/events";
import { gatherPayoutSummary, payoutSummaryEvents } from "@/server/services/payout-reconciliation/payout-summary";
import { sendPayoutSummaryEmail } from "@/server/services/payout-reconciliation/send-payout-summary-email";

// The daily payout summary: the tick requests one email per workspace that reconciles payouts
// (one event id per workspace and day), each a run of its own, recorded in its workspace.
export const requestPayoutSummaries = defineJob(
  {
    id: "request-payout-summaries",
    kind: "payout-summary",
    triggers: [{ cron: "0 7 * * *" }],
    retries: 2,
    concurrency: { limit: 1 },
    scope: () => ({ workspaceId: null, connectionId: null, stream: null, trigger: "SCHEDULE" }),
  },
  async ({ step }) => {
    const events = await step.run("find-workspaces", () => payoutSummaryEvents());
    if (events.length > 0) await step.sendEvent("request-summaries", events);
    return { requested: events.length };
  },
);

// One workspace's summary: gathered in one step, each recipient's email a step of its own.
export const payoutSummary = defineJob(
  {
    id: "payout-summary",
    kind: "payout-summary",
    triggers: [payoutSummaryRequested],
    retries: 3,
    concurrency: { key: "event.data.workspaceId", limit: 1 },
    scope: ({ event }) => ({ workspaceId: event.data.workspaceId, connectionId: null, stream: null, trigger: "SCHEDULE" }),
  },
  async ({ event, step }) => {
    const summary = await step.run("gather-payout-summary", () => gatherPayoutSummary(event.data.workspaceId));
    if (!summary) return { outcome: "nothing-to-send" as const };
    for (const [index, to] of summary.recipients.entries()) {
      await step.run(`send-email-${index + 1}`, () => sendPayoutSummaryEmail(summary, to));
    }
    return { outcome: "email" as const, sent: summary.recipients.length };
  },
);
