import type { Role } from "@/server/generated/prisma/enums";
import type { AuditActor } from "@/server/services/audit/record-audit";

// The admin acting on invitations, as resolved by workspaceProcedure.
export type InvitingMember = AuditActor & {
  workspace: { id: string; name: string };
  role: Role;
  name: string;
};

export type PendingInvitation = {
  id: string;
  email: string;
  role: Role;
  expiresAt: Date;
  lastSentAt: Date;
  createdAt: Date;
  expired: boolean;
  invitedBy: { name: string | null; email: string } | null;
};
