import type { WorkspaceDb } from "@/server/db";
import { AppError } from "@/server/errors";
import type { JobStatus } from "@/server/generated/prisma/enums";
import { jobKindLabel } from "./job-kind-label";
import { attemptsOf, eventOf, type JobAttempt } from "./job-details";
import { jobRunSummarySelect, type JobRunSummary } from "./job-run-view";
import type { JobRunIdInput } from "./schema";

type LinkedRun = { id: string; status: JobStatus; queuedAt: Date };

export type JobRunDetail = JobRunSummary & {
  functionId: string | null;
  inngestRunId: string | null;
  eventName: string | null;
  attemptHistory: JobAttempt[];
  retryOf: LinkedRun | null;
  retries: LinkedRun[];
  continuedFrom: LinkedRun | null;
  continuedIn: LinkedRun | null;
  // Why Retry is unavailable, or null when a failed run can be retried.
  retryBlockedReason: string | null;
};

const linkedRunSelect = { id: true, status: true, queuedAt: true } as const;

export async function getJobRunById(wdb: WorkspaceDb, input: JobRunIdInput): Promise<JobRunDetail> {
  const row = await wdb.jobRun.findUnique({
    where: { id: input.jobRunId },
    select: {
      ...jobRunSummarySelect,
      functionId: true,
      inngestRunId: true,
      details: true,
      retryOf: { select: linkedRunSelect },
      retries: { select: linkedRunSelect, orderBy: [{ queuedAt: "asc" }, { id: "asc" }] },
      continuedFrom: { select: linkedRunSelect },
      continuedIn: { select: linkedRunSelect },
    },
  });
  if (!row) throw new AppError("NOT_FOUND", "Job run not found.");
  const { details, ...rest } = row;
  const event = eventOf(details);
  return {
    ...rest,
    kindLabel: jobKindLabel(row.kind),
    eventName: event?.name ?? null,
    attemptHistory: attemptsOf(details),
    retryBlockedReason: retryBlockedReason(row.status, event !== null, row.retries),
  };
}

export function retryBlockedReason(status: JobStatus, hasEvent: boolean, retries: { status: JobStatus }[]): string | null {
  if (status !== "FAILED") return "Only failed runs can be retried.";
  if (!hasEvent) return "This run's details were removed by the retention policy, so it cannot be retried.";
  if (retries.some((r) => r.status === "QUEUED" || r.status === "RUNNING")) return "A retry of this run is already in progress.";
  return null;
}
