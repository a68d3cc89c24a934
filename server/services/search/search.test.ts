import { beforeAll, describe, expect, it } from "vitest";
import { at, customerRecord, orderRecord, productRecord, variantRecord } from "@/prisma/factories/commerce";
import { insertCustomer, insertOrder, insertProduct, type CommerceScope } from "@/prisma/factories/commerce-rows";
import { buildJobConnection, buildJobRun } from "@/prisma/factories/job-history";
import { buildMember, buildWorkspaceWithOwner } from "@/prisma/factories/members";
import { callerFor, errorOf } from "@/server/api/test-utils";
import { workspaceDb } from "@/server/db";
import { adjacentCustomers, adjacentJobRuns, adjacentOrders, adjacentProducts } from "./adjacent-records";
import { SEARCH_GROUP_LIMIT } from "./schema";
import { searchWorkspace } from "./search-workspace";

const READS_ALL = { "data.read": true, "connections.read": true };

async function workspaceWithConnection(name: string, connectionName: string) {
  const { workspace, owner } = await buildWorkspaceWithOwner(name);
  const connection = await buildJobConnection(workspace.id, { displayName: connectionName });
  return { workspace, owner, scope: { workspaceId: workspace.id, connectionId: connection.id } satisfies CommerceScope };
}

describe("command palette search", () => {
  let shop: Awaited<ReturnType<typeof workspaceWithConnection>>;
  let foreign: Awaited<ReturnType<typeof workspaceWithConnection>>;
  const search = (query: string, permissions = READS_ALL) => searchWorkspace(workspaceDb(shop.workspace.id), permissions, { query });

  beforeAll(async () => {
    shop = await workspaceWithConnection("Search shop", "Main Street Store");
    foreign = await workspaceWithConnection("Search elsewhere", "Main Street Elsewhere");
    // #1001 is the oldest of eleven orders starting "1001"; the others are newer.
    await insertOrder(shop.scope, orderRecord("1001", { processedAt: at(1), customerExternalId: "ada" }));
    for (let n = 0; n < 10; n++) await insertOrder(shop.scope, orderRecord(`1001${n}`, { processedAt: at(100 + n) }));
    await insertOrder(shop.scope, orderRecord("2002", { processedAt: at(2) }), { deletedAt: new Date() });
    await insertOrder(foreign.scope, orderRecord("1001", { processedAt: at(500) }));
    await insertOrder(foreign.scope, orderRecord("3003", { processedAt: at(500) }));

    await insertCustomer(shop.scope, customerRecord("ada", { firstName: "Ada", lastName: "Lovelace", email: "ada@engine.test", sourceCreatedAt: at(1) }));
    // Newer customers whose email starts with Ada's whole email.
    for (let n = 0; n < 6; n++) {
      await insertCustomer(shop.scope, customerRecord(`ada-${n}`, { firstName: "Ada", lastName: `Copy ${n}`, email: `ada@engine.test.${n}`, sourceCreatedAt: at(10 + n) }));
    }
    await insertCustomer(foreign.scope, customerRecord("grace", { firstName: "Grace", lastName: "Hopper", email: "grace@navy.test" }));

    const product = (externalId: string, title: string, sku: string) => productRecord(externalId, { title, variants: [variantRecord(`${externalId}-v`, { sku })] });
    // Last by title, and six products before it whose SKUs start with its whole SKU.
    await insertProduct(shop.scope, product("zebra", "Zebra Lamp", "LAMP-1"));
    for (let n = 0; n < 6; n++) await insertProduct(shop.scope, product(`anvil-${n}`, `Anvil ${n}`, `LAMP-1${n}`));
    await insertProduct(shop.scope, product("gone", "Gone Lamp", "LAMP-2"), { deletedAt: new Date() });
    await insertProduct(shop.scope, product("underscore", "Lamp with an X", "LAMPX3"));
    await insertProduct(foreign.scope, product("foreign", "Foreign Lamp", "LAMP-1"));
  });

  it("puts the order whose number was typed in full first, then newer matches, at most the group limit", async () => {
    const { orders } = await search("1001");
    expect(orders).toHaveLength(SEARCH_GROUP_LIMIT);
    expect(orders.map((o) => o.name)).toEqual(["#1001", "#10019", "#10018", "#10017", "#10016"]);
    expect(orders[0]).toMatchObject({ customerName: "Ada Lovelace" });
    expect((await search("#1001")).orders[0]?.name).toBe("#1001");
  });

  it("finds customers by name words or email, the exact email first", async () => {
    const { customers } = await search("ADA@engine.test");
    expect(customers).toHaveLength(SEARCH_GROUP_LIMIT);
    expect(customers[0]).toMatchObject({ name: "Ada Lovelace", email: "ada@engine.test" });
    expect((await search("ada love")).customers.map((c) => c.name)).toEqual(["Ada Lovelace"]);
  });

  it("finds products by title or SKU, the exact SKU first (any case), then the rest by title, at most the group limit", async () => {
    const { products } = await search("lamp-1");
    expect(products.map((p) => [p.title, p.sku])).toEqual([
      ["Zebra Lamp", "LAMP-1"],
      ["Anvil 0", "LAMP-10"],
      ["Anvil 1", "LAMP-11"],
      ["Anvil 2", "LAMP-12"],
      ["Anvil 3", "LAMP-13"],
    ]);
    expect((await search("zebra")).products).toEqual([{ id: products[0]!.id, title: "Zebra Lamp", sku: null }]);
    // "_" is a LIKE wildcard: as text it matches no SKU, exactly or in part.
    expect((await search("lamp_3")).products).toEqual([]);
  });

  it("finds connections anywhere in their name", async () => {
    expect((await search("street")).connections).toEqual([expect.objectContaining({ displayName: "Main Street Store", providerName: "Shopify" })]);
  });

  it("never returns another workspace's records, nor deleted ones", async () => {
    expect((await search("3003")).orders).toEqual([]);
    expect((await search("grace")).customers).toEqual([]);
    expect((await search("elsewhere")).connections).toEqual([]);
    expect((await search("2002")).orders).toEqual([]);
    expect((await search("foreign lamp")).products).toEqual([]);
    expect((await search("lamp-2")).products).toEqual([]);
  });

  it("treats LIKE wildcards as text", async () => {
    expect(await search("%")).toEqual({ orders: [], customers: [], products: [], connections: [] });
  });

  it("leaves out the groups the member may not read", async () => {
    const result = await search("1001", { "data.read": false, "connections.read": false });
    expect((await search("lamp", { "data.read": false, "connections.read": true })).products).toEqual([]);
    expect(result).toEqual({ orders: [], customers: [], products: [], connections: [] });
  });

  it("is open to viewers and refuses an empty or too long query naming the field", async () => {
    const viewer = (await buildMember(shop.workspace.id, "VIEWER")).user;
    const palette = (query: string) => callerFor(viewer).search.palette({ workspaceSlug: shop.workspace.slug, query });
    expect((await palette("1001")).orders[0]?.name).toBe("#1001");
    for (const query of ["  ", "x".repeat(101)]) {
      const error = await errorOf(palette(query));
      expect(error.code).toBe("BAD_REQUEST");
      expect(error.cause).toMatchObject({ issues: [expect.objectContaining({ path: ["query"] })] });
    }
  });
});

