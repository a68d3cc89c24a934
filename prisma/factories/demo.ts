import type { PrismaClient } from "@/server/generated/prisma/client";

export const DEMO_USER_EMAIL = "demo@meridian.localhost";
export const DEMO_WORKSPACE_SLUG = "demo";

/**
 * The demo account `npm run dev` seeds: one user who OWNs the "Demo Brand" workspace.
 * Idempotent: re-running finds the same rows (and restores the OWNER role if it was changed).
 */
export async function seedDemoData(client: PrismaClient) {
  return client.$transaction(async (tx) => {
    const user = await tx.user.upsert({
      where: { email: DEMO_USER_EMAIL },
      create: { email: DEMO_USER_EMAIL, name: "Demo User", emailVerified: new Date() },
      update: {},
    });
    const workspace = await tx.workspace.upsert({
      where: { slug: DEMO_WORKSPACE_SLUG },
      create: { slug: DEMO_WORKSPACE_SLUG, name: "Demo Brand" },
      update: {},
    });
    const membership = await tx.membership.upsert({
      where: { workspaceId_userId: { workspaceId: workspace.id, userId: user.id } },
      create: { workspaceId: workspace.id, userId: user.id, role: "OWNER" },
      update: { role: "OWNER" },
    });
    return { user, workspace, membership };
  });
}
