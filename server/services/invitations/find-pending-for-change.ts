import type { WorkspaceDb } from "@/server/db";
import { AppError } from "@/server/errors";
import type { Role } from "@/server/generated/prisma/enums";
import { PENDING } from "./status";

type Tx = Parameters<Parameters<WorkspaceDb["$transaction"]>[0]>[0];

// A pending invitation the caller may act on. Admins cannot touch owner invitations, matching the
// rule that only owners hand out ownership.
export async function findPendingForChange(tx: Tx, invitationId: string, callerRole: Role) {
  const invitation = await tx.invitation.findFirst({ where: { ...PENDING, id: invitationId } });
  if (!invitation) throw new AppError("NOT_FOUND", "Invitation not found, or already accepted or revoked.");
  if (invitation.role === "OWNER" && callerRole !== "OWNER") {
    throw new AppError("FORBIDDEN", "Only an owner can manage an owner invitation.");
  }
  return invitation;
}
