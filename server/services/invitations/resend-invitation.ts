import type { WorkspaceDb } from "@/server/db";
import { recordAudit } from "@/server/services/audit/record-audit";
import { deliverInvitation } from "./deliver-invitation";
import { findPendingForChange } from "./find-pending-for-change";
import type { InvitationIdInput } from "./schema";
import { issueInvitationToken } from "./token";
import type { InvitingMember } from "./types";

// A fresh token and expiry; the previously emailed link stops working.
export async function resendInvitation(wdb: WorkspaceDb, caller: InvitingMember, input: InvitationIdInput) {
  const { token, tokenHash, expiresAt } = issueInvitationToken();
  const invitation = await wdb.$transaction(async (tx) => {
    const pending = await findPendingForChange(tx, input.invitationId, caller.role);
    const updated = await tx.invitation.update({
      where: { id: pending.id },
      data: { tokenHash, expiresAt, lastSentAt: new Date(), invitedById: caller.actorId },
    });
    await recordAudit(tx, {
      ...caller,
      workspaceId: caller.workspace.id,
      action: "invitation.resent",
      targetType: "Invitation",
      targetId: updated.id,
      metadata: { email: updated.email, role: updated.role },
    });
    return updated;
  });
  await deliverInvitation({ to: invitation.email, token, role: invitation.role, workspace: caller.workspace, inviterName: caller.name });
  return { id: invitation.id, email: invitation.email, role: invitation.role, expiresAt: invitation.expiresAt };
}
