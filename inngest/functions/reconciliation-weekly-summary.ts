import { defineJob } from "@/inngest/define-job";
import { reconciliationWeeklySummaryRequested } from "@/inngest/events";
import { gatherWeeklySummary, markWeeklySummarySent, weeklySummaryEvents } from "@/server/services/reconciliation/alerts/weekly-summary";
import { sendWeeklySummaryEmail } from "@/server/services/reconciliation/alerts/send-weekly-summary-email";

// The weekly reconciliation summary: Monday morning the tick requests one email per workspace that
// reconciles analytics (one event id per workspace and week), each a run of its own, recorded in
// its workspace.
export const requestReconciliationWeeklySummaries = defineJob(
  {
    id: "request-reconciliation-weekly-summaries",
    kind: "reconciliation-summary",
    triggers: [{ cron: "0 7 * * 1" }],
    retries: 2,
    concurrency: { limit: 1 },
    scope: () => ({ workspaceId: null, connectionId: null, stream: null, trigger: "SCHEDULE" }),
  },
  async ({ step }) => {
    const events = await step.run("find-workspaces", () => weeklySummaryEvents());
    if (events.length > 0) await step.sendEvent("request-summaries", events);
    return { requested: events.length };
  },
);

// One workspace's summary: gathered in one step, each recipient's email a step of its own, then
// marked sent for the week, so a repeated request (or a retried run) sends it once.
export const reconciliationWeeklySummary = defineJob(
  {
    id: "reconciliation-weekly-summary",
    kind: "reconciliation-summary",
    triggers: [reconciliationWeeklySummaryRequested],
    retries: 3,
    concurrency: { key: "event.data.workspaceId", limit: 1 },
    scope: ({ event }) => ({ workspaceId: event.data.workspaceId, connectionId: null, stream: null, trigger: "SCHEDULE" }),
  },
  async ({ event, step }) => {
    const summary = await step.run("gather-weekly-summary", () => gatherWeeklySummary(event.data.workspaceId));
    if (!summary) return { outcome: "nothing-to-send" as const };
    for (const [index, to] of summary.recipients.entries()) {
      await step.run(`send-email-${index + 1}`, () => sendWeeklySummaryEmail(summary, to));
    }
    await step.run("mark-sent", () => markWeeklySummarySent(event.data.workspaceId));
    return { outcome: "email" as const, sent: summary.recipients.length };
  },
);
