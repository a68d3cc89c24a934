import type { JobTrigger } from "@/server/generated/prisma/enums";
import type { JobKind } from "./kinds";

// Where a run belongs: decided by each job from its triggering event (see defineJob's `scope`).
export type JobScope = {
  workspaceId: string | null;
  connectionId: string | null;
  stream: string | null;
  trigger: JobTrigger;
};

// The triggering event as stored in JobRun.details.event: what a manual Retry re-sends.
export type JobEvent = { name: string; data: Record<string, unknown> };

export type JobRunIdentity = {
  /** Inngest's run id: one JobRun per run, whatever the number of calls and attempts. */
  inngestRunId: string;
  functionId: string;
  kind: JobKind;
  scope: JobScope;
  event: JobEvent & { id?: string; ts?: number };
  /** A QUEUED row the sender pre-created (Sync now, Retry) for this run to claim. */
  jobRunId?: string;
  retryOfId?: string;
};

// What `app/job-run.failed` and `app/job-run.recovered` carry.
export type JobRunOutcome = {
  jobRunId: string;
  workspaceId: string;
  connectionId: string | null;
  kind: string;
};

// Records a run read and what became of them; for a sync, read = inserted + updated + unchanged + deleted.
export type JobCounts = { read?: number; inserted?: number; updated?: number; unchanged?: number; deleted?: number };
