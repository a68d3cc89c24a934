import "server-only";
import type { WorkspaceDb } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";
import { recordAudit, type AuditActor } from "@/server/services/audit/record-audit";
import { workspaceTimeZoneChangeRequested } from "@/server/services/jobs/events";
import { sendForQueuedRun } from "@/server/services/jobs/send-for-queued-run";
import type { UpdateWorkspaceTimeZoneInput } from "./schema";
import { getWorkspaceTimeZone, timeZoneChangeInFlightSql, type TimeZoneChange } from "./time-zone-change";

// Inngest function id of the change (inngest/functions/change-workspace-time-zone.ts); never renamed once shipped.
export const TIME_ZONE_CHANGE_FUNCTION_ID = "change-workspace-time-zone";

/**
 * A person's choice of the zone the workspace's days are counted in and its times shown in (a
 * store's own zone, taken while none is chosen, is adopt-store-time-zone.ts'): marks the zone
 * chosen, and audits and queues the change: every sale is counted again on its day in the new zone
 * by the change-workspace-time-zone job (seconds to minutes on a large workspace), which switches
 * the zone when it is done; until then the overview shows the old zone's figures. The answer is
 * the zone as it is and the change under way.
 */
export async function updateWorkspaceTimeZone(
  wdb: WorkspaceDb,
  workspaceId: string,
  input: UpdateWorkspaceTimeZoneInput,
  actor: AuditActor,
): Promise<{ timeZone: string; change: TimeZoneChange | null }> {
  const data = { workspaceId, timeZone: input.timeZone };
  const run = await wdb.$transaction(async (tx) => {
    const before = await tx.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { timeZone: true, timeZoneChosenAt: true } });
    if (!before.timeZoneChosenAt) await tx.workspace.update({ where: { id: workspaceId }, data: { timeZoneChosenAt: new Date() } });
    const [inFlight] = await tx.$queryRaw<{ timeZone: string }[]>(timeZoneChangeInFlightSql(workspaceId));
    // Already the zone, or the one it is changing to. Back to the zone it has while a change is
    // under way is a change of its own: it supersedes that one.
    if ((inFlight?.timeZone ?? before.timeZone) === input.timeZone) return null;
    const queued = await tx.jobRun.create({
      data: {
        workspaceId,
        kind: "time-zone-change",
        functionId: TIME_ZONE_CHANGE_FUNCTION_ID,
        trigger: "MANUAL",
        status: "QUEUED",
        // The shape the run's own start writes (start-job-run.ts): the zone asked for is read from it.
        details: { event: { name: workspaceTimeZoneChangeRequested.name, data } } satisfies Prisma.InputJsonObject,
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      ...actor,
      workspaceId,
      action: "workspace.updated",
      targetType: "Workspace",
      targetId: workspaceId,
      metadata: { timeZone: { from: before.timeZone, to: input.timeZone }, jobRunId: queued.id },
    });
    return queued;
  });
  if (run) await sendForQueuedRun(run.id, workspaceTimeZoneChangeRequested.create({ ...data, job: { jobRunId: run.id } }), "the time zone change");
  return getWorkspaceTimeZone(workspaceId);
}
