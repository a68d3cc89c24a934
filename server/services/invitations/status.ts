export type InvitationStatus = "valid" | "expired" | "revoked" | "accepted" | "invalid";

export function invitationStatus(
  invitation: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date } | null,
  now = new Date(),
): InvitationStatus {
  if (!invitation) return "invalid";
  if (invitation.acceptedAt) return "accepted";
  if (invitation.revokedAt) return "revoked";
  if (invitation.expiresAt <= now) return "expired";
  return "valid";
}

// Not accepted and not revoked: still actionable by an admin (an expired one can be resent).
export const PENDING = { acceptedAt: null, revokedAt: null } as const;
