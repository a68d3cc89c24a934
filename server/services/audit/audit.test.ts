import { describe, expect, it } from "vitest";
import { buildMember, buildWorkspaceWithOwner } from "@/prisma/factories/members";
import { callerFor } from "@/server/api/test-utils";
import { db } from "@/server/db";

describe("audit.list", () => {
  it("pages newest first on (createdAt, id) with stable cursors, filters by action, and names the actor", async () => {
    const { workspace, owner } = await buildWorkspaceWithOwner("Audit");
    const sameInstant = new Date("2030-01-01T00:00:00.000Z");
    // Equal timestamps force the id tiebreak.
    for (let i = 0; i < 5; i++) {
      await db.auditLog.create({ data: { workspaceId: workspace.id, actorId: owner.id, action: i % 2 ? "odd" : "even", createdAt: sameInstant } });
    }
    const caller = callerFor(owner);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await caller.audit.list({ workspaceSlug: workspace.slug, limit: 2, cursor });
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const expected = (await db.auditLog.findMany({ where: { workspaceId: workspace.id }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] })).map((r) => r.id);
    expect(seen).toEqual(expected);

    const odd = await caller.audit.list({ workspaceSlug: workspace.slug, action: "odd" });
    expect(odd.items).toHaveLength(2);
    expect(odd.items[0]?.actor).toEqual({ name: owner.name, email: owner.email });
  });

  it("sorts by action either way, ties broken by id, paging forwards and back with the filtered total", async () => {
    const { workspace, owner } = await buildWorkspaceWithOwner("Audit");
    for (const action of ["member.removed", "job.retried", "member.removed", "connection.paused", "job.retried", "member.removed"]) {
      await db.auditLog.create({ data: { workspaceId: workspace.id, actorId: owner.id, action } });
    }
    const caller = callerFor(owner);
    for (const dir of ["asc", "desc"] as const) {
      const expected = (await db.auditLog.findMany({ where: { workspaceId: workspace.id }, orderBy: [{ action: dir }, { id: dir }] })).map((r) => r.id);
      const pages: string[][] = [];
      let cursor: string | undefined;
      do {
        const page = await caller.audit.list({ workspaceSlug: workspace.slug, sort: "action", dir, limit: 4, cursor });
        expect(page.total).toEqual({ count: expected.length, exact: true });
        pages.push(page.items.map((i) => i.id));
        cursor = page.nextCursor ?? undefined;
        if (cursor) {
          // Previous from the next page's first row is this page again.
          const next = await caller.audit.list({ workspaceSlug: workspace.slug, sort: "action", dir, limit: 4, cursor });
          const back = await caller.audit.list({ workspaceSlug: workspace.slug, sort: "action", dir, limit: 4, before: next.previousCursor! });
          expect(back.items.map((i) => i.id)).toEqual(pages.at(-1));
        }
      } while (cursor);
      expect(pages.flat()).toEqual(expected);
    }
    const filtered = await caller.audit.list({ workspaceSlug: workspace.slug, action: "member.removed", sort: "action", limit: 1 });
    expect(filtered.total).toEqual({ count: 3, exact: true });
  });

  it("is not visible to members below ADMIN", async () => {
    const { workspace } = await buildWorkspaceWithOwner("Audit");
    const { user } = await buildMember(workspace.id, "MEMBER");
    await expect(callerFor(user).audit.list({ workspaceSlug: workspace.slug })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
