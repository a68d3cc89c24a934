import "server-only";
import type { WorkspaceDb } from "@/server/db";
import { recordAudit, type AuditActor } from "@/server/services/audit/record-audit";
import { retentionRequested } from "@/server/services/jobs/events";
import { sendForQueuedRun } from "@/server/services/jobs/send-for-queued-run";
import { RETENTION_RUN_FUNCTION_ID } from "./constants";

export type SendRetentionEvent = (event: ReturnType<typeof retentionRequested.create>) => Promise<unknown>;

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

  await sendForQueuedRun(run.id, retentionRequested.create({ ...data, job: { jobRunId: run.id } }), "the retention run", deps);
  return { jobRunId: run.id };
}
