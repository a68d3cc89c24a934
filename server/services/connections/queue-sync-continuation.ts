import "server-only";
import { db } from "@/server/db";
import { connectionSyncRequested } from "@/server/services/jobs/events";
import { SYNC_FUNCTION_ID } from "./sync-status";

type SyncRequest = ReturnType<typeof connectionSyncRequested.create>["data"];
export type SyncContinuationRequest = Omit<SyncRequest, "job" | "continues"> & { continues: NonNullable<SyncRequest["continues"]> };

// The QUEUED JobRun of the run that takes a sync over from `continues.jobRunId`, a run that
// stopped at its step budget. Created while that run is still RUNNING, so "Sync now" and the
// scheduler always find a sync of the connection in flight and coalesce onto the chain rather
// than queue a run beside it. One per stopped run: a retried step gets the row it created.
export async function queueSyncContinuation(request: SyncContinuationRequest, now = new Date()): Promise<{ jobRunId: string }> {
  const row = await db.jobRun.upsert({
    where: { continuedFromId: request.continues.jobRunId },
    create: {
      workspaceId: request.workspaceId,
      connectionId: request.connectionId,
      functionId: SYNC_FUNCTION_ID,
      kind: "sync",
      trigger: request.trigger,
      status: "QUEUED",
      queuedAt: now,
      continuedFromId: request.continues.jobRunId,
      details: { event: { name: connectionSyncRequested.name, data: request } },
    },
    update: {},
    select: { id: true },
  });
  return { jobRunId: row.id };
}
