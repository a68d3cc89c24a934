import type { WorkspaceDb } from "@/server/db";
import { AppError } from "@/server/errors";
import { recordAudit, type AuditActor } from "@/server/services/audit/record-audit";
import { lockWorkspaceMemberships } from "./owner-rules";
import type { TransferOwnershipInput } from "./schema";

// An owner hands ownership to another member: that member becomes OWNER and the caller ADMIN, in
// one transaction with its audit row, so the workspace never has fewer owners than before. A
// workspace may have several owners; the others keep their role.
export async function transferOwnership(
  wdb: WorkspaceDb,
  caller: { workspaceId: string; membershipId: string },
  input: TransferOwnershipInput,
  actor: AuditActor,
): Promise<{ membershipId: string; role: "OWNER"; previousOwnerRole: "ADMIN" }> {
  return wdb.$transaction(async (tx) => {
    await lockWorkspaceMemberships(tx, caller.workspaceId);
    // Read again under the lock: another owner may have demoted the caller since the permission check.
    const own = await tx.membership.findUnique({ where: { id: caller.membershipId }, select: { id: true, role: true, userId: true } });
    if (own?.role !== "OWNER") throw new AppError("FORBIDDEN", "Only an owner can transfer ownership.");
    const target = await tx.membership.findUnique({
      where: { id: input.membershipId },
      select: { id: true, role: true, userId: true, user: { select: { email: true } } },
    });
    if (!target) throw new AppError("NOT_FOUND", "Member not found.");
    if (target.id === own.id) throw new AppError("BAD_REQUEST", "You already own this workspace. Choose another member.");
    if (target.role === "OWNER") {
      throw new AppError("CONFLICT", "This member is already an owner. To step down, change your own role instead.");
    }
    await tx.membership.update({ where: { id: target.id }, data: { role: "OWNER" } });
    await tx.membership.update({ where: { id: own.id }, data: { role: "ADMIN" } });
    await recordAudit(tx, {
      ...actor,
      workspaceId: caller.workspaceId,
      action: "member.ownership_transferred",
      targetType: "Membership",
      targetId: target.id,
      metadata: {
        userId: target.userId,
        email: target.user.email,
        from: target.role,
        to: "OWNER",
        previousOwner: { membershipId: own.id, userId: own.userId, to: "ADMIN" },
      },
    });
    return { membershipId: target.id, role: "OWNER" as const, previousOwnerRole: "ADMIN" as const };
  });
}
