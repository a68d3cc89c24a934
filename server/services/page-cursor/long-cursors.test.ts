import { ZodError } from "zod";
import { beforeAll, describe, expect, it } from "vitest";
import { productRecord } from "@/prisma/factories/commerce";
import { insertProduct } from "@/prisma/factories/commerce-rows";
import { buildConnection } from "@/prisma/factories/connections";
import { buildWorkspaceWithOwner } from "@/prisma/factories/members";
import { callerFor, errorOf, type Caller } from "@/server/api/test-utils";
import { keysetOn } from "@/server/services/pagination";
import { PAGE_CURSOR_MAX } from "./schema";

// A keyset cursor carries the sort value: a list sorted by a long text value pages on cursors far
// longer than the id's, and the edge must take every one a list hands out.

// The longest title the stores allow (255 characters), in ASCII and in 4-byte characters.
const LONG_TITLES = [`A${"x".repeat(254)}`, "🧦".repeat(255)];

describe("page cursors of long sort values", () => {
  let caller: Caller;
  let workspaceSlug: string;
  let expected: string[];

  beforeAll(async () => {
    const { workspace, owner } = await buildWorkspaceWithOwner();
    workspaceSlug = workspace.slug;
    caller = callerFor(owner);
    const scope = { workspaceId: workspace.id, connectionId: (await buildConnection(workspace.id)).id };
    // Ties on each long title, so a page boundary falls between rows of one value too.
    for (const [n, title] of [LONG_TITLES[0]!, LONG_TITLES[0]!, "Mug", LONG_TITLES[1]!, LONG_TITLES[1]!].entries()) {
      await insertProduct(scope, productRecord(`p${n}`, { title }, 1));
    }
    expected = (await caller.product.list({ workspaceSlug, sort: "title", limit: 100 })).items.map((p) => p.id);
    expect(expected).toHaveLength(5);
  });

  it("pages a Products title sort forward and back, a row a page, across 255-character titles", async () => {
    const forward: string[] = [];
    let cursor: string | undefined;
    let last: Awaited<ReturnType<typeof caller.product.list>> | undefined;
    do {
      last = await caller.product.list({ workspaceSlug, sort: "title", limit: 1, cursor });
      forward.push(...last.items.map((p) => p.id));
      cursor = last.nextCursor ?? undefined;
    } while (cursor);
    expect(forward).toEqual(expected);

    const backward: string[] = [...last.items.map((p) => p.id)];
    let before = last.previousCursor ?? undefined;
    while (before) {
      const page = await caller.product.list({ workspaceSlug, sort: "title", limit: 1, before });
      backward.unshift(...page.items.map((p) => p.id));
      before = page.previousCursor ?? undefined;
    }
    expect(backward).toEqual(expected);
  });

  it("fits the longest text a list sorts on: a customer's two 255-character names in 4-byte characters", () => {
    const byName = keysetOn("nameSort", "text", { nullable: true });
    const cursor = byName.cursorOf({ nameSort: `${"🧦".repeat(255)} ${"🧦".repeat(255)}`, id: "i".repeat(64) });
    expect(cursor.length).toBeLessThanOrEqual(PAGE_CURSOR_MAX);
    expect(byName.after(cursor, "asc")).toBeDefined();
  });

  it.each(["cursor", "before"] as const)("refuses a %s longer than any cursor a list makes with a 400 naming it", async (field) => {
    const error = await errorOf(caller.product.list({ workspaceSlug, sort: "title", [field]: "A".repeat(PAGE_CURSOR_MAX + 1) }));
    expect(error.code).toBe("BAD_REQUEST");
    expect((error.cause as ZodError).issues.map((issue) => issue.path)).toEqual([[field]]);
  });
});
