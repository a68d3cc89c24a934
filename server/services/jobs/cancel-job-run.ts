import "server-only";
import { db } from "@/server/db";
import { endJobRunAttempt } from "./end-job-run-attempt";

const CANCELLED = "cancelled";

// Inngest cancelled the run (cancelOn, a timeout, or the API): the SDK is never called again for
// it, so the `inngest/function.cancelled` event is the only place this can be recorded.
export async function cancelJobRun(inngestRunId: string, now = new Date()): Promise<{ cancelled: boolean }> {
  const run = await db.jobRun.findUnique({
    where: { inngestRunId },
    select: { id: true, status: true, startedAt: true, queuedAt: true },
  });
  if (!run || (run.status !== "QUEUED" && run.status !== "RUNNING")) return { cancelled: false };
  await endJobRunAttempt({ jobRunId: run.id }, CANCELLED, now);
  const started = run.startedAt ?? run.queuedAt;
  const updated = await db.jobRun.updateMany({
    where: { id: run.id, status: { in: ["QUEUED", "RUNNING"] } },
    data: { status: "CANCELLED", finishedAt: now, durationMs: Math.max(0, now.getTime() - started.getTime()) },
  });
  return { cancelled: updated.count === 1 };
}
