import "server-only";
import { db } from "@/server/db";
import { endJobRunAttempt } from "./end-job-run-attempt";
import { alertableOutcome } from "./job-run-outcome";
import { startJobRun } from "./start-job-run";
import type { JobRunIdentity, JobRunOutcome } from "./types";

// Inngest gave up on the run (retries used up, or a NonRetriableError): FAILED with the final
// error, once. The row is created first if the run never got as far as recording itself (its
// first step failing for good), so every failed run shows up. Returns the `app/job-run.failed`
// payload whenever the run is FAILED, so a retried call still reports it (the event id dedupes).
export async function failJobRun(
  identity: JobRunIdentity,
  error: string,
  now = new Date(),
): Promise<{ jobRunId: string; failed: JobRunOutcome | null }> {
  const { jobRunId } = await startJobRun(identity, now);
  await endJobRunAttempt({ jobRunId }, error, now);
  const run = await db.jobRun.findUniqueOrThrow({
    where: { id: jobRunId },
    select: { id: true, workspaceId: true, connectionId: true, kind: true, status: true, startedAt: true, queuedAt: true },
  });
  if (run.status === "QUEUED" || run.status === "RUNNING") {
    const started = run.startedAt ?? run.queuedAt;
    const updated = await db.jobRun.updateMany({
      where: { id: jobRunId, status: { in: ["QUEUED", "RUNNING"] } },
      data: { status: "FAILED", error, finishedAt: now, durationMs: Math.max(0, now.getTime() - started.getTime()) },
    });
    if (updated.count === 1) run.status = "FAILED";
  }
  return { jobRunId, failed: run.status === "FAILED" ? alertableOutcome(run) : null };
}
