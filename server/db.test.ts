import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { buildInvitation } from "@/prisma/factories/invitations";
import { buildMember, buildWorkspaceWithOwner } from "@/prisma/factories/members";
import { db, WORKSPACE_SCOPED_MODELS, workspaceDb, WorkspaceScopeViolation } from "@/server/db";

function modelsWithWorkspaceIdInSchema(): string[] {
  const schema = readFileSync(join(process.cwd(), "prisma/schema.prisma"), "utf8");
  return [...schema.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)]
    .filter(([, , body]) => /^\s+workspaceId\s/m.test(body ?? ""))
    .map(([, name]) => name!)
    .sort();
}

describe("WORKSPACE_SCOPED_MODELS", () => {
  it("is exactly the models whose schema has a workspaceId column", () => {
    expect([...WORKSPACE_SCOPED_MODELS].sort()).toEqual(modelsWithWorkspaceIdInSchema());
    expect(WORKSPACE_SCOPED_MODELS.has("Membership")).toBe(true);
  });
});

describe("workspaceDb", () => {
  let a: Awaited<ReturnType<typeof buildWorkspaceWithOwner>>;
  let b: Awaited<ReturnType<typeof buildWorkspaceWithOwner>>;
  let bInvitationId: string;

  beforeEach(async () => {
    a = await buildWorkspaceWithOwner("A");
    b = await buildWorkspaceWithOwner("B");
    bInvitationId = (await buildInvitation({ workspaceId: b.workspace.id })).invitation.id;
    await buildInvitation({ workspaceId: a.workspace.id });
  });

  it("hides another workspace's rows from every read", async () => {
    const wdb = workspaceDb(a.workspace.id);
    expect(await wdb.invitation.findUnique({ where: { id: bInvitationId } })).toBeNull();
    expect(await wdb.invitation.findFirst({ where: { id: bInvitationId } })).toBeNull();
    expect(await wdb.invitation.findMany({ where: { id: bInvitationId } })).toEqual([]);
    expect(await wdb.invitation.count({ where: { id: bInvitationId } })).toBe(0);
    expect(await wdb.invitation.count()).toBe(1);
    expect((await wdb.membership.findMany()).map((m) => m.workspaceId)).toEqual([a.workspace.id]);
    expect(await wdb.workspace.findUnique({ where: { id: b.workspace.id } })).toBeNull();
    // Sanity: the row is there for the unscoped client and for B's handle.
    expect(await db.invitation.findUnique({ where: { id: bInvitationId } })).not.toBeNull();
    expect(await workspaceDb(b.workspace.id).invitation.findUnique({ where: { id: bInvitationId } })).not.toBeNull();
  });

  it("cannot change or delete another workspace's rows", async () => {
    const wdb = workspaceDb(a.workspace.id);
    const before = await db.invitation.findUniqueOrThrow({ where: { id: bInvitationId } });
    await expect(wdb.invitation.update({ where: { id: bInvitationId }, data: { role: "ADMIN" } })).rejects.toThrow();
    expect((await wdb.invitation.updateMany({ where: { id: bInvitationId }, data: { role: "ADMIN" } })).count).toBe(0);
    await expect(wdb.invitation.delete({ where: { id: bInvitationId } })).rejects.toThrow();
    expect((await wdb.invitation.deleteMany({ where: { id: bInvitationId } })).count).toBe(0);
    expect((await wdb.invitation.deleteMany()).count).toBe(1);
    expect(await db.invitation.findUniqueOrThrow({ where: { id: bInvitationId } })).toEqual(before);
  });

  it("stamps creates with its workspace and refuses a foreign workspaceId", async () => {
    const wdb = workspaceDb(a.workspace.id);
    const { user } = await buildMember(b.workspace.id, "VIEWER");
    const created = await wdb.auditLog.create({ data: { workspaceId: a.workspace.id, action: "test.created" } });
    expect(created.workspaceId).toBe(a.workspace.id);
    await expect(wdb.membership.create({ data: { workspaceId: b.workspace.id, userId: user.id, role: "ADMIN" } })).rejects.toThrow(
      WorkspaceScopeViolation,
    );
    await expect(
      wdb.auditLog.updateMany({ where: {}, data: { workspaceId: b.workspace.id } }),
    ).rejects.toThrow(WorkspaceScopeViolation);
    expect(await db.membership.count({ where: { userId: user.id } })).toBe(1);
  });

  it("keeps the scope inside interactive transactions", async () => {
    const wdb = workspaceDb(a.workspace.id);
    const seen = await wdb.$transaction(async (tx) => {
      await tx.auditLog.create({ data: { workspaceId: a.workspace.id, action: "tx.created" } });
      return {
        foreign: await tx.invitation.findUnique({ where: { id: bInvitationId } }),
        updated: await tx.invitation.updateMany({ where: { id: bInvitationId }, data: { role: "ADMIN" } }),
      };
    });
    expect(seen.foreign).toBeNull();
    expect(seen.updated.count).toBe(0);
    expect(await db.auditLog.count({ where: { workspaceId: a.workspace.id, action: "tx.created" } })).toBe(1);
  });
});
