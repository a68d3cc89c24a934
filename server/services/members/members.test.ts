import { beforeEach, describe, expect, it } from "vitest";
import { buildMember, buildWorkspaceWithOwner } from "@/prisma/factories/members";
import { callerFor, errorOf } from "@/server/api/test-utils";
import { db } from "@/server/db";

async function setUp() {
  const { workspace, owner, ownerMembership } = await buildWorkspaceWithOwner("Members");
  const admin = await buildMember(workspace.id, "ADMIN");
  const viewer = await buildMember(workspace.id, "VIEWER");
  return { workspace, slug: workspace.slug, owner, ownerMembership, admin, viewer };
}

describe("members", () => {
  let w: Awaited<ReturnType<typeof setUp>>;
  beforeEach(async () => {
    w = await setUp();
  });

  describe("the last owner", () => {
    it("cannot leave", async () => {
      const error = await errorOf(callerFor(w.owner).member.leave({ workspaceSlug: w.slug }));
      expect(error.code).toBe("CONFLICT");
      expect(error.message).toMatch(/last owner/);
    });

    it("cannot be demoted, even by themselves", async () => {
      const error = await errorOf(callerFor(w.owner).member.updateRole({ workspaceSlug: w.slug, membershipId: w.ownerMembership.id, role: "ADMIN" }));
      expect(error.code).toBe("CONFLICT");
      expect(error.message).toMatch(/last owner/);
    });

    it("cannot be removed", async () => {
      const error = await errorOf(callerFor(w.owner).member.remove({ workspaceSlug: w.slug, membershipId: w.ownerMembership.id }));
      expect(error.code).toBe("CONFLICT");
      expect(await db.membership.count({ where: { id: w.ownerMembership.id } })).toBe(1);
    });

    it("can leave once another owner exists, and the departure is audited", async () => {
      await callerFor(w.owner).member.updateRole({ workspaceSlug: w.slug, membershipId: w.admin.membership.id, role: "OWNER" });
      await expect(callerFor(w.owner).member.leave({ workspaceSlug: w.slug })).resolves.toEqual({ left: true });
      expect(await db.membership.count({ where: { workspaceId: w.workspace.id, role: "OWNER" } })).toBe(1);
      expect(await db.auditLog.count({ where: { workspaceId: w.workspace.id, action: "member.left", actorId: w.owner.id } })).toBe(1);
      expect((await errorOf(callerFor(w.owner).workspace.get({ workspaceSlug: w.slug }))).code).toBe("NOT_FOUND");
    });

    it("survives two owners demoting each other at the same time", async () => {
      await callerFor(w.owner).member.updateRole({ workspaceSlug: w.slug, membershipId: w.admin.membership.id, role: "OWNER" });
      await Promise.allSettled([
        callerFor(w.owner).member.updateRole({ workspaceSlug: w.slug, membershipId: w.admin.membership.id, role: "ADMIN" }),
        callerFor(w.admin.user).member.updateRole({ workspaceSlug: w.slug, membershipId: w.ownerMembership.id, role: "ADMIN" }),
      ]);
      expect(await db.membership.count({ where: { workspaceId: w.workspace.id, role: "OWNER" } })).toBeGreaterThanOrEqual(1);
    });
  });

  describe("ownership is an owner's business", () => {
    it("an admin cannot change or remove an owner, nor grant ownership", async () => {
      const admin = callerFor(w.admin.user);
      expect((await errorOf(admin.member.updateRole({ workspaceSlug: w.slug, membershipId: w.ownerMembership.id, role: "MEMBER" }))).code).toBe("FORBIDDEN");
      expect((await errorOf(admin.member.remove({ workspaceSlug: w.slug, membershipId: w.ownerMembership.id }))).code).toBe("FORBIDDEN");
      expect((await errorOf(admin.member.updateRole({ workspaceSlug: w.slug, membershipId: w.viewer.membership.id, role: "OWNER" }))).code).toBe("FORBIDDEN");
      expect((await db.membership.findUniqueOrThrow({ where: { id: w.viewer.membership.id } })).role).toBe("VIEWER");
    });

    it("an admin changes a non-owner's role, audited with from/to in the same transaction", async () => {
      await callerFor(w.admin.user).member.updateRole({ workspaceSlug: w.slug, membershipId: w.viewer.membership.id, role: "MEMBER" });
      expect((await db.membership.findUniqueOrThrow({ where: { id: w.viewer.membership.id } })).role).toBe("MEMBER");
      const audit = await db.auditLog.findFirstOrThrow({ where: { workspaceId: w.workspace.id, action: "member.role_changed" } });
      expect(audit).toMatchObject({ actorId: w.admin.user.id, targetType: "Membership", targetId: w.viewer.membership.id });
      expect(audit.metadata).toEqual({ userId: w.viewer.user.id, from: "VIEWER", to: "MEMBER" });
    });

    it("an owner can make someone an owner, and removing a member is audited", async () => {
      await callerFor(w.owner).member.updateRole({ workspaceSlug: w.slug, membershipId: w.viewer.membership.id, role: "OWNER" });
      await callerFor(w.owner).member.remove({ workspaceSlug: w.slug, membershipId: w.admin.membership.id });
      expect(await db.membership.count({ where: { id: w.admin.membership.id } })).toBe(0);
      expect(await db.auditLog.count({ where: { workspaceId: w.workspace.id, action: "member.removed", targetId: w.admin.membership.id } })).toBe(1);
    });
  });

  it("lists members page by page without overlap", async () => {
    for (let i = 0; i < 3; i++) await buildMember(w.workspace.id, "MEMBER");
    const caller = callerFor(w.viewer.user);
    const first = await caller.member.list({ workspaceSlug: w.slug, limit: 4 });
    expect(first.items).toHaveLength(4);
    expect(first.items[0]).toMatchObject({ userId: w.owner.id, email: w.owner.email, role: "OWNER" });
    const second = await caller.member.list({ workspaceSlug: w.slug, limit: 4, cursor: first.nextCursor! });
    expect(second.items).toHaveLength(2);
    expect(second.nextCursor).toBeNull();
    const ids = [...first.items, ...second.items].map((m) => m.membershipId);
    expect(new Set(ids).size).toBe(6);
    expect((await errorOf(caller.member.list({ workspaceSlug: w.slug, cursor: "garbage" }))).code).toBe("BAD_REQUEST");
  });
});
