import "server-only";
import type { WorkspaceDb } from "@/server/db";
import { recordAudit, type AuditActor } from "@/server/services/audit/record-audit";
import { retentionRequested } from "@/server/services/jobs/events";
import { jobRunner, sentEventIds } from "@/server/services/jobs/job-runner";
import { recordJobRunEvents } from "@/server/services/jobs/record-job-run-events";
import { RETENTION_RUN_FUNCTION_ID } from "./constants";

export type SendRetentionEvent = (event: ReturnType<typeof retentionRequested.create>) => Promise<unknown>;

const sendWithRunner: SendRetentionEvent = (event) => jobRunner().send(event);

// "Run retention now": the JobRun is created QUEUED here so Jobs shows it at once; the tracking
// wrapper claims it through `data.job.jobRunId` when the run starts.
export async function requestRetentionRun(
  wdb: WorkspaceDb,
  workspaceId: string,
  actor: AuditActor,
  deps: { sendEvent?: SendRetentionEvent } = {},
): Promise<{ jobRunId: string }> {
  const data = { workspaceId, trigger: "MANUAL" as const };
  const run = await wdb.$transaction(async (tx) => {
    const run = await tx.jobRun.create({
      data: {
        kind: "retention",
        functionId: RETENTION_RUN_FUNCTION_ID,
        trigger: "MANUAL",
        status: "QUEUED",
        details: { event: { name: retentionRequested.name, data } },
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      ...actor,
      workspaceId,
      action: "retention.run_requested",
      targetType: "JobRun",
      targetId: run.id,
    });
    return run;
  });

  const sendEvent = deps.sendEvent ?? sendWithRunner;
  let sent: unknown;
  try {
    sent = await sendEvent(retentionRequested.create({ ...data, job: { jobRunId: run.id } }));
  } catch (error) {
    // Nothing will ever claim this row: close it with the reason instead of leaving it queued.
    const reason = error instanceof Error ? error.message : String(error);
    await wdb.jobRun.update({
      where: { id: run.id },
      data: { status: "FAILED", error: `Could not queue the retention run: ${reason}`, finishedAt: new Date(), durationMs: 0 },
    });
    throw new Error("Could not queue the retention run", { cause: error });
  }
  // What reconcileInFlightRuns asks the job runner about while the row waits to be claimed.
  await recordJobRunEvents([{ jobRunId: run.id, eventId: sentEventIds(sent)[0] ?? null }]);
  return { jobRunId: run.id };
}
