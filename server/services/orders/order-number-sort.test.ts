import { beforeAll, describe, expect, it } from "vitest";
import { buildCommerceScope, orderRecord } from "@/prisma/factories/commerce";
import { insertOrder } from "@/prisma/factories/commerce-rows";
import { buildConnection } from "@/prisma/factories/connections";
import { db, workspaceDb } from "@/server/db";
import { ingestOrders } from "@/server/ingest";
import { findOrders } from "./find-orders";
import { findOrdersInput, type FindOrdersInput } from "./schema";

// The Orders list by number sorts "#999" before "#1000" (the name's digits as a number, not its
// text), breaks ties (the same number in two stores) by id, and puts an order whose name has no
// digits where the kit puts NULLs: after every number lowest first, before them highest first.

const input = (overrides: Partial<FindOrdersInput>) => findOrdersInput.parse(overrides);

describe("order list sorted by number", () => {
  let workspaceId: string;
  const id: Record<string, string> = {};

  beforeAll(async () => {
    const shop = await buildCommerceScope();
    workspaceId = shop.workspaceId;
    const second = { workspaceId, connectionId: (await buildConnection(workspaceId, { displayName: "Second" })).id };
    // Through ingest (what syncs and webhooks write) and through the plain-insert factory.
    await ingestOrders(shop, [orderRecord("a", { name: "#1000" }), orderRecord("b", { name: "#999" }), orderRecord("c", { name: "SO-50-A" }), orderRecord("d", { name: "#1001" })]);
    await insertOrder(second, orderRecord("e", { name: "#1001" }));
    await insertOrder(second, orderRecord("f", { name: "#9" }));
    await insertOrder(second, orderRecord("g", { name: "WEB-ORDER" }));
    for (const order of await db.order.findMany({ where: { workspaceId }, select: { id: true, externalId: true } })) id[order.externalId] = order.id;
  });

  // Two stores' "#1001", in id order.
  const tie = () => [id.d!, id.e!].sort();
  const names = async (sort: Partial<FindOrdersInput>) => {
    const rows: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await findOrders(workspaceDb(workspaceId), input({ ...sort, limit: 2, cursor }));
      rows.push(...page.items.map((o) => o.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return rows;
  };

  it("lowest first: numbers in numeric order, ties by id, the name without digits last", async () => {
    const [low, high] = tie();
    expect(await names({ sort: "number", dir: "asc" })).toEqual([id.f, id.c, id.b, id.a, low, high, id.g]);
  });

  it("highest first (its first direction): the reverse, paging through each row once", async () => {
    const [low, high] = tie();
    expect(await names({ sort: "number" })).toEqual([id.g, high, low, id.a, id.b, id.c, id.f]);
  });

  it("Previous from the last page retraces the pages", async () => {
    const wdb = workspaceDb(workspaceId);
    const first = await findOrders(wdb, input({ sort: "number", dir: "asc", limit: 3 }));
    const second = await findOrders(wdb, input({ sort: "number", dir: "asc", limit: 3, cursor: first.nextCursor! }));
    const back = await findOrders(wdb, input({ sort: "number", dir: "asc", limit: 3, before: second.previousCursor! }));
    expect(back.items.map((o) => o.id)).toEqual(first.items.map((o) => o.id));
  });

  it("stores the number every writer gives the name, and none for a name without digits", async () => {
    const stored = await db.order.findMany({ where: { workspaceId }, select: { name: true, number: true }, orderBy: { name: "asc" } });
    expect(stored).toEqual([
      { name: "#1000", number: 1000 },
      { name: "#1001", number: 1001 },
      { name: "#1001", number: 1001 },
      { name: "#9", number: 9 },
      { name: "#999", number: 999 },
      { name: "SO-50-A", number: 50 },
      { name: "WEB-ORDER", number: null },
    ]);
  });
});
