import type { WorkspaceDb } from "@/server/db";
import { AppError } from "@/server/errors";
import type { Prisma } from "@/server/generated/prisma/client";
import { recordAudit, type AuditActor } from "@/server/services/audit/record-audit";
import { sendForQueuedRun } from "@/server/services/jobs/send-for-queued-run";
import { retryBlockedReason } from "./get-job-run-by-id";
import { eventOf } from "./job-details";
import type { JobRunIdInput } from "./schema";

/** Sends the event; answers what Inngest does (`{ ids }`), whose id the queued run keeps. */
export type SendEvent = (event: { name: string; data: Record<string, unknown> }) => Promise<unknown>;

// Re-sends the failed run's event. The new run is created QUEUED here (so it shows in Jobs at
// once) and the tracking wrapper claims it through `data.job.jobRunId`.
export async function retryJobRun(
  wdb: WorkspaceDb,
  caller: { workspaceId: string },
  input: JobRunIdInput,
  actor: AuditActor,
  deps: { sendEvent?: SendEvent } = {},
): Promise<{ jobRunId: string }> {
  const { run, event } = await wdb.$transaction(async (tx) => {
    // Serializes concurrent Retry clicks on the same run, so only one retry gets queued.
    const locked = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM "JobRun" WHERE id = ${input.jobRunId} AND "workspaceId" = ${caller.workspaceId} FOR UPDATE`;
    if (locked.length === 0) throw new AppError("NOT_FOUND", "Job run not found.");
    const failed = await tx.jobRun.findUniqueOrThrow({
      where: { id: input.jobRunId },
      select: {
        id: true,
        kind: true,
        status: true,
        connectionId: true,
        stream: true,
        functionId: true,
        details: true,
        retries: { select: { status: true } },
      },
    });
    const event = eventOf(failed.details);
    const blocked = retryBlockedReason(failed.status, event !== null, failed.retries);
    if (blocked || !event) throw new AppError("CONFLICT", blocked ?? "This run cannot be retried.");
    if (failed.kind === "sync" && failed.connectionId) {
      // A sync resumes from its streams' saved state, so the one in flight already does what the
      // retry would; two at once would share the connection's batches. The connection row lock is
      // the one "Sync now" and the scheduler take, so none of them can queue beside another.
      await tx.$queryRaw`SELECT id FROM "Connection" WHERE id = ${failed.connectionId} FOR UPDATE`;
      const inFlight = await tx.jobRun.findFirst({
        where: { connectionId: failed.connectionId, kind: "sync", status: { in: ["QUEUED", "RUNNING"] } },
        select: { id: true },
      });
      if (inFlight) throw new AppError("CONFLICT", "A sync of this connection is already queued or running; it picks up where this run stopped.");
    }

    const run = await tx.jobRun.create({
      data: {
        kind: failed.kind,
        connectionId: failed.connectionId,
        stream: failed.stream,
        functionId: failed.functionId,
        trigger: "MANUAL",
        status: "QUEUED",
        retryOfId: failed.id,
        details: { event: { name: event.name, data: event.data } } as Prisma.InputJsonObject,
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      ...actor,
      workspaceId: caller.workspaceId,
      action: "job.retried",
      targetType: "JobRun",
      targetId: run.id,
      metadata: { retryOfId: failed.id, kind: failed.kind, event: event.name },
    });
    return { run, event };
  });

  await sendForQueuedRun(run.id, { name: event.name, data: { ...event.data, job: { retryOfId: input.jobRunId, jobRunId: run.id } } }, "the retry", deps);
  return { jobRunId: run.id };
}
