// Run by ./populated-workspace.ts in its own process (under the react-server condition, with the e2e
// server's DATABASE_URL): the factories' populated workspace (a row in every tenant table), a viewer
// beside its owner, a database session for each, and the ids its record pages need, written as JSON
// to SEED_OUTPUT.
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { buildInvitation, buildMember } from "@/prisma/factories";
import { buildPopulatedWorkspace } from "@/prisma/factories/workspace-contents";
import { db } from "@/server/db";

async function sessionFor(userId: string): Promise<string> {
  const sessionToken = randomBytes(32).toString("hex");
  await db.session.create({ data: { sessionToken, userId, expires: new Date(Date.now() + 86_400_000) } });
  return sessionToken;
}

async function main() {
  const output = process.env.SEED_OUTPUT;
  if (!output) throw new Error("SEED_OUTPUT (the JSON file to write) is not set");
  const { workspace, owner, connection } = await buildPopulatedWorkspace(process.env.SEED_WORKSPACE_NAME || "Populated Workspace");
  const workspaceId = workspace.id;
  const viewer = await buildMember(workspaceId, "VIEWER");
  const { token: invitationToken } = await buildInvitation({ workspaceId, role: "VIEWER", invitedById: owner.id });
  // The e2e server's scheduler would sync these made-up accounts (and mark them for re-authorization).
  await db.connection.updateMany({ where: { workspaceId }, data: { status: "PAUSED" } });

  const where = { workspaceId };
  const seeded = {
    slug: workspace.slug,
    storeAccount: connection.externalAccountId,
    invitationToken,
    sessions: { owner: await sessionFor(owner.id), viewer: await sessionFor(viewer.user.id) },
    orderIds: (await db.order.findMany({ where, select: { id: true }, orderBy: { createdAt: "asc" } })).map((row) => row.id),
    productId: (await db.product.findFirstOrThrow({ where, select: { id: true } })).id,
    customerId: (await db.customer.findFirstOrThrow({ where, select: { id: true } })).id,
    runIds: (await db.jobRun.findMany({ where, select: { id: true }, orderBy: { queuedAt: "asc" } })).map((row) => row.id),
    payoutId: (await db.payout.findFirstOrThrow({ where, select: { id: true } })).id,
    pairId: (await db.reconciliationPair.findFirstOrThrow({ where, select: { id: true } })).id,
    reconciliationDate: (await db.reconciliationDay.findFirstOrThrow({ where, select: { date: true } })).date.toISOString().slice(0, 10),
  };
  writeFileSync(output, JSON.stringify(seeded));
  await db.$disconnect();
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
