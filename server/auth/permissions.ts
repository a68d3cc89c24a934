import type { Role } from "@/server/generated/prisma/enums";

// The one role → action table. UI and API both ask `can(role, action)`; nothing else
// compares roles.
export const ROLE_RANK: Record<Role, number> = { VIEWER: 0, MEMBER: 1, ADMIN: 2, OWNER: 3 };

const MIN_ROLE = {
  "workspace.read": "VIEWER",
  "workspace.update": "ADMIN",
  "workspace.delete": "OWNER",
  "members.read": "VIEWER",
  "members.updateRole": "ADMIN",
  "members.remove": "ADMIN",
  "members.transferOwnership": "OWNER",
  "invitations.read": "ADMIN",
  "invitations.create": "ADMIN",
  "invitations.resend": "ADMIN",
  "invitations.revoke": "ADMIN",
  "audit.read": "ADMIN",
  "connections.read": "VIEWER",
  "connections.manage": "ADMIN",
  "jobs.read": "VIEWER",
  "jobs.retry": "ADMIN",
  "data.read": "VIEWER",
  "data.write": "MEMBER",
  "settings.retention": "ADMIN",
} as const satisfies Record<string, Role>;

export type Action = keyof typeof MIN_ROLE;
export const ACTIONS = Object.keys(MIN_ROLE) as Action[];

export function minRoleFor(action: Action): Role {
  return MIN_ROLE[action];
}

export function can(role: Role, action: Action): boolean {
  return ROLE_RANK[role] >= ROLE_RANK[MIN_ROLE[action]];
}

export function atLeast(role: Role, min: Role): boolean {
  return ROLE_RANK[role] >= ROLE_RANK[min];
}
