import "server-only";
import { db } from "@/server/db";

export type ErasureStart = { status: "ready" } | { status: "skipped"; reason: string };

// The erasure run's first step. The request sends its event before committing, so this first
// waits on the Workspace row lock the request holds: afterwards the WorkspaceDeletion row is
// either committed or was never there (the request rolled back, and there is nothing to erase).
// Marks the deletion started and links the run's JobRun.
export async function beginWorkspaceErasure(scope: { deletionId: string; workspaceId: string }, jobRunId: string): Promise<ErasureStart> {
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM "Workspace" WHERE "id" = ${scope.workspaceId} FOR UPDATE`;
    const deletion = await tx.workspaceDeletion.findFirst({
      where: { id: scope.deletionId, deletedWorkspaceId: scope.workspaceId },
      select: { startedAt: true, completedAt: true },
    });
    if (!deletion) return { status: "skipped", reason: "No such workspace deletion was recorded." };
    if (deletion.completedAt) return { status: "skipped", reason: "The workspace's data was already erased." };
    await tx.workspaceDeletion.update({
      where: { id: scope.deletionId },
      data: { startedAt: deletion.startedAt ?? new Date(), jobRunId },
    });
    return { status: "ready" };
  });
}
