import type { WorkspaceDb } from "@/server/db";
import { AppError } from "@/server/errors";
import { reportError } from "@/server/observability/report-error";
import type { AuditActor } from "@/server/services/audit/record-audit";
import { jobKindLabel } from "./job-kind-label";
import { retryJobRun, type SendEvent } from "./retry-job-run";
import type { JobRunIdsInput } from "./schema";

/** What became of one selected run (named by its kind): a retry queued, or why not (nothing changed for it). */
export type RetryOutcome = { jobRunId: string; kindLabel: string } & ({ retried: true; retryId: string } | { retried: false; reason: string });

// "Retry selected" on the Jobs list: each run goes through the single Retry (its own lock, checks
// and audit row), one after another, and answers for itself, so a succeeded run or one whose
// retry is already in flight does not stop the others. Ids that are not this workspace's runs
// refuse the whole request before anything is queued: the list only offers runs it showed.
export async function retryJobRuns(
  wdb: WorkspaceDb,
  caller: { workspaceId: string },
  input: JobRunIdsInput,
  actor: AuditActor,
  deps: { sendEvent?: SendEvent } = {},
): Promise<{ results: RetryOutcome[] }> {
  const ids = [...new Set(input.jobRunIds)];
  const kinds = new Map((await wdb.jobRun.findMany({ where: { id: { in: ids } }, select: { id: true, kind: true } })).map((run) => [run.id, run.kind]));
  const missing = ids.filter((id) => !kinds.has(id));
  if (missing.length > 0) throw new AppError("NOT_FOUND", `Job run not found: ${missing.join(", ")}.`);

  const results: RetryOutcome[] = [];
  for (const jobRunId of ids) {
    const kindLabel = jobKindLabel(kinds.get(jobRunId)!);
    try {
      const { jobRunId: retryId } = await retryJobRun(wdb, caller, { jobRunId }, actor, deps);
      results.push({ jobRunId, kindLabel, retried: true, retryId });
    } catch (error) {
      // A refusal (not failed, a retry in flight) is the run's answer; anything else (the event
      // could not be sent: the new run is closed FAILED with the reason) is reported, and the
      // others still go.
      if (!(error instanceof AppError)) reportError(error, { source: "job.retryMany", workspaceId: caller.workspaceId, extra: { jobRunId } });
      const reason = error instanceof AppError ? error.message : "Could not queue the retry: try this run again.";
      results.push({ jobRunId, kindLabel, retried: false, reason });
    }
  }
  return { results };
}
