import "server-only";
import { db } from "@/server/db";

export type DeletedCounts = Record<string, number>;

// The erasure's last step, once every table is empty: the Workspace row goes, taking along
// through the foreign keys' cascades whatever arrived after its table was emptied (a job run
// recorded meanwhile: a handful of rows, not the giant cascade), and the deletion is complete.
export async function completeWorkspaceErasure(scope: { deletionId: string; workspaceId: string }): Promise<{ deletedCounts: DeletedCounts }> {
  return db.$transaction(async (tx) => {
    const deletion = await tx.workspaceDeletion.findFirst({ where: { id: scope.deletionId, deletedWorkspaceId: scope.workspaceId }, select: { id: true } });
    if (!deletion) throw new Error(`No deletion ${scope.deletionId} was recorded for workspace ${scope.workspaceId}`);
    const workspace = await tx.workspace.deleteMany({ where: { id: scope.workspaceId } });
    const [row] = await tx.$queryRaw<{ deletedCounts: DeletedCounts }[]>`
      UPDATE "WorkspaceDeletion"
      SET "completedAt" = now(),
          "deletedCounts" = "deletedCounts" || jsonb_build_object('Workspace', coalesce(("deletedCounts" ->> 'Workspace')::bigint, 0) + ${workspace.count})
      WHERE "id" = ${scope.deletionId}
      RETURNING "deletedCounts"`;
    return { deletedCounts: row!.deletedCounts };
  });
}
