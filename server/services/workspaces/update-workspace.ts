import type { WorkspaceDb } from "@/server/db";
import { recordAudit, type AuditActor } from "@/server/services/audit/record-audit";
import type { UpdateWorkspaceInput } from "./schema";

export async function updateWorkspace(
  wdb: WorkspaceDb,
  workspaceId: string,
  input: UpdateWorkspaceInput,
  actor: AuditActor,
): Promise<{ id: string; name: string; slug: string }> {
  return wdb.$transaction(async (tx) => {
    const before = await tx.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { name: true } });
    const updated = await tx.workspace.update({
      where: { id: workspaceId },
      data: { name: input.name },
      select: { id: true, name: true, slug: true },
    });
    await recordAudit(tx, {
      ...actor,
      workspaceId,
      action: "workspace.updated",
      targetType: "Workspace",
      targetId: workspaceId,
      metadata: { name: { from: before.name, to: input.name } },
    });
    return updated;
  });
}
