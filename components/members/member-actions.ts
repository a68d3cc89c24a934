import { can } from "@/server/auth/permissions";
import type { Role } from "@/server/generated/prisma/enums";

const ROLES: Role[] = ["OWNER", "ADMIN", "MEMBER", "VIEWER"];

export type MemberActions = {
  /** The roles the member's select offers (their own among them); empty when it cannot change. */
  roles: Role[];
  remove: boolean;
  transferOwnership: boolean;
  /** Why the member's role cannot change, when the table should say so. */
  lockedBecause: string | null;
};

// What the caller may do to one member, by the rules the server enforces (server/services/members:
// owner-rules and the permission table), so the UI never offers what the server would refuse: only
// an owner gives or takes ownership, and the last owner can neither be demoted nor removed.
export function memberActions({
  callerRole,
  target,
  isMe,
  ownerCount,
}: {
  callerRole: Role;
  target: { role: Role };
  isMe: boolean;
  ownerCount: number;
}): MemberActions {
  const soleOwner = target.role === "OWNER" && ownerCount <= 1;
  const ownershipIsTheirs = callerRole === "OWNER" || target.role !== "OWNER";
  const roles =
    can(callerRole, "members.updateRole") && ownershipIsTheirs && !soleOwner
      ? ROLES.filter((role) => callerRole === "OWNER" || role !== "OWNER")
      : [];
  return {
    roles,
    remove: can(callerRole, "members.remove") && !isMe && ownershipIsTheirs && !soleOwner,
    transferOwnership: can(callerRole, "members.transferOwnership") && !isMe && target.role !== "OWNER",
    lockedBecause: soleOwner && callerRole === "OWNER" ? "You are the only owner: make another member an owner before changing your role." : null,
  };
}

/** Whether the caller may leave: anyone but the last owner. */
export function mayLeave(callerRole: Role, ownerCount: number): boolean {
  return callerRole !== "OWNER" || ownerCount > 1;
}
