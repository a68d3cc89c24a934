import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ShopifySandbox } from "./server";
import type { SandboxShop } from "./shop";
import { iso } from "./gid";
import { checksumOf } from "../_kit/snapshot";
import { installedSandbox, type GraphqlResult } from "./testing";

const DOMAIN = "bulk.myshopify.com";
const SLOW = "slow-bulk.myshopify.com";
let sandbox: ShopifySandbox;
let shop: SandboxShop;
let query: (q: string, v?: Record<string, unknown>) => Promise<GraphqlResult>;

beforeAll(async () => {
  ({ sandbox, query } = await installedSandbox({ domain: DOMAIN, volume: { orders: 500, products: 30 } }));
  shop = sandbox.shop(DOMAIN);
  shop.bucket.setLimits({ restoreRate: 1_000_000 });
});
afterAll(() => sandbox.stop());

type Op = { id: string; status: string; errorCode: string | null; objectCount: string; rootObjectCount: string; fileSize: string | null; url: string | null; partialDataUrl: string | null };

/** Starts a bulk query, its file grouped (every child right after its parent) unless said otherwise. */
async function runBulk(
  inner: string,
  run = query,
  groupObjects = true,
): Promise<{ op?: { id: string; status: string }; userErrors: { field: string[] | null; message: string; code: string }[] }> {
  const result = await run(
    `mutation($q: String!, $g: Boolean!) { bulkOperationRunQuery(query: $q, groupObjects: $g) { bulkOperation { id status } userErrors { field message code } } }`,
    { q: inner, g: groupObjects },
  );
  expect(result.body.errors).toBeUndefined();
  const payload = result.body.data!.bulkOperationRunQuery as { bulkOperation: { id: string; status: string } | null; userErrors: never[] };
  return { op: payload.bulkOperation ?? undefined, userErrors: payload.userErrors };
}

async function finished(id: string, target = shop, run = query): Promise<Op> {
  await target.bulk.settled(Number(id.split("/").pop()));
  const result = await run(`query($id: ID!) { bulkOperation(id: $id) { id status errorCode objectCount rootObjectCount fileSize url partialDataUrl } }`, { id });
  return result.body.data!.bulkOperation as Op;
}

const lines = async (url: string) => (await (await fetch(url)).text()).split("\n").filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
const byJson = (a: unknown, b: unknown) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1);

