import { eventType } from "inngest";
import { z } from "zod";

// The typed event catalogue: every event Meridian sends or listens to, declared once with its
// data schema. Names follow `app/<noun>.<past-tense-verb>`; never rename one that has shipped.

const jobTrigger = z.enum(["SCHEDULE", "MANUAL", "WEBHOOK", "BACKFILL"]);

// Carried by every event whose function is a job (inngest/define-job.ts): `jobRunId` names a
// JobRun the sender pre-created QUEUED (so the UI shows it at once) for the wrapper to claim;
// `retryOfId` links a manual retry to the run it retries.
export const jobMeta = z.object({ retryOfId: z.string().optional(), jobRunId: z.string().optional() }).optional();

export const connectionSyncRequested = eventType("app/connection.sync.requested", {
  schema: z.object({
    workspaceId: z.string().min(1),
    connectionId: z.string().min(1),
    trigger: jobTrigger,
    // Set on a continuation: the JobRun of the run that stopped at its step budget, and the
    // stream it had reached, where this run starts (inngest/functions/sync-connection.ts).
    continues: z.object({ jobRunId: z.string().min(1), stream: z.string().min(1) }).optional(),
    job: jobMeta,
  }),
});

// Sent by the tracking wrapper: a job run of a workspace failed for good (no retries left, or a
// NonRetriableError), or succeeded while that workspace/connection/kind had an open failure alert.
const jobRunOutcome = z.object({
  jobRunId: z.string().min(1),
  workspaceId: z.string().min(1),
  connectionId: z.string().min(1).nullable(),
  kind: z.string().min(1),
});
export const jobRunFailed = eventType("app/job-run.failed", { schema: jobRunOutcome });
export const jobRunRecovered = eventType("app/job-run.recovered", { schema: jobRunOutcome });

// Ops smoke check: runs `steps` no-op steps, so an operator can verify a deployment's Inngest wiring.
export const diagnosticsNoopRequested = eventType("app/diagnostics.noop.requested", {
  schema: z.object({ steps: z.number().int().min(0).max(50) }),
});

// Retention of one workspace: daily from the fan-out (SCHEDULE) or "Run retention now" (MANUAL).
export const retentionRequested = eventType("app/retention.requested", {
  schema: z.object({
    workspaceId: z.string().min(1),
    trigger: z.enum(["SCHEDULE", "MANUAL"]),
    job: jobMeta,
  }),
});

// A verified, deduplicated webhook delivery of any provider, stored as WebhookEvent `webhookEventId`
// (its body there); its processing function reads the row, so the event stays small. `provider`
// names whose delivery it is (Connection.provider's value).
export const webhookReceived = eventType("app/webhook.received", {
  schema: z.object({
    provider: z.string().min(1),
    workspaceId: z.string().min(1),
    connectionId: z.string().min(1),
    webhookEventId: z.string().min(1),
    topic: z.string().min(1),
  }),
});

// A deleted workspace's data to erase (WorkspaceDeletion `deletionId`). Sent by the deletion request
// before its transaction commits; the run waits for that commit, and does nothing if it rolled back.
export const workspaceDeletionRequested = eventType("app/workspace.deletion.requested", {
  schema: z.object({ deletionId: z.string().min(1), workspaceId: z.string().min(1) }),
});

export const events = [
  connectionSyncRequested,
  webhookReceived,
  diagnosticsNoopRequested,
  retentionRequested,
  workspaceDeletionRequested,
  jobRunFailed,
  jobRunRecovered,
] as const;
