import type { WorkspaceDb } from "@/server/db";
import { AppError } from "@/server/errors";
import type { Role } from "@/server/generated/prisma/enums";

type Tx = Parameters<Parameters<WorkspaceDb["$transaction"]>[0]>[0];

// Membership changes in one workspace run one at a time: two owners demoting each other at once
// would otherwise both see "another owner exists" and leave the workspace with none.
export async function lockWorkspaceMemberships(tx: Tx, workspaceId: string): Promise<void> {
  await tx.$queryRaw`SELECT 1 FROM "Workspace" WHERE id = ${workspaceId} FOR UPDATE`;
}

export async function assertNotLastOwner(tx: Tx, message: string): Promise<void> {
  const owners = await tx.membership.count({ where: { role: "OWNER" } });
  if (owners <= 1) throw new AppError("CONFLICT", message);
}

// Only an owner may hand out or take away ownership.
export function assertMayChangeOwnership(callerRole: Role, targetRole: Role, newRole?: Role): void {
  if (callerRole === "OWNER") return;
  if (targetRole === "OWNER") throw new AppError("FORBIDDEN", "Only an owner can change or remove another owner.");
  if (newRole === "OWNER") throw new AppError("FORBIDDEN", "Only an owner can make someone an owner.");
}
