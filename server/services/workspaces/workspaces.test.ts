import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { describe, expect, it } from "vitest";
import { buildMember, buildUser, buildWorkspaceWithOwner } from "@/prisma/factories/members";
import { appRouter } from "@/server/api/root";
import { createContextForSession } from "@/server/api/trpc";
import { callerFor, errorOf } from "@/server/api/test-utils";
import { db } from "@/server/db";
import { firstFreeSlug, slugify } from "./slugify";

describe("slugify", () => {
  it("makes lowercase hyphenated ASCII slugs with a fallback", () => {
    expect(slugify("  Acme Café & Co. ")).toBe("acme-cafe-co");
    expect(slugify("日本")).toBe("workspace");
    expect(firstFreeSlug("acme", new Set(["acme", "acme-2"]))).toBe("acme-3");
  });
});

describe("workspace.create", () => {
  it("gives each workspace a unique slug, makes the creator OWNER, and audits it", async () => {
    const user = await buildUser();
    const caller = callerFor(user);
    const name = `Slug Test ${Date.now()}`;
    const first = await caller.workspace.create({ name });
    const second = await caller.workspace.create({ name });
    const third = await caller.workspace.create({ name: `${name}!` });
    expect(first.slug).toBe(slugify(name));
    expect(second.slug).toBe(`${first.slug}-2`);
    expect(third.slug).toBe(`${first.slug}-3`);
    const list = await caller.workspace.list();
    expect(list.map((w) => [w.slug, w.role])).toEqual(
      expect.arrayContaining([[first.slug, "OWNER"], [second.slug, "OWNER"], [third.slug, "OWNER"]]),
    );
    const ws = await db.workspace.findUniqueOrThrow({ where: { slug: first.slug } });
    expect(await db.auditLog.count({ where: { workspaceId: ws.id, action: "workspace.created", actorId: user.id } })).toBe(1);
  });

  it("is refused without a session", async () => {
    expect((await errorOf(callerFor(null).workspace.create({ name: "Nope" }))).code).toBe("UNAUTHORIZED");
  });

  it("answers invalid input with BAD_REQUEST and field errors over HTTP", async () => {
    const user = await buildUser();
    const response = await fetchRequestHandler({
      endpoint: "/api/trpc",
      req: new Request("http://localhost/api/trpc/workspace.create", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ json: { name: "x" } }),
      }),
      router: appRouter,
      createContext: ({ req }) => createContextForSession({ user: { id: user.id, email: user.email }, expires: "2999-01-01T00:00:00.000Z" }, req.headers),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { json: { data: { code: string; zodError: { fieldErrors: Record<string, string[]> } } } } };
    expect(body.error.json.data.code).toBe("BAD_REQUEST");
    expect(body.error.json.data.zodError.fieldErrors.name).toEqual(["At least 2 characters"]);
  });
});

describe("workspace.get / update", () => {
  it("returns the zone its times are shown in, the caller's role and the permission map from the table", async () => {
    const { workspace } = await buildWorkspaceWithOwner("Perms");
    const { user } = await buildMember(workspace.id, "VIEWER");
    const details = await callerFor(user).workspace.get({ workspaceSlug: workspace.slug });
    expect(details).toMatchObject({ id: workspace.id, slug: workspace.slug, timeZone: "UTC", role: "VIEWER" });
    expect(details.permissions["members.read"]).toBe(true);
    expect(details.permissions["invitations.create"]).toBe(false);
  });

  it("renames with an audit row carrying from/to", async () => {
    const { workspace, owner } = await buildWorkspaceWithOwner("Old Name");
    await callerFor(owner).workspace.update({ workspaceSlug: workspace.slug, name: "New Name" });
    expect((await db.workspace.findUniqueOrThrow({ where: { id: workspace.id } })).name).toBe("New Name");
    const audit = await db.auditLog.findFirstOrThrow({ where: { workspaceId: workspace.id, action: "workspace.updated" } });
    expect(audit.metadata).toEqual({ name: { from: "Old Name", to: "New Name" } });
  });
});
