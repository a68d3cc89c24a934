import type { WorkspaceDb } from "@/server/db";
import { recordAudit } from "@/server/services/audit/record-audit";
import { findPendingForChange } from "./find-pending-for-change";
import type { InvitationIdInput } from "./schema";
import type { InvitingMember } from "./types";

export async function revokeInvitation(wdb: WorkspaceDb, caller: InvitingMember, input: InvitationIdInput) {
  return wdb.$transaction(async (tx) => {
    const pending = await findPendingForChange(tx, input.invitationId, caller.role);
    await tx.invitation.update({ where: { id: pending.id }, data: { revokedAt: new Date() } });
    await recordAudit(tx, {
      ...caller,
      workspaceId: caller.workspace.id,
      action: "invitation.revoked",
      targetType: "Invitation",
      targetId: pending.id,
      metadata: { email: pending.email, role: pending.role },
    });
    return { id: pending.id };
  });
}
