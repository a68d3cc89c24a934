import { sendInvitationEmail } from "@/server/email";
import type { Role } from "@/server/generated/prisma/enums";
import { invitationAcceptUrl } from "./token";

// Sent after the transaction commits: a rolled-back invitation must never reach an inbox.
export async function deliverInvitation(args: {
  to: string;
  token: string;
  role: Role;
  workspace: { id: string; name: string };
  inviterName: string;
}): Promise<void> {
  await sendInvitationEmail({
    to: args.to,
    workspaceName: args.workspace.name,
    workspaceId: args.workspace.id,
    inviterName: args.inviterName,
    role: args.role,
    acceptUrl: invitationAcceptUrl(args.token),
  });
}
