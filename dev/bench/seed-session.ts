import { randomBytes } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/server/generated/prisma/client";

export type BenchIdentity = { workspaceSlug: string; sessionToken: string; lastMemberEmail: string };

const DAY_MS = 24 * 60 * 60 * 1000;
const TEAMMATE_ROLES = ["ADMIN", "MEMBER", "MEMBER", "VIEWER"] as const;

function teammateEmail(index: number): string {
  return `teammate-${index + 1}@meridian.localhost`;
}

// A signed-in owner of one workspace, created directly in the database: with database sessions
// the session cookie carries the Session row's token as is, so no sign-in round trip is needed.
export async function seedSignedInOwner(databaseUrl: string): Promise<BenchIdentity> {
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
  try {
    const user = await prisma.user.create({
      data: { email: "bench@meridian.localhost", name: "Bench Owner", emailVerified: new Date() },
    });
    const workspace = await prisma.workspace.create({
      data: { name: "Bench Co", slug: "bench-co", memberships: { create: { userId: user.id, role: "OWNER" } } },
    });
    // A few teammates, so member reads return a realistic page rather than a single row.
    for (const [index, role] of TEAMMATE_ROLES.entries()) {
      await prisma.user.create({
        data: {
          email: teammateEmail(index),
          name: `Teammate ${index + 1}`,
          memberships: { create: { workspaceId: workspace.id, role } },
        },
      });
    }
    const sessionToken = randomBytes(32).toString("hex");
    // Extended just now (expires in maxAge), so no request during the run is due to extend it.
    await prisma.session.create({ data: { sessionToken, userId: user.id, expires: new Date(Date.now() + 30 * DAY_MS) } });
    return { workspaceSlug: workspace.slug, sessionToken, lastMemberEmail: teammateEmail(TEAMMATE_ROLES.length - 1) };
  } finally {
    await prisma.$disconnect();
  }
}
