import { randomUUID } from "node:crypto";
import { db } from "@/server/db";
import type { Role } from "@/server/generated/prisma/enums";

// The whole UUID: the suite makes tens of thousands of users in one database, and 8 hex digits
// collided on User.email (a clean-clone run failed on it).
function unique(): string {
  return randomUUID();
}

export type TestUser = { id: string; email: string; name: string | null };

export async function buildUser(overrides: { email?: string; name?: string } = {}): Promise<TestUser> {
  const tag = unique();
  return db.user.create({
    data: { email: overrides.email ?? `user-${tag}@example.test`, name: overrides.name ?? `User ${tag}` },
    select: { id: true, email: true, name: true },
  });
}

// A user with a membership of the given role in the workspace.
export async function buildMember(workspaceId: string, role: Role, user?: TestUser) {
  const member = user ?? (await buildUser());
  const membership = await db.membership.create({ data: { workspaceId, userId: member.id, role } });
  return { user: member, membership };
}

// A workspace with one OWNER (returned as `owner`).
export async function buildWorkspaceWithOwner(name = "Test Workspace") {
  const tag = unique();
  const workspace = await db.workspace.create({ data: { name, slug: `ws-${tag}` } });
  const { user: owner, membership } = await buildMember(workspace.id, "OWNER");
  return { workspace, owner, ownerMembership: membership };
}
