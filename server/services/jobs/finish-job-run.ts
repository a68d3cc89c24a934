import "server-only";
import { db } from "@/server/db";
import { endJobRunAttempt } from "./end-job-run-attempt";
import { alertableOutcome } from "./job-run-outcome";
import type { JobRunOutcome } from "./types";

// The run's handler returned: SUCCEEDED, once (a finished run is never rewritten). Returns the
// `app/job-run.recovered` payload when the run's workspace/connection/kind has an open failure
// alert. Derived from the stored state rather than from this call's write, so a retried finish
// step still reports it (the event id dedupes the send).
export async function finishJobRun(jobRunId: string, now = new Date()): Promise<{ recovered: JobRunOutcome | null }> {
  await endJobRunAttempt({ jobRunId }, null, now);
  const run = await db.jobRun.findUniqueOrThrow({
    where: { id: jobRunId },
    select: { id: true, workspaceId: true, connectionId: true, kind: true, status: true, startedAt: true, queuedAt: true },
  });
  if (run.status === "QUEUED" || run.status === "RUNNING") {
    const started = run.startedAt ?? run.queuedAt;
    await db.jobRun.updateMany({
      where: { id: jobRunId, status: { in: ["QUEUED", "RUNNING"] } },
      data: { status: "SUCCEEDED", finishedAt: now, durationMs: Math.max(0, now.getTime() - started.getTime()) },
    });
  } else if (run.status !== "SUCCEEDED") {
    // Closed meanwhile as interrupted or cancelled: that record stands, nothing has recovered.
    return { recovered: null };
  }

  const outcome = alertableOutcome(run);
  if (!outcome) return { recovered: null };
  const alert = await db.jobAlert.findUnique({
    where: { workspaceId_connectionKey_kind: { workspaceId: outcome.workspaceId, connectionKey: outcome.connectionId ?? "", kind: outcome.kind } },
    select: { open: true },
  });
  return { recovered: alert?.open ? outcome : null };
}
