import type { WorkspaceDb } from "@/server/db";
import { AppError } from "@/server/errors";
import type { Role } from "@/server/generated/prisma/enums";
import { recordAudit } from "@/server/services/audit/record-audit";
import { deliverInvitation } from "./deliver-invitation";
import type { CreateInvitationInput } from "./schema";
import { PENDING } from "./status";
import { issueInvitationToken } from "./token";
import type { InvitingMember } from "./types";
import { likeLiteral } from "@/server/services/orders/like";

// One pending invitation per address: inviting the same address again replaces the old link
// (new token, role and expiry), so only the latest email works.
export async function createInvitation(
  wdb: WorkspaceDb,
  caller: InvitingMember,
  input: CreateInvitationInput,
): Promise<{ id: string; email: string; role: Role; expiresAt: Date }> {
  if (input.role === "OWNER" && caller.role !== "OWNER") {
    throw new AppError("FORBIDDEN", "Only an owner can invite someone as an owner.");
  }
  const { token, tokenHash, expiresAt } = issueInvitationToken();
  const invitation = await wdb.$transaction(async (tx) => {
    const member = await tx.membership.findFirst({
      // Case-insensitive equals is an ILIKE in Prisma: escaped, so "_" in an address is not a wildcard.
      where: { user: { email: { equals: likeLiteral(input.email), mode: "insensitive" } } },
      select: { id: true },
    });
    if (member) throw new AppError("CONFLICT", `${input.email} is already a member of this workspace.`);
    const existing = await tx.invitation.findFirst({ where: { ...PENDING, email: input.email }, select: { id: true } });
    const fields = { role: input.role, tokenHash, expiresAt, invitedById: caller.actorId, lastSentAt: new Date() };
    const saved = existing
      ? await tx.invitation.update({ where: { id: existing.id }, data: fields })
      : await tx.invitation.create({ data: { ...fields, workspaceId: caller.workspace.id, email: input.email } });
    await recordAudit(tx, {
      ...caller,
      workspaceId: caller.workspace.id,
      action: "invitation.created",
      targetType: "Invitation",
      targetId: saved.id,
      metadata: { email: input.email, role: input.role, replacedPending: Boolean(existing) },
    });
    return saved;
  });
  await deliverInvitation({ to: invitation.email, token, role: invitation.role, workspace: caller.workspace, inviterName: caller.name });
  return { id: invitation.id, email: invitation.email, role: invitation.role, expiresAt: invitation.expiresAt };
}
