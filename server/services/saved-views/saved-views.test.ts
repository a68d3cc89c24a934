import { ZodError } from "zod";
import { describe, expect, it } from "vitest";
import { buildMember, buildWorkspaceWithOwner } from "@/prisma/factories/members";
import { buildSavedView } from "@/prisma/factories/saved-views";
import { callerFor, errorOf } from "@/server/api/test-utils";
import { db } from "@/server/db";

// Saved views are each person's own: listed per person and list, renamed and deleted only by their
// owner (anyone else gets NOT_FOUND, as for a view that does not exist), each change audited.
describe("saved views", () => {
  it("saves, lists, renames and deletes a person's own views of a list, auditing each change", async () => {
    const { workspace, owner } = await buildWorkspaceWithOwner("Views");
    const caller = callerFor(owner);
    const workspaceSlug = workspace.slug;
    const view = await caller.savedView.create({ workspaceSlug, list: "orders", name: "Paid + unfulfilled", query: "financial=PAID&fulfillment=UNFULFILLED&sort=total&dir=desc" });
    await caller.savedView.create({ workspaceSlug, list: "products", name: "Drafts", query: "status=DRAFT" });
    expect(await caller.savedView.list({ workspaceSlug, list: "orders" })).toEqual([
      { id: view.id, list: "orders", name: "Paid + unfulfilled", query: "financial=PAID&fulfillment=UNFULFILLED&sort=total&dir=desc" },
    ]);

    expect((await errorOf(caller.savedView.create({ workspaceSlug, list: "orders", name: "Paid + unfulfilled", query: "" }))).code).toBe("CONFLICT");
    await caller.savedView.rename({ workspaceSlug, savedViewId: view.id, name: "To ship" });
    await caller.savedView.delete({ workspaceSlug, savedViewId: view.id });
    expect(await caller.savedView.list({ workspaceSlug, list: "orders" })).toEqual([]);

    const audit = await db.auditLog.findMany({ where: { workspaceId: workspace.id, targetType: "SavedView" }, orderBy: { createdAt: "asc" } });
    expect(audit.map((row) => [row.action, row.actorId])).toEqual([
      ["saved_view.created", owner.id],
      ["saved_view.created", owner.id],
      ["saved_view.renamed", owner.id],
      ["saved_view.deleted", owner.id],
    ]);
    expect(audit[2]!.metadata).toMatchObject({ name: { from: "Paid + unfulfilled", to: "To ship" } });
  });

  it("keeps each person's views to themselves, even an owner's from an admin", async () => {
    const { workspace, owner } = await buildWorkspaceWithOwner("Private views");
    const admin = await buildMember(workspace.id, "ADMIN");
    const theirs = await buildSavedView(workspace.id, owner.id);
    const caller = callerFor(admin.user);
    const workspaceSlug = workspace.slug;
    expect(await caller.savedView.list({ workspaceSlug, list: "orders" })).toEqual([]);
    expect((await errorOf(caller.savedView.rename({ workspaceSlug, savedViewId: theirs.id, name: "Mine now" }))).code).toBe("NOT_FOUND");
    expect((await errorOf(caller.savedView.delete({ workspaceSlug, savedViewId: theirs.id }))).code).toBe("NOT_FOUND");
    expect(await db.savedView.findUnique({ where: { id: theirs.id } })).toMatchObject({ name: "Paid + unfulfilled" });
    // The same name is free for someone else.
    await expect(caller.savedView.create({ workspaceSlug, list: "orders", name: "Paid + unfulfilled", query: "financial=PAID" })).resolves.toMatchObject({ name: "Paid + unfulfilled" });
  });

  it("refuses an unknown list, a blank name or a page position with a 400 naming the field", async () => {
    const { workspace, owner } = await buildWorkspaceWithOwner("Bad views");
    const caller = callerFor(owner);
    const workspaceSlug = workspace.slug;
    const cases = [
      ["list", { list: "invoices" as "orders", name: "x", query: "" }],
      ["name", { list: "orders" as const, name: "  ", query: "" }],
      ["query", { list: "orders" as const, name: "x", query: "sort=total&page=3&after=abc" }],
    ] as const;
    for (const [field, input] of cases) {
      const error = await errorOf(caller.savedView.create({ workspaceSlug, ...input }));
      expect(error.code).toBe("BAD_REQUEST");
      expect((error.cause as ZodError).issues[0]!.path).toEqual([field]);
    }
  });
});
