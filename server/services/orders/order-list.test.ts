import { ZodError } from "zod";
import { beforeAll, describe, expect, it } from "vitest";
import { at, buildCommerceScope, customerRecord, orderRecord } from "@/prisma/factories/commerce";
import { insertCustomer, insertOrder, type CommerceScope } from "@/prisma/factories/commerce-rows";
import { buildConnection } from "@/prisma/factories/connections";
import { callerFor, errorOf } from "@/server/api/test-utils";
import { db, workspaceDb } from "@/server/db";
import { findOrders } from "./find-orders";
import { findOrdersInput, ORDER_SORTS, type FindOrdersInput } from "./schema";

// The Orders list as a work surface: every sort in both directions pages through each row once in
// the index's order (ties broken by id), Previous retraces Next, totals follow the filters, and
// the search finds an order by its customer's name.

const input = (overrides: Partial<FindOrdersInput> = {}) => findOrdersInput.parse(overrides);
const usd = (amount: string) => ({ amount, currency: "USD" });

describe("order list: sorts, pages both ways, totals, search by name", () => {
  let shop: CommerceScope;
  let second: CommerceScope;

  beforeAll(async () => {
    shop = await buildCommerceScope();
    second = { workspaceId: shop.workspaceId, connectionId: (await buildConnection(shop.workspaceId, { displayName: "Second" })).id };
    // 14 orders: totals in runs of three equal amounts, dates in runs of two, so every sort has ties.
    for (let n = 0; n < 14; n++) {
      await insertOrder(
        shop,
        orderRecord(String(2000 + n), { totalPrice: usd(`${10 * Math.floor(n / 3)}.50`), processedAt: at(Math.floor(n / 2)), financialStatus: n % 2 ? "PAID" : "PENDING", customerExternalId: `c-${n}` }),
      );
    }
    await insertOrder(shop, orderRecord("9999", { totalPrice: usd("1000.00") }), { deletedAt: new Date() });
  });

  const wdb = () => workspaceDb(shop.workspaceId);

  async function forward(filters: Partial<FindOrdersInput>, limit: number) {
    const pages: string[][] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = await findOrders(wdb(), input({ ...filters, limit, cursor }));
      pages.push(page.items.map((o) => o.id));
      if (!page.nextCursor) return { pages, last: page };
      cursor = page.nextCursor;
    }
  }

  const COLUMN = { date: "processedAt", total: "totalPrice", number: "number" } as const;

  it.each((Object.keys(ORDER_SORTS) as (keyof typeof ORDER_SORTS)[]).flatMap((sort) => (["asc", "desc"] as const).map((dir) => [sort, dir] as const)))("sort %s %s: each row once, in the index's order, Previous retracing Next", async (sort, dir) => {
    const expected = (
      await db.order.findMany({ where: { workspaceId: shop.workspaceId, deletedAt: null }, orderBy: [{ [COLUMN[sort]]: dir }, { id: dir }], select: { id: true } })
    ).map((o) => o.id);
    for (const limit of [1, 4, 5]) {
      const { pages, last } = await forward({ sort, dir }, limit);
      expect(pages.flat()).toEqual(expected);

      // From the last page back to the first with the Previous cursors alone (what a reload keeps).
      const back: string[][] = [pages.at(-1)!];
      let previous = last.previousCursor;
      while (previous) {
        const page = await findOrders(wdb(), input({ sort, dir, limit, before: previous }));
        back.unshift(page.items.map((o) => o.id));
        expect(page.nextCursor).not.toBeNull();
        previous = page.previousCursor;
      }
      expect(back).toEqual(pages);
    }
  });

  it("starts each sort in its natural direction: newest, largest, highest number first", async () => {
    const first = async (sort: FindOrdersInput["sort"]) => (await findOrders(wdb(), input({ sort, limit: 1 }))).items[0]!;
    expect((await first("total")).totalPrice).toBe("40.5");
    expect((await first("number")).name).toBe("#2013");
    expect((await first(undefined)).processedAt).toEqual(new Date(at(6)));
  });

  it("has no Previous on the first page and no Next on the last", async () => {
    const firstPage = await findOrders(wdb(), input({ limit: 10 }));
    expect(firstPage.previousCursor).toBeNull();
    const lastPage = await findOrders(wdb(), input({ limit: 10, cursor: firstPage.nextCursor! }));
    expect(lastPage.items).toHaveLength(4);
    expect(lastPage.nextCursor).toBeNull();
    expect(lastPage.previousCursor).not.toBeNull();
  });

  it("counts the rows the filters match, not the page's", async () => {
    expect((await findOrders(wdb(), input({ limit: 5 }))).total).toEqual({ count: 14, exact: true });
    expect((await findOrders(wdb(), input({ limit: 5, financialStatus: "PAID" }))).total).toEqual({ count: 7, exact: true });
    expect((await findOrders(wdb(), input({ search: "#2001" }))).total).toEqual({ count: 1, exact: true });
  });

  it("finds orders by their customer's name, on the order's own connection, never a redacted customer's", async () => {
    await insertCustomer(shop, customerRecord("c-3", { firstName: "Grace", lastName: "Hopper" }));
    await insertCustomer(shop, customerRecord("c-4", { firstName: "Grace", lastName: "Kelly" }), { redactedAt: new Date() });
    // The same customer id on another connection is another person: their orders stay out.
    await insertCustomer(second, customerRecord("c-5", { firstName: "Grace", lastName: "Hopper" }));
    const names = async (search: string) => (await findOrders(wdb(), input({ search }))).items.map((o) => o.name).sort();
    expect(await names("grace hop")).toEqual(["#2003"]);
    expect(await names("HOPPER")).toEqual(["#2003"]);
    expect(await names("kelly")).toEqual([]);
    // Number and email still match as before.
    expect(await names("2003")).toEqual(["#2003"]);
  });

  it("refuses an unknown sort or direction with a 400 naming the field", async () => {
    const ws = await db.workspace.findUniqueOrThrow({ where: { id: shop.workspaceId }, include: { memberships: { include: { user: true } } } });
    const caller = callerFor(ws.memberships[0]!.user);
    for (const [field, bad] of [["sort", { sort: "email" }], ["dir", { dir: "up" }]] as const) {
      const error = await errorOf(caller.order.list({ workspaceSlug: ws.slug, ...(bad as object) }));
      expect(error.code).toBe("BAD_REQUEST");
      expect((error.cause as ZodError).issues[0]!.path).toEqual([field]);
    }
    const both = await errorOf(caller.order.list({ workspaceSlug: ws.slug, cursor: "YQ", before: "YQ" }));
    expect(both.code).toBe("BAD_REQUEST");
  });
});
