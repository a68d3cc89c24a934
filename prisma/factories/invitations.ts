import { db } from "@/server/db";
import type { Role } from "@/server/generated/prisma/enums";
import { issueInvitationToken } from "@/server/services/invitations/token";

// An invitation row plus the raw token its link would carry.
export async function buildInvitation(args: {
  workspaceId: string;
  email?: string;
  role?: Role;
  invitedById?: string;
  expiresAt?: Date;
  acceptedAt?: Date;
  revokedAt?: Date;
}) {
  const { token, tokenHash, expiresAt } = issueInvitationToken();
  const invitation = await db.invitation.create({
    data: {
      workspaceId: args.workspaceId,
      email: args.email ?? `invitee-${tokenHash.slice(0, 8)}@example.test`,
      role: args.role ?? "MEMBER",
      tokenHash,
      expiresAt: args.expiresAt ?? expiresAt,
      invitedById: args.invitedById ?? null,
      acceptedAt: args.acceptedAt ?? null,
      revokedAt: args.revokedAt ?? null,
    },
  });
  return { invitation, token };
}
