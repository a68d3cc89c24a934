import type { WorkspaceDb } from "@/server/db";
import { AppError } from "@/server/errors";
import type { Role } from "@/server/generated/prisma/enums";
import { recordAudit, type AuditActor } from "@/server/services/audit/record-audit";
import { assertMayChangeOwnership, assertNotLastOwner, lockWorkspaceMemberships } from "./owner-rules";
import type { RemoveMemberInput } from "./schema";

export async function removeMember(
  wdb: WorkspaceDb,
  caller: { workspaceId: string; role: Role },
  input: RemoveMemberInput,
  actor: AuditActor,
): Promise<{ membershipId: string }> {
  return wdb.$transaction(async (tx) => {
    await lockWorkspaceMemberships(tx, caller.workspaceId);
    const target = await tx.membership.findUnique({ where: { id: input.membershipId }, select: { id: true, role: true, userId: true } });
    if (!target) throw new AppError("NOT_FOUND", "Member not found.");
    assertMayChangeOwnership(caller.role, target.role);
    if (target.role === "OWNER") {
      await assertNotLastOwner(tx, "This is the workspace's last owner and cannot be removed.");
    }
    await tx.membership.delete({ where: { id: target.id } });
    await recordAudit(tx, {
      ...actor,
      workspaceId: caller.workspaceId,
      action: "member.removed",
      targetType: "Membership",
      targetId: target.id,
      metadata: { userId: target.userId, role: target.role },
    });
    return { membershipId: target.id };
  });
}
