import { beforeAll, describe, expect, it } from "vitest";
import { buildWorkspaceWithOwner } from "@/prisma/factories/members";
import { sessionCookieFor, trpcHttpQuery } from "@/server/api/test-http";

// returns.list and receiving.list over tRPC's HTTP handler, as /api/trpc serves them (its status
// codes and error bodies): bad input is a 400 naming the field (or the cursor), never a 500.

let slug: string;
let cookie: string;
beforeAll(async () => {
  const { workspace, owner } = await buildWorkspaceWithOwner("Inbound");
  slug = workspace.slug;
  cookie = await sessionCookieFor(owner.id);
});

const call = (path: string, input: Record<string, unknown>) => trpcHttpQuery(cookie, path, { workspaceSlug: slug, ...input });

const cursorOf = (text: string) => Buffer.from(text, "utf8").toString("base64url");

describe("returns.list and receiving.list over HTTP", () => {
  it.each([
    ["returns.list", { status: "Refunded" }, "status"],
    ["returns.list", { search: "x".repeat(101) }, "search"],
    ["returns.list", { limit: 0 }, "limit"],
    ["returns.list", { limit: 101 }, "limit"],
    ["receiving.list", { view: "late" }, "view"],
    ["receiving.list", { status: "Shipped" }, "status"],
    ["receiving.list", { limit: 1.5 }, "limit"],
    ["receiving.list", { cursor: "" }, "cursor"],
  ])("%s with %j: 400 naming %s", async (path, input, field) => {
    const { status, body } = await call(path, input);
    expect(status).toBe(400);
    expect(Object.keys(body.error.json.data.zodError?.fieldErrors ?? {})).toEqual([field]);
  });

  it.each([
    ["returns.list", {}, cursorOf("not a cursor")],
    ["returns.list", {}, cursorOf("2026-13-45T00:00:00.000Z|abc")],
    ["receiving.list", { view: "overdue" }, cursorOf("yesterday|abc")],
    ["receiving.list", {}, cursorOf("2026-01-01T00:00:00.000Z|")],
    ["receiving.list", { view: "arriving_soon" }, cursorOf("-200000-01-01T00:00:00.000Z|abc")],
  ])("%s %j with a forged cursor: 400, not 500", async (path, input, cursor) => {
    const { status, body } = await call(path, { ...input, cursor });
    expect(status).toBe(400);
    expect(body.error.json.message).toBe("Invalid page cursor.");
  });

  it("answers good input with a page", async () => {
    for (const path of ["returns.list", "receiving.list"]) expect((await call(path, {})).status).toBe(200);
    expect((await call("receiving.list", { view: "overdue", status: "Processing", cursor: cursorOf("2026-01-01T00:00:00.000Z|abc") })).status).toBe(200);
  });
});
