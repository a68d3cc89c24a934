import { randomBytes } from "node:crypto";
import { db } from "@/server/db";
import { Prisma } from "@/server/generated/prisma/client";
import { recordAudit, type AuditActor } from "@/server/services/audit/record-audit";
import type { CreateWorkspaceInput } from "./schema";
import { firstFreeSlug, slugify } from "./slugify";

const MAX_ATTEMPTS = 3;

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

// Creates the workspace with its creator as OWNER. The slug is derived from the name; on a
// collision it gets a numeric suffix, and a concurrent creation of the same slug falls back to a
// random suffix instead of failing.
export async function createWorkspace(
  userId: string,
  input: CreateWorkspaceInput,
  actor: AuditActor,
): Promise<{ id: string; slug: string }> {
  const base = slugify(input.name);
  for (let attempt = 1; ; attempt++) {
    const taken = await db.workspace.findMany({ where: { slug: { startsWith: base } }, select: { slug: true } });
    const free = firstFreeSlug(base, new Set(taken.map((w) => w.slug)));
    const slug = attempt === 1 ? free : `${base}-${randomBytes(3).toString("hex")}`;
    try {
      return await db.$transaction(async (tx) => {
        const workspace = await tx.workspace.create({ data: { name: input.name, slug }, select: { id: true, slug: true } });
        const membership = await tx.membership.create({ data: { workspaceId: workspace.id, userId, role: "OWNER" } });
        await recordAudit(tx, {
          ...actor,
          workspaceId: workspace.id,
          action: "workspace.created",
          targetType: "Workspace",
          targetId: workspace.id,
          metadata: { name: input.name, slug, ownerMembershipId: membership.id },
        });
        return workspace;
      });
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}
