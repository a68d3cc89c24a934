import { beforeEach, describe, expect, it } from "vitest";
import { buildMember, buildWorkspaceWithOwner } from "@/prisma/factories/members";
import { callerFor, errorOf } from "@/server/api/test-utils";
import { db, workspaceDb } from "@/server/db";
import { transferOwnership } from "./transfer-ownership";

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

  describe("transferring ownership", () => {
    const rolesOf = async () =>
      Object.fromEntries((await db.membership.findMany({ where: { workspaceId: w.workspace.id } })).map((m) => [m.id, m.role]));

    it("makes the member OWNER and the previous owner ADMIN, audited in the same transaction", async () => {
      const result = await callerFor(w.owner).member.transferOwnership({ workspaceSlug: w.slug, membershipId: w.viewer.membership.id });
      expect(result).toEqual({ membershipId: w.viewer.membership.id, role: "OWNER", previousOwnerRole: "ADMIN" });
      expect(await rolesOf()).toEqual({ [w.ownerMembership.id]: "ADMIN", [w.admin.membership.id]: "ADMIN", [w.viewer.membership.id]: "OWNER" });
      const audit = await db.auditLog.findFirstOrThrow({ where: { workspaceId: w.workspace.id, action: "member.ownership_transferred" } });
      expect(audit).toMatchObject({ actorId: w.owner.id, targetType: "Membership", targetId: w.viewer.membership.id });
      expect(audit.metadata).toEqual({
        userId: w.viewer.user.id,
        email: w.viewer.user.email,
        from: "VIEWER",
        to: "OWNER",
        previousOwner: { membershipId: w.ownerMembership.id, userId: w.owner.id, to: "ADMIN" },
      });
      // The new owner now holds the owner-only powers, the previous one no longer does.
      expect((await callerFor(w.viewer.user).workspace.get({ workspaceSlug: w.slug })).permissions["workspace.delete"]).toBe(true);
      expect((await callerFor(w.owner).workspace.get({ workspaceSlug: w.slug })).permissions["workspace.delete"]).toBe(false);
    });

    it("leaves other owners as they are", async () => {
      await db.membership.update({ where: { id: w.admin.membership.id }, data: { role: "OWNER" } });
      await callerFor(w.owner).member.transferOwnership({ workspaceSlug: w.slug, membershipId: w.viewer.membership.id });
      expect(await rolesOf()).toEqual({ [w.ownerMembership.id]: "ADMIN", [w.admin.membership.id]: "OWNER", [w.viewer.membership.id]: "OWNER" });
    });

    it("is refused to admins, to yourself and to an existing owner, changing nothing", async () => {
      const before = await rolesOf();
      const asAdmin = await errorOf(callerFor(w.admin.user).member.transferOwnership({ workspaceSlug: w.slug, membershipId: w.viewer.membership.id }));
      expect(asAdmin.code).toBe("FORBIDDEN");
      const toSelf = await errorOf(callerFor(w.owner).member.transferOwnership({ workspaceSlug: w.slug, membershipId: w.ownerMembership.id }));
      expect(toSelf.code).toBe("BAD_REQUEST");
      await db.membership.update({ where: { id: w.admin.membership.id }, data: { role: "OWNER" } });
      const toOwner = await errorOf(callerFor(w.owner).member.transferOwnership({ workspaceSlug: w.slug, membershipId: w.admin.membership.id }));
      expect(toOwner.code).toBe("CONFLICT");
      expect(await rolesOf()).toEqual({ ...before, [w.admin.membership.id]: "OWNER" });
      expect(await db.auditLog.count({ where: { workspaceId: w.workspace.id, action: "member.ownership_transferred" } })).toBe(0);
    });

    it("hands ownership over once when the owner sends two transfers at the same time", async () => {
      const results = await Promise.allSettled([
        callerFor(w.owner).member.transferOwnership({ workspaceSlug: w.slug, membershipId: w.admin.membership.id }),
        callerFor(w.owner).member.transferOwnership({ workspaceSlug: w.slug, membershipId: w.viewer.membership.id }),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      expect(await db.membership.count({ where: { workspaceId: w.workspace.id, role: "OWNER" } })).toBe(1);
      expect((await db.membership.findUniqueOrThrow({ where: { id: w.ownerMembership.id } })).role).toBe("ADMIN");
    });

    it("re-reads the caller's role under the lock: an owner demoted since the permission check is refused", async () => {
      await db.membership.update({ where: { id: w.ownerMembership.id }, data: { role: "ADMIN" } });
      const stale = transferOwnership(
        workspaceDb(w.workspace.id),
        { workspaceId: w.workspace.id, membershipId: w.ownerMembership.id },
        { membershipId: w.viewer.membership.id },
        { actorId: w.owner.id, ip: null, userAgent: null },
      );
      await expect(stale).rejects.toMatchObject({ code: "FORBIDDEN" });
      expect((await db.membership.findUniqueOrThrow({ where: { id: w.viewer.membership.id } })).role).toBe("VIEWER");
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
    // The owners are counted on every page, whichever page they are on.
    expect([first.ownerCount, second.ownerCount]).toEqual([1, 1]);
    const ids = [...first.items, ...second.items].map((m) => m.membershipId);
    expect(new Set(ids).size).toBe(6);
    expect((await errorOf(caller.member.list({ workspaceSlug: w.slug, cursor: "garbage" }))).code).toBe("BAD_REQUEST");
  });
});
