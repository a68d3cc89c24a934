import { z } from "zod";

// The typed event catalogue: every event Meridian sends or listens to, declared once with its
// data schema. Names follow `app/<noun>.<past-tense-verb>`; never rename one that has shipped.
// Services create events from it and send them through the job-runner port (./job-runner.ts);
// inngest/events.ts makes each one the SDK's event type, for triggers.

/**
 * An event as services send it: the runner answers with one id per event (see sentEventIds). One
 * created from the catalogue carries `validate`, which the runner calls before sending (as it does
 * for events its SDK creates), so bad data is refused at the sender; an event a retry sends again
 * from a stored run goes as it was stored.
 */
export type JobEvent = { name: string; data: Record<string, unknown>; id?: string; validate?: () => Promise<void> };

type JobEventType<TName extends string, TSchema extends z.ZodObject> = {
  name: TName;
  schema: TSchema;
  /** `id`: the runner drops a second event with the same id (for 24 hours), so a repeated send is one run. */
  create(data: z.input<TSchema>, options?: { id?: string }): { name: TName; data: z.input<TSchema>; id?: string; validate(): Promise<void> };
};

function jobEvent<TName extends string, TSchema extends z.ZodObject>(name: TName, schema: TSchema): JobEventType<TName, TSchema> {
  return {
    name,
    schema,
    create: (data, options) => ({
      name,
      data,
      ...(options?.id ? { id: options.id } : {}),
      // Refused with every issue, each under its path, in the words the SDK's own events use.
      async validate() {
        const check = await schema.safeParseAsync(data);
        if (!check.success) throw new Error(check.error.issues.map((issue) => (issue.path.length > 0 ? `${issue.path.join(".")}: ${issue.message}` : issue.message)).join(", "));
      },
    }),
  };
}

const jobTrigger = z.enum(["SCHEDULE", "MANUAL", "WEBHOOK", "BACKFILL"]);

// Carried by every event whose function is a job (inngest/define-job.ts): `jobRunId` names a
// JobRun the sender pre-created QUEUED (so the UI shows it at once) for the wrapper to claim;
// `retryOfId` links a manual retry to the run it retries.
const jobMeta = z.object({ retryOfId: z.string().optional(), jobRunId: z.string().optional() }).optional();

export const connectionSyncRequested = jobEvent(
  "app/connection.sync.requested",
  z.object({
    workspaceId: z.string().min(1),
    connectionId: z.string().min(1),
    trigger: jobTrigger,
    // Set on a continuation: the JobRun of the run that stopped at its step budget, and the
    // stream it had reached, where this run starts (inngest/functions/sync-connection.ts).
    continues: z.object({ jobRunId: z.string().min(1), stream: z.string().min(1) }).optional(),
    job: jobMeta,
  }),
);

// Sent by the tracking wrapper: a job run of a workspace failed for good (no retries left, or a
// run failed at once), or succeeded while that workspace/connection/kind had an open failure alert.
const jobRunOutcome = z.object({
  jobRunId: z.string().min(1),
  workspaceId: z.string().min(1),
  connectionId: z.string().min(1).nullable(),
  kind: z.string().min(1),
});
export const jobRunFailed = jobEvent("app/job-run.failed", jobRunOutcome);
export const jobRunRecovered = jobEvent("app/job-run.recovered", jobRunOutcome);

// Ops smoke check: runs `steps` no-op steps, so an operator can verify a deployment's Inngest wiring.
export const diagnosticsNoopRequested = jobEvent("app/diagnostics.noop.requested", z.object({ steps: z.number().int().min(0).max(50) }));

// Retention of one workspace: daily from the fan-out (SCHEDULE) or "Run retention now" (MANUAL).
export const retentionRequested = jobEvent(
  "app/retention.requested",
  z.object({
    workspaceId: z.string().min(1),
    trigger: z.enum(["SCHEDULE", "MANUAL"]),
    job: jobMeta,
  }),
);

// A verified, deduplicated webhook delivery of any provider, stored as WebhookEvent `webhookEventId`
// (its body there); its processing function reads the row, so the event stays small. `provider`
// names whose delivery it is (Connection.provider's value).
export const webhookReceived = jobEvent(
  "app/webhook.received",
  z.object({
    provider: z.string().min(1),
    workspaceId: z.string().min(1),
    connectionId: z.string().min(1),
    webhookEventId: z.string().min(1),
    topic: z.string().min(1),
  }),
);

// A deleted workspace's data to erase (WorkspaceDeletion `deletionId`). Sent by the deletion request
// before its transaction commits; the run waits for that commit, and does nothing if it rolled back.
export const workspaceDeletionRequested = jobEvent(
  "app/workspace.deletion.requested",
  z.object({ deletionId: z.string().min(1), workspaceId: z.string().min(1) }),
);

// A workspace's shipment alert window has passed (server/services/shipment-alerts): email the
// shipments that entered Exception or OnHold since the last alert. Sent by the request tick, one
// id per window.
export const shipmentAlertRequested = jobEvent("app/shipment-alert.requested", z.object({ workspaceId: z.string().min(1) }));

// A payout reconciliation setup to recompute (server/services/payout-reconciliation): after a sync
// of either of its connections finished, or its setup changed.
export const payoutReconciliationRequested = jobEvent(
  "app/payout-reconciliation.requested",
  z.object({ workspaceId: z.string().min(1), setupId: z.string().min(1), trigger: z.enum(["SCHEDULE", "MANUAL"]) }),
);

// A workspace's daily payout summary is due: email what stays unmatched to opted-in owners and admins.
export const payoutSummaryRequested = jobEvent("app/payout-summary.requested", z.object({ workspaceId: z.string().min(1) }));

// A list export too large to stream from its request (server/services/exports): the
// `export-list` function writes ExportFile `exportId`'s file in the background.
export const exportRequested = jobEvent(
  "app/export.requested",
  z.object({ workspaceId: z.string().min(1), exportId: z.string().min(1), job: jobMeta }),
);

// A workspace's weekly reconciliation summary is due (server/services/reconciliation/alerts):
// email each pair's match rate for the week to the users who opted in. One id per workspace and week.
export const reconciliationWeeklySummaryRequested = jobEvent("app/reconciliation-weekly-summary.requested", z.object({ workspaceId: z.string().min(1) }));

// A GA4 (analytics) reconciliation pair to recompute (server/services/reconciliation): after a sync
// of either side finished and nightly (SCHEDULE: the days changed since its last run), or asked by
// a person or a tolerance change (MANUAL, `full`: every day).
export const analyticsReconciliationRequested = jobEvent(
  "app/analytics-reconciliation.requested",
  z.object({ workspaceId: z.string().min(1), pairId: z.string().min(1), trigger: z.enum(["SCHEDULE", "MANUAL"]), full: z.boolean(), job: jobMeta }),
);

// A person chose another time zone for the workspace (server/services/workspaces): the
// `change-workspace-time-zone` function counts every day again in `timeZone` and switches to it
// in one transaction. The newest request of a workspace wins; older ones still queued do nothing.
export const workspaceTimeZoneChangeRequested = jobEvent(
  "app/workspace.time-zone.change.requested",
  z.object({ workspaceId: z.string().min(1), timeZone: z.string().min(1), job: jobMeta }),
);
