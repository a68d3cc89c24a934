import { workspaceDb } from "@/server/db";
import { AppError } from "@/server/errors";
import { recordAudit, type AuditActor } from "@/server/services/audit/record-audit";
import { findInvitationByToken } from "./find-invitation-by-token";
import type { InvitationTokenInput } from "./schema";
import { invitationStatus, type InvitationStatus } from "./status";

const REFUSALS: Record<Exclude<InvitationStatus, "valid">, AppError> = {
  invalid: new AppError("NOT_FOUND", "This invitation link is not valid. Check that you used the whole link, or ask for a new invitation."),
  expired: new AppError("BAD_REQUEST", "This invitation has expired. Ask a workspace admin to resend it."),
  revoked: new AppError("FORBIDDEN", "This invitation was revoked. Ask a workspace admin for a new one."),
  accepted: new AppError("CONFLICT", "This invitation has already been used."),
};

function refuse(status: Exclude<InvitationStatus, "valid">): never {
  const template = REFUSALS[status];
  throw new AppError(template.code, template.message);
}

// Joins the signed-in user to the invitation's workspace. Brand-new users arrive here right after
// their first magic-link sign-in, so this path is the same for new and existing accounts.
// If the user is already a member, the invitation is used up and their current role is kept
// (an invitation never demotes or promotes); the call still succeeds with the slug.
export async function acceptInvitation(
  user: { id: string; email: string },
  input: InvitationTokenInput,
  actor: AuditActor,
): Promise<{ workspaceSlug: string }> {
  const invitation = await findInvitationByToken(input.token);
  const status = invitationStatus(invitation);
  if (!invitation || status !== "valid") refuse(status === "valid" ? "invalid" : status);
  if (invitation.email.toLowerCase() !== user.email.toLowerCase()) {
    throw new AppError(
      "FORBIDDEN",
      `This invitation was sent to ${invitation.email}, but you are signed in as ${user.email}. Sign in with ${invitation.email} to accept it.`,
    );
  }

  const wdb = workspaceDb(invitation.workspaceId);
  await wdb.$transaction(async (tx) => {
    const now = new Date();
    // Single use: of two concurrent accepts, exactly one flips acceptedAt.
    const claimed = await tx.invitation.updateMany({
      where: { id: invitation.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
      data: { acceptedAt: now },
    });
    if (claimed.count !== 1) {
      refuse(invitationStatus(await tx.invitation.findUnique({ where: { id: invitation.id } }), now) as Exclude<InvitationStatus, "valid">);
    }
    const existing = await tx.membership.findFirst({ where: { userId: user.id }, select: { id: true, role: true } });
    const membership =
      existing ?? (await tx.membership.create({ data: { workspaceId: invitation.workspaceId, userId: user.id, role: invitation.role } }));
    await recordAudit(tx, {
      ...actor,
      workspaceId: invitation.workspaceId,
      action: "invitation.accepted",
      targetType: "Membership",
      targetId: membership.id,
      metadata: { invitationId: invitation.id, email: invitation.email, role: membership.role, alreadyMember: Boolean(existing) },
    });
  });
  return { workspaceSlug: invitation.workspace.slug };
}
