import { ACTIONS, can, type Action } from "@/server/auth/permissions";
import type { Role } from "@/server/generated/prisma/enums";

export type WorkspaceDetails = {
  id: string;
  name: string;
  slug: string;
  /** The zone every time in the workspace is shown in (IANA). */
  timeZone: string;
  role: Role;
  permissions: Record<Action, boolean>;
};

// What the UI needs to show or hide controls: the same table the API enforces.
export function describeWorkspace(workspace: { id: string; name: string; slug: string; timeZone: string }, role: Role): WorkspaceDetails {
  const permissions = Object.fromEntries(ACTIONS.map((action) => [action, can(role, action)])) as Record<Action, boolean>;
  return { ...workspace, role, permissions };
}