describe("bulk query operations", () => {
  it("writes Shopify's JSONL: nested connection nodes on their own lines, after their parent, with __parentId", async () => {
    const { op, userErrors } = await runBulk(`{ orders { edges { node { id name totalPriceSet { shopMoney { amount } } customer { id } lineItems { edges { node { id sku quantity } } } } } } }`);
    expect(userErrors).toEqual([]);
    expect(op!.status).toBe("CREATED");
    const done = await finished(op!.id);
    expect(done).toMatchObject({ status: "COMPLETED", errorCode: null, partialDataUrl: null, rootObjectCount: "500" });

    const response = await fetch(done.url!);
    const text = await response.text();
    expect(Number(response.headers.get("content-length"))).toBe(Number(done.fileSize));
    const objects = text.split("\n").filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(objects).toHaveLength(Number(done.objectCount));

    const expectedLines = [...shop.store.orders.records()].reduce((n, o) => n + o.lineItems.length, 0);
    const orders = objects.filter((o) => String(o.id).startsWith("gid://shopify/Order/"));
    const items = objects.filter((o) => String(o.id).startsWith("gid://shopify/LineItem/"));
    expect(orders).toHaveLength(500);
    expect(items).toHaveLength(expectedLines);
    expect(orders[0]).toEqual({ id: expect.any(String), name: "#1001", totalPriceSet: { shopMoney: { amount: expect.stringMatching(/^\d+\.\d\d$/) } }, customer: expect.anything() });
    expect(Object.keys(items[0]!)).toEqual(["id", "sku", "quantity", "__parentId"]);

    let parent: string | undefined;
    for (const object of objects) {
      if (object.__parentId === undefined) parent = object.id as string;
      else expect(object.__parentId).toBe(parent);
    }
  });

  it("writes ungrouped output unless asked to group (Shopify's default since 2026-01): every child after its parent, most of them not right after, the same lines", async () => {
    const inner = `{ orders { edges { node { id name lineItems { edges { node { id quantity } } } } } } }`;
    const grouped = await lines((await finished((await runBulk(inner)).op!.id)).url!);
    const ungrouped = await lines((await finished((await runBulk(inner, query, false)).op!.id)).url!);
    expect(ungrouped).not.toEqual(grouped);
    expect([...ungrouped].sort(byJson)).toEqual([...grouped].sort(byJson));
    // Parents keep their order; a child comes after its parent's line, wherever.
    expect(ungrouped.filter((o) => o.__parentId === undefined)).toEqual(grouped.filter((o) => o.__parentId === undefined));
    const seen = new Set<unknown>();
    let rightAfter = 0;
    ungrouped.forEach((object, i) => {
      if (object.__parentId === undefined) return seen.add(object.id);
      expect(seen.has(object.__parentId)).toBe(true);
      if (ungrouped[i - 1]!.id === object.__parentId) rightAfter++;
    });
    const children = ungrouped.filter((o) => o.__parentId !== undefined).length;
    expect(rightAfter).toBeLessThan(children / 10);
    // Some wait until every parent has been written.
    const lastParent = ungrouped.findLastIndex((o) => o.__parentId === undefined);
    expect(ungrouped.slice(lastParent + 1).length).toBeGreaterThan(children / 10);
  });

  it("lets a test compare what it read with snapshot() through a projection", async () => {
    const { op } = await runBulk(`{ orders { edges { node { id name lineItems { edges { node { id quantity } } } } } } }`);
    const objects = await lines((await finished(op!.id)).url!);
    const read = objects.filter((o) => o.__parentId === undefined).map((o) => [String(o.id).split("/").pop(), o.name]);
    const readLines = objects.filter((o) => o.__parentId !== undefined).map((o) => [String(o.__parentId).split("/").pop(), o.quantity]);
    const snapshot = shop.snapshot({ orders: (o) => [String(o.id), o.name], lineItems: (l, order) => [String(order.id), l.quantity] });
    expect(snapshot.counts.orders).toBe(read.length);
    expect(snapshot.checksums.orders).toBe(checksumOf(read));
    expect(snapshot.checksums.lineItems).toBe(checksumOf(readLines));
    expect(snapshot.checksums.orders).not.toBe(checksumOf(read.slice(1)));
  });

  it("notifies a bulk_operations/finish subscription", async () => {
    const bodies: string[] = [];
    const { createServer } = await import("node:http");
    const receiver = createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      req.on("end", () => {
        bodies.push(body);
        res.end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    try {
      const port = (receiver.address() as { port: number }).port;
      await query(`mutation($uri: String!) { webhookSubscriptionCreate(topic: BULK_OPERATIONS_FINISH, webhookSubscription: { uri: $uri }) { userErrors { message } } }`, { uri: `http://127.0.0.1:${port}/bulk` });
      const { op } = await runBulk(`{ orders(first: 5) { edges { node { id } } } }`);
      await finished(op!.id);
      expect(bodies.map((b) => JSON.parse(b) as unknown)).toEqual([
        { admin_graphql_api_id: op!.id, completed_at: expect.any(String), created_at: expect.any(String), error_code: null, status: "completed", type: "query" },
      ]);
    } finally {
      for (const s of shop.subscriptions.list()) shop.subscriptions.delete(`gid://shopify/WebhookSubscription/${s.id}`);
      await new Promise((resolve) => receiver.close(resolve));
    }
  });

  it("gives nested connections inside inline objects the nearest id as __parentId", async () => {
    const { op, userErrors } = await runBulk(`{ productVariants { edges { node { id inventoryItem { id inventoryLevels { edges { node { id location { id } } } } } } } } }`);
    expect(userErrors).toEqual([]);
    const objects = await lines((await finished(op!.id)).url!);
    const children = objects.filter((o) => o.__parentId !== undefined);
    expect(children.length).toBeGreaterThan(0);
    // Each level follows its variant's line and points at the variant's inventory item, not the variant.
    let item: string | undefined;
    for (const object of objects) {
      if (object.__parentId === undefined) item = (object.inventoryItem as { id: string }).id;
      else expect(object.__parentId).toBe(item);
    }
    expect(item).toMatch(/^gid:\/\/shopify\/InventoryItem\//);
  });

  it("serves what a failed run wrote as partialDataUrl", async () => {
    shop.bulk.failNext({ errorCode: "INTERNAL_SERVER_ERROR", afterObjects: 25 });
    const { op } = await runBulk(`{ orders { edges { node { id lineItems { edges { node { id } } } } } } }`);
    const done = await finished(op!.id);
    expect(done).toMatchObject({ status: "FAILED", errorCode: "INTERNAL_SERVER_ERROR", url: null, objectCount: "25" });
    expect(await lines(done.partialDataUrl!)).toHaveLength(25);
  });

  it("fails the next operation whose query matches, leaving the others alone", async () => {
    shop.bulk.failNext({ afterObjects: 3, queryIncludes: "customers" });
    const orders = await finished((await runBulk(`{ orders(first: 5) { edges { node { id } } } }`)).op!.id);
    const customers = await finished((await runBulk(`{ customers { edges { node { id } } } }`)).op!.id);
    expect(orders.status).toBe("COMPLETED");
    expect(customers).toMatchObject({ status: "FAILED", errorCode: "INTERNAL_SERVER_ERROR", objectCount: "3" });
  });

  it("fails with ACCESS_DENIED when the query reaches outside the granted scopes", async () => {
    shop.setScopes(["read_orders", "read_all_orders"]);
    try {
      const { op } = await runBulk(`{ orders { edges { node { id customer { id } } } } }`);
      expect(await finished(op!.id)).toMatchObject({ status: "FAILED", errorCode: "ACCESS_DENIED", url: null, partialDataUrl: null });
    } finally {
      shop.setScopes(["read_orders", "read_all_orders", "read_products", "read_customers", "read_inventory", "read_locations"]);
    }
  });

  it("completes with no file when nothing matches, and reports the latest as currentBulkOperation", async () => {
    const { op } = await runBulk(`{ orders(query: "name:does-not-exist") { edges { node { id } } } }`);
    expect(await finished(op!.id)).toMatchObject({ status: "COMPLETED", objectCount: "0", url: null, fileSize: null });
    const current = await query(`{ currentBulkOperation(type: QUERY) { id } }`);
    expect(current.body.data!.currentBulkOperation).toEqual({ id: op!.id });
  });

  it("rejects invalid bulk queries with userErrors", async () => {
    expect((await runBulk(`{ shop { name } }`)).userErrors[0]).toMatchObject({ code: "INVALID", message: expect.stringContaining("connection") });
    expect((await runBulk(`{ orders { edges { node { nope } } } }`)).userErrors[0]).toMatchObject({ code: "INVALID" });
    expect((await runBulk(`{ products { edges { node { variants { edges { node { inventoryItem { inventoryLevels { edges { node { id } } } } } } } } } } }`)).userErrors[0]).toMatchObject({
      code: "INVALID",
      message: expect.stringContaining("nesting"),
    });
    // Order.refunds is a list field: its refundLineItems connection cannot be bulk-queried.
    expect((await runBulk(`{ orders { edges { node { id refunds { id refundLineItems { edges { node { quantity } } } } } } } }`)).userErrors).toEqual([
      { field: ["query"], code: "INVALID", message: "Queries that contain a connection field within a list field are not currently supported." },
    ]);
    expect((await runBulk(`{ orders { edges { node { id fulfillments { id events { edges { node { id } } } } } } } }`)).userErrors[0]).toMatchObject({
      code: "INVALID",
      message: expect.stringContaining("within a list field"),
    });
    expect((await runBulk(`{ node(id: "gid://shopify/Order/1") { ... on Order { lineItems { edges { node { id } } } } } }`)).userErrors[0]).toMatchObject({
      code: "INVALID",
      message: expect.stringContaining("top level `node`"),
    });
    // A list field without a connection inside, next to a connection's own edges, is fine.
    expect((await runBulk(`{ orders(first: 1) { edges { node { id refunds { id } lineItems { edges { node { id } } } } } } }`)).userErrors).toEqual([]);
  });

  it("walks products → variants with inventory levels inline", async () => {
    const { op } = await runBulk(`{ products { edges { node { id title variants { edges { node { id sku inventoryItem { id } } } } } } } }`);
    const done = await finished(op!.id);
    const objects = await lines(done.url!);
    expect(objects.filter((o) => o.__parentId === undefined)).toHaveLength(30);
    expect(objects.filter((o) => String(o.id).includes("ProductVariant"))).toHaveLength(shop.store.variants().length);
  });

  it("walks locations → inventory levels: each location's levels after it, a location without stock on its own", async () => {
    const empty = shop.addLocation({ name: "Empty Annex" });
    const locationGid = (l: { id: number }) => `gid://shopify/Location/${l.id}`;
    const inventoryQuery = (filter = "") =>
      `{ locations(includeInactive: true) { edges { node { id inventoryLevels${filter} { edges { node { updatedAt item { id } location { id } quantities(names: ["available", "on_hand"]) { name quantity } } } } } } } }`;
    const { op, userErrors } = await runBulk(inventoryQuery());
    expect(userErrors).toEqual([]);
    const done = await finished(op!.id);
    const objects = await lines(done.url!);
    const locations = shop.store.locations;
    expect(done).toMatchObject({ status: "COMPLETED", rootObjectCount: String(locations.length), objectCount: String(objects.length) });
    // Query.locations sorts by NAME unless told otherwise.
    const byName = [...locations].sort((a, b) => a.name.localeCompare(b.name));
    expect(objects.filter((o) => o.__parentId === undefined)).toEqual(byName.map((l) => ({ id: locationGid(l) })));

    let parent: string | undefined;
    const perLocation = new Map<string, number>();
    for (const object of objects) {
      if (object.__parentId === undefined) parent = object.id as string;
      else {
        expect(object.__parentId).toBe(parent);
        expect(object.location).toEqual({ id: parent });
        perLocation.set(parent!, (perLocation.get(parent!) ?? 0) + 1);
      }
    }
    for (const l of locations) expect(perLocation.get(locationGid(l)) ?? 0).toBe(shop.store.inventoryLevelsAtLocation(l.id).length);
    expect(perLocation.has(locationGid(empty))).toBe(false);

    const [stock] = shop.store.allInventoryLevels();
    const item = `gid://shopify/InventoryItem/${stock!.inventoryItemId}`;
    const location = locationGid({ id: stock!.locationId });
    expect(objects.find((o) => (o.item as { id: string } | undefined)?.id === item && o.__parentId === location)).toEqual({
      updatedAt: iso(stock!.updatedAt),
      item: { id: item },
      location: { id: location },
      quantities: [
        { name: "available", quantity: stock!.quantities.available },
        { name: "on_hand", quantity: stock!.quantities.on_hand },
      ],
      __parentId: location,
    });

    // A search on the nested connection filters the levels; every location is still a parent line.
    const changed = shop.setInventory(stock!.inventoryItemId, stock!.locationId, { on_hand: 7 });
    const filter = `(query: ${JSON.stringify(`updated_at:>='${iso(changed.updatedAt - 1000)}'`)})`;
    const filtered = await lines((await finished((await runBulk(inventoryQuery(filter))).op!.id)).url!);
    expect(filtered.filter((o) => o.__parentId !== undefined)).toEqual([expect.objectContaining({ item: { id: item }, __parentId: location })]);
    expect(filtered.filter((o) => o.__parentId === undefined)).toHaveLength(locations.length);
  });
});

describe("bulk concurrency and cancellation", () => {
  it("runs at most five bulk queries per shop; a sixth gets LIMIT_REACHED; cancel stops one", async () => {
    const slow = sandbox.addShop({ domain: SLOW, volume: { orders: 50 }, bulkDelayMs: 60_000 });
    const token = slow.install(["read_orders"]).access_token;
    const { adminGraphql } = await import("./testing");
    const run = (q: string, v?: Record<string, unknown>) => adminGraphql(sandbox, SLOW, token, q, v);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const { op, userErrors } = await runBulk(`{ orders { edges { node { id } } } }`, run);
      expect(userErrors).toEqual([]);
      ids.push(op!.id);
    }
    const sixth = await runBulk(`{ orders { edges { node { id } } } }`, run);
    expect(sixth.op).toBeUndefined();
    expect(sixth.userErrors[0]).toMatchObject({ code: "LIMIT_REACHED" });

    for (const id of ids) {
      const cancelled = await run(`mutation($id: ID!) { bulkOperationCancel(id: $id) { bulkOperation { status } userErrors { message } } }`, { id });
      expect(cancelled.body.data!.bulkOperationCancel).toEqual({ bulkOperation: { status: "CANCELING" }, userErrors: [] });
    }
    for (const id of ids) expect((await finished(id, slow, run)).status).toBe("CANCELED");
    expect((await runBulk(`{ orders { edges { node { id } } } }`, run)).userErrors).toEqual([]);
  });
});
