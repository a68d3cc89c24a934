import { db } from "@/server/db";
import type { Role } from "@/server/generated/prisma/enums";

export type WorkspaceSummary = { id: string; name: string; slug: string; role: Role };

// The caller's own memberships: scoped by user, not by workspace.
export async function listWorkspacesForUser(userId: string): Promise<WorkspaceSummary[]> {
  const memberships = await db.membership.findMany({
    where: { userId },
    select: { role: true, workspace: { select: { id: true, name: true, slug: true } } },
    orderBy: { workspace: { name: "asc" } },
  });
  return memberships.map((m) => ({ ...m.workspace, role: m.role }));
}
