import type { Role } from "@/server/generated/prisma/enums";
import { findInvitationByToken } from "./find-invitation-by-token";
import type { InvitationTokenInput } from "./schema";
import { invitationStatus, type InvitationStatus } from "./status";

export type InvitationPreview = {
  status: InvitationStatus;
  workspaceName: string | null;
  email: string | null;
  role: Role | null;
};

// What the accept page shows before sign-in. An unknown token reveals nothing.
export async function previewInvitation(input: InvitationTokenInput): Promise<InvitationPreview> {
  const invitation = await findInvitationByToken(input.token);
  if (!invitation) return { status: "invalid", workspaceName: null, email: null, role: null };
  return {
    status: invitationStatus(invitation),
    workspaceName: invitation.workspace.name,
    email: invitation.email,
    role: invitation.role,
  };
}
