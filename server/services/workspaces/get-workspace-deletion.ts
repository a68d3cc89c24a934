import "server-only";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import type { WorkspaceDeletionInput } from "./schema";

export type WorkspaceDeletionView = {
  id: string;
  workspaceName: string;
  status: "queued" | "erasing" | "completed" | "failed";
  requestedAt: Date;
  completedAt: Date | null;
  /** Rows removed so far, the members and invitations removed at once included. */
  rowsDeleted: number;
  /** Tables emptied out of all, while the erasure runs. */
  progress: { done: number; total: number } | null;
};

// How the erasure of a deleted workspace is going, for the owner who deleted it (the workspace
// itself can no longer be opened). Anyone else is answered as if it did not exist.
export async function getWorkspaceDeletion(userId: string, input: WorkspaceDeletionInput): Promise<WorkspaceDeletionView> {
  const deletion = await db.workspaceDeletion.findFirst({
    where: { id: input.deletionId, requestedById: userId },
    select: { id: true, workspaceName: true, requestedAt: true, startedAt: true, completedAt: true, jobRunId: true, deletedCounts: true },
  });
  if (!deletion) throw new AppError("NOT_FOUND", "Workspace deletion not found.");
  const run = deletion.jobRunId
    ? await db.jobRun.findUnique({ where: { id: deletion.jobRunId }, select: { status: true, progressDone: true, progressTotal: true } })
    : null;
  const counts = Object.values(deletion.deletedCounts as Record<string, number>);
  return {
    id: deletion.id,
    workspaceName: deletion.workspaceName,
    status: deletion.completedAt ? "completed" : run?.status === "FAILED" ? "failed" : deletion.startedAt ? "erasing" : "queued",
    requestedAt: deletion.requestedAt,
    completedAt: deletion.completedAt,
    rowsDeleted: counts.reduce((sum, n) => sum + n, 0),
    progress: run?.progressTotal ? { done: run.progressDone ?? 0, total: run.progressTotal } : null,
  };
}
