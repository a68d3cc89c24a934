import type { WorkspaceDb } from "@/server/db";
import { AppError } from "@/server/errors";
import type { Role } from "@/server/generated/prisma/enums";
import { recordAudit, type AuditActor } from "@/server/services/audit/record-audit";
import { assertMayChangeOwnership, assertNotLastOwner, lockWorkspaceMemberships } from "./owner-rules";
import type { UpdateMemberRoleInput } from "./schema";

export async function updateMemberRole(
  wdb: WorkspaceDb,
  caller: { workspaceId: string; role: Role },
  input: UpdateMemberRoleInput,
  actor: AuditActor,
): Promise<{ membershipId: string; role: Role }> {
  return wdb.$transaction(async (tx) => {
    await lockWorkspaceMemberships(tx, caller.workspaceId);
    const target = await tx.membership.findUnique({ where: { id: input.membershipId }, select: { id: true, role: true, userId: true } });
    if (!target) throw new AppError("NOT_FOUND", "Member not found.");
    assertMayChangeOwnership(caller.role, target.role, input.role);
    if (target.role === input.role) return { membershipId: target.id, role: target.role };
    if (target.role === "OWNER") {
      await assertNotLastOwner(tx, "This is the workspace's last owner. Make another member an owner first.");
    }
    await tx.membership.update({ where: { id: target.id }, data: { role: input.role } });
    await recordAudit(tx, {
      ...actor,
      workspaceId: caller.workspaceId,
      action: "member.role_changed",
      targetType: "Membership",
      targetId: target.id,
      metadata: { userId: target.userId, from: target.role, to: input.role },
    });
    return { membershipId: target.id, role: input.role };
  });
}
