import { randomBytes } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/server/generated/prisma/client";

export type BenchIdentity = { workspaceSlug: string; sessionToken: string };

const DAY_MS = 24 * 60 * 60 * 1000;

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
    const sessionToken = randomBytes(32).toString("hex");
    // Far from expiry, so Auth.js never extends (writes) the session during the run.
    await prisma.session.create({ data: { sessionToken, userId: user.id, expires: new Date(Date.now() + 30 * DAY_MS) } });
    return { workspaceSlug: workspace.slug, sessionToken };
  } finally {
    await prisma.$disconnect();
  }
}