describe("adjacent records (j/k on detail pages)", () => {
  it("steps through orders newest first, ties by id, skipping deleted ones and other workspaces' orders", async () => {
    const { scope } = await workspaceWithConnection("Adjacent", "Store");
    const { scope: other } = await workspaceWithConnection("Adjacent elsewhere", "Store");
    const oldest = await insertOrder(scope, orderRecord("a", { processedAt: at(1) }));
    const tied = [await insertOrder(scope, orderRecord("b", { processedAt: at(2) })), await insertOrder(scope, orderRecord("c", { processedAt: at(2) }))];
    await insertOrder(scope, orderRecord("d", { processedAt: at(3) }), { deletedAt: new Date() });
    const newest = await insertOrder(scope, orderRecord("e", { processedAt: at(4) }));
    const foreign = await insertOrder(other, orderRecord("f", { processedAt: at(3) }));
    const [tiedHigh, tiedLow] = tied.map((o) => o.id).sort().reverse();
    const list = [newest.id, tiedHigh!, tiedLow!, oldest.id];

    const wdb = workspaceDb(scope.workspaceId);
    for (const [i, orderId] of list.entries()) {
      expect(await adjacentOrders(wdb, { orderId })).toEqual({ previousId: list[i - 1] ?? null, nextId: list[i + 1] ?? null });
    }
    await expect(adjacentOrders(wdb, { orderId: foreign.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("follows the list an order was opened from: its filters and sort, each way, the order's place without a neighbour at either end", async () => {
    const { scope } = await workspaceWithConnection("Adjacent sorted", "Store");
    const wdb = workspaceDb(scope.workspaceId);
    const add = (name: string, amount: string, financialStatus: string, seconds: number) =>
      insertOrder(scope, orderRecord(name, { name: `#${name}`, totalPrice: { amount, currency: "USD" }, financialStatus, processedAt: at(seconds) }));
    // Newest first these are d, c, b, a; by total the paid ones are b (30), d (20), a (10).
    const a = await add("1000", "10.00", "PAID", 1);
    const b = await add("999", "30.00", "PAID", 2);
    await add("998", "50.00", "PENDING", 3);
    const d = await add("1001", "20.00", "PAID", 4);

    const paidByTotal = { financialStatus: "PAID", sort: "total" } as const;
    expect(await adjacentOrders(wdb, { orderId: d.id, list: paidByTotal })).toEqual({ previousId: b.id, nextId: a.id });
    expect(await adjacentOrders(wdb, { orderId: b.id, list: paidByTotal })).toEqual({ previousId: null, nextId: d.id });
    expect(await adjacentOrders(wdb, { orderId: a.id, list: { ...paidByTotal, dir: "asc" } })).toEqual({ previousId: null, nextId: d.id });
    // By number, lowest first: #999, #1000, #1001 (the pending #998 filtered out).
    expect(await adjacentOrders(wdb, { orderId: a.id, list: { financialStatus: "PAID", sort: "number", dir: "asc" } })).toEqual({ previousId: b.id, nextId: d.id });
  });

  it("follows the list a customer was opened from: its search and the name sort", async () => {
    const { scope } = await workspaceWithConnection("Adjacent customers", "Store");
    const wdb = workspaceDb(scope.workspaceId);
    const add = (id: string, firstName: string, lastName: string, seconds: number) =>
      insertCustomer(scope, customerRecord(id, { firstName, lastName, email: `${id}@example.test`, sourceCreatedAt: at(seconds) }));
    const zed = await add("z", "Zed", "Smith", 1);
    const amy = await add("a", "Amy", "Smith", 2);
    const jones = await add("o", "Other", "Jones", 3);
    const kim = await add("k", "Kim", "Smith", 4);

    const smithsByName = { search: "smith", sort: "name" } as const;
    expect(await adjacentCustomers(wdb, { customerId: kim.id, list: smithsByName })).toEqual({ previousId: amy.id, nextId: zed.id });
    expect(await adjacentCustomers(wdb, { customerId: kim.id, list: { ...smithsByName, dir: "desc" } })).toEqual({ previousId: zed.id, nextId: amy.id });
    // Without the list: newest first, the Joneses included.
    expect(await adjacentCustomers(wdb, { customerId: kim.id })).toEqual({ previousId: null, nextId: jones.id });
  });

  it("follows the list a product was opened from: its status and the last-change sort", async () => {
    const { scope } = await workspaceWithConnection("Adjacent products", "Store");
    const wdb = workspaceDb(scope.workspaceId);
    const add = (id: string, title: string, status: string, seconds: number) => insertProduct(scope, productRecord(id, { title, status, sourceUpdatedAt: at(seconds) }));
    const apple = await add("a", "Apple", "ACTIVE", 1);
    const cherry = await add("c", "Cherry", "ACTIVE", 2);
    await add("b", "Banana", "DRAFT", 3);
    const date = await add("d", "Date", "ACTIVE", 4);

    // Active, most recently changed first: Date, Cherry, Apple (by title it would be Apple, Cherry, Date).
    expect(await adjacentProducts(wdb, { productId: cherry.id, list: { status: "ACTIVE", sort: "updated" } })).toEqual({ previousId: date.id, nextId: apple.id });
  });

  it("follows each list's own order: customers newest first, products by title, job runs newest first", async () => {
    const { scope } = await workspaceWithConnection("Adjacent kinds", "Store");
    const wdb = workspaceDb(scope.workspaceId);
    const older = await insertCustomer(scope, customerRecord("old", { sourceCreatedAt: at(1) }));
    const newer = await insertCustomer(scope, customerRecord("new", { sourceCreatedAt: at(2) }));
    expect(await adjacentCustomers(wdb, { customerId: newer.id })).toEqual({ previousId: null, nextId: older.id });

    const apple = await insertProduct(scope, productRecord("z", { title: "Apple" }));
    const banana = await insertProduct(scope, productRecord("a", { title: "Banana" }));
    expect(await adjacentProducts(wdb, { productId: apple.id })).toEqual({ previousId: null, nextId: banana.id });

    const first = await buildJobRun(scope.workspaceId, { queuedAt: at(1) });
    const second = await buildJobRun(scope.workspaceId, { queuedAt: at(2) });
    expect(await adjacentJobRuns(wdb, { jobRunId: first.id })).toEqual({ previousId: second.id, nextId: null });
  });
});
