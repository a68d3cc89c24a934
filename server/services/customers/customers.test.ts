import { beforeAll, describe, expect, it } from "vitest";
import { at, buildCommerceScope, customerRecord, orderRecord } from "@/prisma/factories/commerce";
import { insertCustomer, insertOrder, type CommerceScope } from "@/prisma/factories/commerce-rows";
import { db, workspaceDb } from "@/server/db";
import { findCustomerOrders } from "./find-customer-orders";
import { findCustomers } from "./find-customers";
import { getCustomerById } from "./get-customer-by-id";
import { findCustomerOrdersInput, findCustomersInput, type FindCustomersInput } from "./schema";

const list = (scope: CommerceScope, overrides: Partial<FindCustomersInput> = {}) =>
  findCustomers(workspaceDb(scope.workspaceId), findCustomersInput.parse({ limit: 100, ...overrides }));

describe("customers", () => {
  let shop: CommerceScope;
  let foreign: CommerceScope;
  let ada: { id: string };
  let redacted: { id: string };
  let deleted: { id: string };

  beforeAll(async () => {
    shop = await buildCommerceScope();
    foreign = await buildCommerceScope();
    ada = await insertCustomer(shop, customerRecord("ada", { firstName: "Ada", lastName: "Lovelace", email: "Ada@Engine.test", sourceCreatedAt: at(10) }));
    await insertCustomer(shop, customerRecord("grace", { firstName: "Grace", lastName: "Hopper", email: "grace@navy.test", sourceCreatedAt: at(20) }));
    // Four customers created in the same second, to split ties across pages.
    for (const n of [1, 2, 3, 4]) {
      await insertCustomer(shop, customerRecord(`tie-${n}`, { firstName: "Tie", lastName: `Number ${n}`, email: `tie-${n}@example.test`, sourceCreatedAt: at(5) }));
    }
    redacted = await insertCustomer(shop, customerRecord("gone", { firstName: null, lastName: null, email: null, phone: null, sourceCreatedAt: at(30) }), {
      redactedAt: new Date(),
    });
    deleted = await insertCustomer(shop, customerRecord("deleted", { firstName: "Del", sourceCreatedAt: at(40) }), { deletedAt: new Date() });
    await insertCustomer(foreign, customerRecord("ada", { firstName: "Ada", lastName: "Elsewhere", email: "ada@elsewhere.test" }));

    // Ada's orders: two in USD (one partly refunded), one in EUR, one deleted; and an order in
    // another workspace under the same customer id, which is not hers.
    await insertOrder(shop, orderRecord("a1", { customerExternalId: "ada", processedAt: at(100), totalPrice: { amount: "10.50", currency: "USD" } }));
    await insertOrder(
      shop,
      orderRecord("a2", { customerExternalId: "ada", processedAt: at(200), totalPrice: { amount: "20.25", currency: "USD" }, totalRefunded: { amount: "5.00", currency: "USD" } }),
    );
    await insertOrder(shop, orderRecord("a3", { customerExternalId: "ada", processedAt: at(300), currency: "EUR", totalPrice: { amount: "7", currency: "EUR" }, totalRefunded: null }));
    await insertOrder(shop, orderRecord("a4", { customerExternalId: "ada", processedAt: at(400) }), { deletedAt: new Date() });
    await insertOrder(foreign, orderRecord("a5", { customerExternalId: "ada", processedAt: at(500) }));
  });

  it("lists live customers newest first and pages through ties without gaps or repeats", async () => {
    const all = (await list(shop)).items;
    expect(all.map((c) => c.id)).not.toContain(deleted.id);
    expect(all).toHaveLength(7);
    const dates = all.map((c) => c.sourceCreatedAt.getTime());
    expect(dates).toEqual([...dates].sort((a, b) => b - a));

    const paged: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await list(shop, { limit: 3, cursor });
      paged.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(paged).toEqual(all.map((c) => c.id));
  });

  it("searches by email prefix and by name words, case-insensitively", async () => {
    const names = async (search: string) => (await list(shop, { search })).items.map((c) => c.name).sort();
    expect(await names("ADA@")).toEqual(["Ada Lovelace"]);
    expect(await names("hop")).toEqual(["Grace Hopper"]);
    expect(await names("ada love")).toEqual(["Ada Lovelace"]);
    expect(await names("tie number 3")).toEqual(["Tie Number 3"]);
    expect(await names("engine")).toEqual([]); // the middle of an email is not a prefix
    expect(await names("Del")).toEqual([]); // deleted
  });

  it("shows a redacted customer as redacted, with no personal data", async () => {
    const item = (await list(shop)).items.find((c) => c.id === redacted.id);
    expect(item).toMatchObject({ name: null, email: null, redacted: true });
    const detail = await getCustomerById(workspaceDb(shop.workspaceId), { customerId: redacted.id });
    expect(detail).toMatchObject({ redacted: true, name: null, email: null, phone: null, tags: [] });
  });

  it("sums lifetime figures per currency from the customer's live orders", async () => {
    const detail = await getCustomerById(workspaceDb(shop.workspaceId), { customerId: ada.id });
    expect(detail).toMatchObject({ name: "Ada Lovelace", email: "Ada@Engine.test", redacted: false });
    expect(detail.lifetime).toEqual([
      { currency: "EUR", orders: 1, totalSpent: "7", totalRefunded: "0", net: "7" },
      { currency: "USD", orders: 2, totalSpent: "30.75", totalRefunded: "5", net: "25.75" },
    ]);
    expect(detail.firstOrderAt).toEqual(new Date(at(100)));
    expect(detail.lastOrderAt).toEqual(new Date(at(300)));
    expect(detail.reported).toEqual({ numberOfOrders: 1, amountSpent: "19", currency: "USD" });
  });

  it("pages the customer's own orders, newest first", async () => {
    const wdb = workspaceDb(shop.workspaceId);
    const first = await findCustomerOrders(wdb, findCustomerOrdersInput.parse({ customerId: ada.id, limit: 2 }));
    expect(first.items.map((o) => o.name)).toEqual(["#a3", "#a2"]);
    const second = await findCustomerOrders(wdb, findCustomerOrdersInput.parse({ customerId: ada.id, limit: 2, cursor: first.nextCursor }));
    expect(second).toMatchObject({ items: [expect.objectContaining({ name: "#a1", customer: expect.objectContaining({ id: ada.id }) })], nextCursor: null });
  });

  it("does not find a deleted customer or another workspace's", async () => {
    const wdb = workspaceDb(shop.workspaceId);
    const theirs = await db.customer.findFirstOrThrow({ where: { workspaceId: foreign.workspaceId } });
    for (const customerId of [deleted.id, theirs.id]) {
      await expect(getCustomerById(wdb, { customerId })).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(findCustomerOrders(wdb, findCustomerOrdersInput.parse({ customerId }))).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    expect((await list(foreign)).items.map((c) => c.name)).toEqual(["Ada Elsewhere"]);
  });
});

describe("customers list sorts", () => {
  it("by orders and by amount spent, either way, NULLs above every number, each row once and Previous retracing Next", async () => {
    const scope = await buildCommerceScope();
    const figures = [3, null, 1, 3, null, 7, 0, 3];
    for (const [n, orders] of figures.entries()) {
      await insertCustomer(
        scope,
        customerRecord(`s-${n}`, { numberOfOrders: orders, amountSpent: orders === null ? null : { amount: `${orders * 10}.5000`, currency: "USD" } }),
      );
    }
    for (const [sort, column] of [["orders", "numberOfOrders"], ["spent", "amountSpent"]] as const) {
      for (const dir of ["asc", "desc"] as const) {
        // PostgreSQL's own order: NULLS LAST ascending, NULLS FIRST descending.
        const expected = (
          await db.customer.findMany({ where: { workspaceId: scope.workspaceId }, orderBy: [{ [column]: dir }, { id: dir }], select: { id: true } })
        ).map((c) => c.id);
        const pages: string[][] = [];
        let page = await list(scope, { sort, dir, limit: 3 });
        pages.push(page.items.map((c) => c.id));
        while (page.nextCursor) {
          page = await list(scope, { sort, dir, limit: 3, cursor: page.nextCursor });
          pages.push(page.items.map((c) => c.id));
        }
        expect(pages.flat()).toEqual(expected);
        // Back from the last page to the first by Previous alone.
        const back: string[][] = [pages.at(-1)!];
        let previous = page.previousCursor;
        while (previous) {
          const earlier = await list(scope, { sort, dir, limit: 3, before: previous });
          back.unshift(earlier.items.map((c) => c.id));
          previous = earlier.previousCursor;
        }
        expect(back).toEqual(pages);
      }
    }
    expect((await list(scope, { sort: "spent" })).items[0]!.amountSpent).toBeNull();
    expect((await list(scope, { sort: "spent", limit: 2 })).total).toEqual({ count: 8, exact: true });
  });
});


describe("customers list sorted by name", () => {
  it("A first by first and last name whatever the case, ties by id, the nameless and the redacted after every name; the reverse Z first; each row once both ways", async () => {
    const scope = await buildCommerceScope();
    const add = (id: string, firstName: string | null, lastName: string | null, extras = {}) =>
      insertCustomer(scope, customerRecord(id, { firstName, lastName, email: `${id}@example.test` }), extras);
    const zoe = await add("zoe", "zoe", "Adams");
    const ada = await add("ada", "Ada", "Lovelace");
    const adaToo = await add("ada-2", "Ada", "Lovelace");
    const byLast = await add("last", null, "Byron");
    const nameless = await add("nameless", null, null);
    // Redacted with the name still stored: its place must not follow the name ("Aaron" would lead).
    const redacted = await add("gone", "Aaron", "Aardvark", { redactedAt: new Date() });

    const [adaLow, adaHigh] = [ada.id, adaToo.id].sort();
    const [nullLow, nullHigh] = [nameless.id, redacted.id].sort();
    const everyRow = async (dir: "asc" | "desc") => {
      const ids: string[] = [];
      let page = await list(scope, { sort: "name", dir, limit: 2 });
      ids.push(...page.items.map((c) => c.id));
      while (page.nextCursor) {
        page = await list(scope, { sort: "name", dir, limit: 2, cursor: page.nextCursor });
        ids.push(...page.items.map((c) => c.id));
      }
      const back = await list(scope, { sort: "name", dir, limit: 2, before: page.previousCursor! });
      expect(back.items.map((c) => c.id)).toEqual(ids.slice(-4, -2));
      return ids;
    };
    expect(await everyRow("asc")).toEqual([adaLow, adaHigh, byLast.id, zoe.id, nullLow, nullHigh]);
    expect(await everyRow("desc")).toEqual([nullHigh, nullLow, zoe.id, byLast.id, adaHigh, adaLow]);
    // A first is where the sort starts.
    expect((await list(scope, { sort: "name", limit: 1 })).items[0]!.name).toBe("Ada Lovelace");
  });
});
