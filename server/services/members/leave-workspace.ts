import type { WorkspaceDb } from "@/server/db";
import { AppError } from "@/server/errors";
import { recordAudit, type AuditActor } from "@/server/services/audit/record-audit";
import { assertNotLastOwner, lockWorkspaceMemberships } from "./owner-rules";

export async function leaveWorkspace(
  wdb: WorkspaceDb,
  caller: { workspaceId: string; membershipId: string },
  actor: AuditActor,
): Promise<{ left: true }> {
  return wdb.$transaction(async (tx) => {
    await lockWorkspaceMemberships(tx, caller.workspaceId);
    const own = await tx.membership.findUnique({ where: { id: caller.membershipId }, select: { id: true, role: true, userId: true } });
    if (!own) throw new AppError("NOT_FOUND", "You are not a member of this workspace.");
    if (own.role === "OWNER") {
      await assertNotLastOwner(tx, "You are the last owner. Make another member an owner before leaving.");
    }
    await tx.membership.delete({ where: { id: own.id } });
    await recordAudit(tx, {
      ...actor,
      workspaceId: caller.workspaceId,
      action: "member.left",
      targetType: "Membership",
      targetId: own.id,
      metadata: { userId: own.userId, role: own.role },
    });
    return { left: true as const };
  });
}
