import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startShopifySandbox, type ShopifySandbox } from "@/dev/sandbox/shopify";
import { iso } from "@/dev/sandbox/shopify/gid";
import type { OrderRecord as SandboxOrder } from "@/dev/sandbox/shopify/records";
import type { RecordKind, RecordsByKind, StreamReader } from "../_core/connector";
import { AuthExpiredError, TransientError } from "../_core/errors";
import { HttpClient } from "../_core/http";
import type { InventoryLevelRecord, OrderRecord } from "../_core/records";
import { buildCommerceScope } from "@/prisma/factories/commerce";
import { inIngestTransaction, stageBulkChildLines, stagedChildren } from "@/server/ingest";
import { BulkOperationFailedError, ShopifyAccessDeniedError, shopifyConnector, type BulkOperationNode, type BulkResource, type QueryCost, type ShopifyContext } from ".";
import { readBulkChildLines, type BulkReadOptions } from "./bulk";
import { CostBuckets } from "./graphql-client";
import { SHOPIFY_STREAMS } from "./streams";

// The connector against the sandbox Shopify over real HTTP: every page, follow-up, bulk file and
// fault goes through the same client code production uses; only the shop origin differs.

const ALL_SCOPES = ["read_orders", "read_all_orders", "read_products", "read_customers", "read_inventory", "read_locations"];
const MAIN = "main-shop.myshopify.com";
const SMALL_BUCKET = "small-bucket.myshopify.com";
const FAULTY = "faulty.myshopify.com";
const LIMITED = "limited.myshopify.com";

let sandbox: ShopifySandbox;

beforeAll(async () => {
  sandbox = await startShopifySandbox({
    apiKey: "test-key",
    apiSecret: "test-secret",
    shops: [
      // A fast restore rate keeps the full reads quick; throttling has its own shop.
      { domain: MAIN, volume: { orders: 150 }, costLimits: { maximumAvailable: 2000, restoreRate: 20_000 } },
      { domain: SMALL_BUCKET, volume: { orders: 40 }, costLimits: { maximumAvailable: 1000, restoreRate: 1000 } },
      { domain: FAULTY, volume: { orders: 60 }, costLimits: { maximumAvailable: 2000, restoreRate: 20_000 } },
      { domain: LIMITED, volume: { orders: 10 }, grantableScopes: ["read_orders", "read_products", "read_locations"] },
    ],
  });
  addOrderWithManyChildren(MAIN);
  addProductWithManyVariants(FAULTY);
}, 60_000);

/** A product with more variants than a products page holds per product. */
function addProductWithManyVariants(domain: string) {
  const store = sandbox.shop(domain).store;
  const [product] = [...store.products.records()];
  const template = product!.variants[0]!;
  const variants = Array.from({ length: 45 }, (_, i) => ({
    ...template,
    id: 9_400_000_000 + i,
    inventoryItemId: 9_500_000_000 + i,
    title: `Size ${i}`,
    sku: `MANY-${i}`,
    position: product!.variants.length + i + 1,
  }));
  store.updateProduct(product!.id, { variants: [...product!.variants, ...variants] });
}

afterAll(() => sandbox?.stop());

/** An order with more line items and refund line items than one page holds, to force follow-ups. */
function addOrderWithManyChildren(domain: string) {
  const store = sandbox.shop(domain).store;
  const [first] = [...store.orders.records()];
  store.updateOrder(first!.id, (order) => {
    const template = order.lineItems[0]!;
    const lineItems = Array.from({ length: 57 }, (_, i) => ({ ...template, id: 9_100_000_000 + i, quantity: 2, currentQuantity: 1 }));
    const refund = {
      id: 9_200_000_000,
      createdAt: order.createdAt,
      note: "many",
      total: "1.00",
      lineItems: lineItems.slice(0, 13).map((l, i) => ({
        id: 9_300_000_000 + i,
        lineItemId: l.id,
        quantity: 1,
        restockType: "RETURN" as const,
        subtotal: l.unitPrice,
        totalTax: "0.00",
      })),
    };
    return { lineItems, refunds: [refund, ...order.refunds] };
  });
}

function context(domain: string, extra: Partial<ShopifyContext> = {}): ShopifyContext {
  const token = sandbox.shop(domain).install(ALL_SCOPES).access_token;
  return { shopOrigin: sandbox.shopOrigin(domain), accessToken: token, http: new HttpClient({ baseDelayMs: 10 }), buckets: new CostBuckets(), ...extra };
}

async function readAll<K extends RecordKind>(stream: StreamReader<ShopifyContext, K>, ctx: ShopifyContext, cursor: string | null = null) {
  const records: RecordsByKind[K][] = [];
  let pages = 0;
  for (;;) {
    const page = await stream.readPage({ ...ctx, cursor });
    records.push(...page.records);
    pages++;
    cursor = page.nextCursor;
    if (page.done) return { records, pages, cursor };
  }
}

const sorted = <T>(xs: T[]) => [...xs].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));

/** The same digest of an order from the connector's record and from the sandbox's own data. */
function digest(o: OrderRecord) {
  return {
    id: o.externalId,
    name: o.name,
    updatedAt: Date.parse(o.sourceUpdatedAt),
    total: o.totalPrice.amount,
    customer: o.customerExternalId,
    lineItems: sorted(o.lineItems.map((l) => [l.externalId, l.quantity, l.currentQuantity, l.unitPrice.amount])),
    refunds: sorted(o.refunds.map((r) => [r.externalId, sorted(r.lineItems.map((l) => [l.lineItemExternalId, l.quantity]))])),
    transactions: sorted(o.transactions.map((t) => [t.externalId, t.kind, t.amount.amount, t.parentExternalId])),
  };
}
function sandboxDigest(o: SandboxOrder) {
  return {
    id: String(o.id),
    name: o.name,
    // Shopify prints timestamps to the second.
    updatedAt: Math.floor(o.updatedAt / 1000) * 1000,
    total: o.totalPrice,
    customer: o.customerId === null ? null : String(o.customerId),
    lineItems: sorted(o.lineItems.map((l) => [String(l.id), l.quantity, l.currentQuantity, l.unitPrice])),
    refunds: sorted(o.refunds.map((r) => [String(r.id), sorted(r.lineItems.map((l) => [String(l.lineItemId), l.quantity]))])),
    transactions: sorted(o.transactions.map((t) => [String(t.id), t.kind, t.amount, t.parentId === null ? null : String(t.parentId)])),
  };
}
function byId<T extends { id: string }>(xs: T[]) {
  return [...xs].sort((a, b) => a.id.localeCompare(b.id));
}

/**
 * The first pass over an orders or products file: its child lines staged (in chunks of
 * `chunkLines`, from `skipLines` on) where the sync stages them, server/ingest. Resolves to the
 * stage, or rejects with what the download met.
 */
async function stage(ctx: ShopifyContext, operation: BulkOperationNode, options: { skipLines?: number; chunkLines?: number; onChunk?: (linesRead: number) => void } = {}) {
  const key = { ...(await buildCommerceScope()), operationId: operation.id };
  return stageInto(key, ctx, operation, options);
}

async function stageInto(key: Parameters<typeof stageBulkChildLines>[0], ctx: ShopifyContext, operation: BulkOperationNode, options: { skipLines?: number; chunkLines?: number; onChunk?: (linesRead: number) => void }) {
  let stagingId = 0;
  for await (const chunk of readBulkChildLines(ctx.http!, operation, options)) {
    stagingId = await inIngestTransaction((tx) => stageBulkChildLines(key, chunk.lines, tx));
    options.onChunk?.(chunk.linesRead);
  }
  return stagedChildren(stagingId);
}

/** A finished operation read whole, as the sync does: orders and products after their first pass. */
async function readStaged<R extends BulkResource>(ctx: ShopifyContext, resource: R, operation: BulkOperationNode, options: BulkReadOptions = {}) {
  const staged = resource === "orders" || resource === "products" ? await stage(ctx, operation) : undefined;
  return shopifyConnector.backfill.read(ctx, resource, operation, { ...options, staged });
}

describe("Shopify connector against the sandbox", () => {
  it("lists the granted scopes", async () => {
    expect(sorted(await shopifyConnector.checkScopes(context(MAIN)))).toEqual(sorted(ALL_SCOPES));
  });

  it("reads every order page by page with all line items, refunds and transactions", async () => {
    const ctx = context(MAIN);
    const { records, pages } = await readAll(shopifyConnector.stream("orders"), ctx);
    const expected = [...sandbox.shop(MAIN).store.orders.records()];
    expect(records).toHaveLength(expected.length);
    expect(pages).toBeGreaterThan(1);
    expect(byId(records.map(digest))).toEqual(byId(expected.map(sandboxDigest)));
    const big = records.find((o) => o.lineItems.length === 57);
    expect(big?.refunds.find((r) => r.externalId === "9200000000")?.lineItems).toHaveLength(13);
    expect(sandbox.shop(MAIN).snapshot().counts.lineItems).toBe(records.reduce((n, o) => n + o.lineItems.length, 0));
  }, 60_000);

  it("reads every order through a bulk operation, streamed in batches", async () => {
    const ctx = context(MAIN);
    const started = await shopifyConnector.backfill.start(ctx, "orders");
    const operation = await shopifyConnector.backfill.poll(ctx, started.id, { intervalMs: 20 });
    expect(operation.status).toBe("COMPLETED");
    const records: OrderRecord[] = [];
    let batches = 0;
    for await (const batch of await readStaged(ctx, "orders", operation, { batchSize: 40 })) {
      records.push(...batch.records);
      batches++;
      expect(batch.parentsRead).toBe(records.length);
    }
    expect(batches).toBe(Math.ceil(records.length / 40));
    expect(byId(records.map(digest))).toEqual(byId([...sandbox.shop(MAIN).store.orders.records()].map(sandboxDigest)));
    // The cursor the incremental stream continues from starts just before the bulk run.
    expect(JSON.parse(shopifyConnector.backfill.cursorAfter(operation)).since).toBe(
      new Date(Date.parse(operation.createdAt) - 5 * 60_000).toISOString(),
    );
  }, 60_000);

  it("reads customers, products with variants, locations and inventory levels completely", async () => {
    const ctx = context(MAIN);
    const counts = sandbox.shop(MAIN).snapshot().counts;
    const customers = await readAll(shopifyConnector.stream("customers"), ctx);
    const products = await readAll(shopifyConnector.stream("products"), ctx);
    const locations = await readAll(shopifyConnector.stream("locations"), ctx);
    const inventory = await readAll(shopifyConnector.stream("inventory"), ctx);
    expect(customers.records).toHaveLength(counts.customers!);
    expect(products.records).toHaveLength(counts.products!);
    expect(products.records.reduce((n, p) => n + p.variants.length, 0)).toBe(counts.variants);
    expect(locations.records).toHaveLength(counts.locations!);
    expect(inventory.records).toHaveLength(counts.inventoryLevels!);
    expect(new Set(inventory.records.map((l) => `${l.inventoryItemExternalId}@${l.locationExternalId}`)).size).toBe(counts.inventoryLevels);

    const bulkProducts: number[] = [];
    const op = await shopifyConnector.backfill.poll(ctx, (await shopifyConnector.backfill.start(ctx, "products")).id, { intervalMs: 20 });
    for await (const batch of await readStaged(ctx, "products", op)) bulkProducts.push(...batch.records.map((p) => p.variants.length));
    expect(bulkProducts).toHaveLength(counts.products!);
    expect(bulkProducts.reduce((a, b) => a + b, 0)).toBe(counts.variants);
  }, 60_000);

  it("reads every inventory level through a bulk operation, each level a record wherever it is in the file, then continues paged", async () => {
    const ctx = context(MAIN);
    const shop = sandbox.shop(MAIN);
    // Sorted first by name: a parent line without children, which must still count as read.
    shop.addLocation({ name: "Aardvark Annex" });
    const operation = await shopifyConnector.backfill.poll(ctx, (await shopifyConnector.backfill.start(ctx, "inventory")).id, { intervalMs: 20 });
    expect(operation).toMatchObject({ status: "COMPLETED", rootObjectCount: shop.store.locations.length });
    const levels: InventoryLevelRecord[] = [];
    const batches: [number, number][] = [];
    for await (const batch of shopifyConnector.backfill.read(ctx, "inventory", operation, { batchSize: 7 })) {
      levels.push(...batch.records);
      batches.push([batch.childrenRead, batch.records.length]);
    }
    // One record a child line, in batches of 7; every location line passed on the way.
    expect(batches.map(([children]) => children)).toEqual(batches.map((_, i) => Math.min(7 * (i + 1), levels.length)));
    expect(batches.slice(0, -1).every(([, size]) => size === 7)).toBe(true);
    const truth = shop.store.allInventoryLevels().map((l) => ({
      inventoryItemExternalId: String(l.inventoryItemId),
      locationExternalId: String(l.locationId),
      available: l.quantities.available,
      onHand: l.quantities.on_hand,
      committed: l.quantities.committed,
      incoming: l.quantities.incoming,
      sourceUpdatedAt: iso(l.updatedAt),
      // As seen when the export was created: it reads the shop as it is from then on.
      observedAt: operation.createdAt,
    }));
    expect(sorted(levels)).toEqual(sorted(truth));

    // The backfill's cursor is where the paged inventory stream goes on: only what changed since.
    const [level] = shop.store.allInventoryLevels();
    shop.setInventory(level!.inventoryItemId, level!.locationId, { on_hand: 3, committed: 0 });
    const { records } = await readAll(shopifyConnector.stream("inventory"), ctx, shopifyConnector.backfill.cursorAfter(operation));
    expect(records).toContainEqual(expect.objectContaining({ inventoryItemExternalId: String(level!.inventoryItemId), onHand: 3, available: 3 }));
    expect(records.length).toBeLessThan(levels.length);
  }, 60_000);

  it("splits the inventory levels into batches of at most maxLines, and resumes after any batch exactly", async () => {
    const ctx = context(MAIN);
    const shop = sandbox.shop(MAIN);
    const maxLines = 5;
    expect(Math.max(...shop.store.locations.map((l) => shop.store.inventoryLevelsAtLocation(l.id).length))).toBeGreaterThan(3 * maxLines);
    const operation = await shopifyConnector.backfill.poll(ctx, (await shopifyConnector.backfill.start(ctx, "inventory")).id, { intervalMs: 20 });
    const levels: InventoryLevelRecord[] = [];
    const batches: { size: number; childrenRead: number }[] = [];
    for await (const { records, childrenRead } of shopifyConnector.backfill.read(ctx, "inventory", operation, { maxLines })) {
      levels.push(...records);
      batches.push({ size: records.length, childrenRead });
    }
    expect(Math.max(...batches.map((b) => b.size))).toBeLessThanOrEqual(maxLines);
    expect(levels).toHaveLength(shop.store.allInventoryLevels().length);
    expect(new Set(levels.map((l) => `${l.inventoryItemExternalId}@${l.locationExternalId}`)).size).toBe(levels.length);

    // From the middle of the file: exactly the levels after the ones handed out.
    const middle = Math.floor(batches.length / 2);
    const rest: InventoryLevelRecord[] = [];
    for await (const batch of shopifyConnector.backfill.read(ctx, "inventory", operation, { maxLines, skipChildren: batches[middle]!.childrenRead })) {
      expect(batch.records.length).toBeLessThanOrEqual(maxLines);
      rest.push(...batch.records);
    }
    const handedOut = batches.slice(0, middle + 1).reduce((n, b) => n + b.size, 0);
    expect(handedOut).toBe(batches[middle]!.childrenRead);
    expect(rest).toEqual(levels.slice(handedOut));

    // Orders are never split from their line items: fewer lines a batch than one order has, and
    // every order still comes whole (the one with 57 line items on its own).
    const orders = await shopifyConnector.backfill.poll(ctx, (await shopifyConnector.backfill.start(ctx, "orders")).id, { intervalMs: 20 });
    const whole: OrderRecord[] = [];
    for await (const batch of await readStaged(ctx, "orders", orders, { maxLines: 2 })) {
      expect(batch.childrenRead).toBe(0);
      whole.push(...batch.records);
    }
    expect(byId(whole.map(digest))).toEqual(byId([...shop.store.orders.records()].map(sandboxDigest)));
  }, 60_000);

  it("fetches the variants of a product that do not fit on its page", async () => {
    const { records } = await readAll(shopifyConnector.stream("products"), context(FAULTY));
    const expected = [...sandbox.shop(FAULTY).store.products.records()];
    expect(records.reduce((n, p) => n + p.variants.length, 0)).toBe(expected.reduce((n, p) => n + p.variants.length, 0));
    const many = records.find((p) => p.variants.some((v) => v.sku === "MANY-0"));
    expect(many?.variants.filter((v) => v.sku?.startsWith("MANY-")).map((v) => v.sku)).toEqual(Array.from({ length: 45 }, (_, i) => `MANY-${i}`));
  }, 60_000);

  it("continues from its cursor: only what changed since (minus the overlap) is read again", async () => {
    const ctx = context(MAIN);
    const stream = shopifyConnector.stream("orders");
    const first = await readAll(stream, ctx);
    const shop = sandbox.shop(MAIN);
    const target = [...shop.store.orders.records()][5]!;
    shop.updateOrder(target.id, { tags: ["changed"], updatedAt: Date.now() + 60 * 60_000 });
    const second = await readAll(stream, ctx, first.cursor);
    expect(second.records.map((o) => o.externalId)).toContain(String(target.id));
    expect(second.records.find((o) => o.externalId === String(target.id))?.tags).toEqual(["changed"]);
    expect(second.records.length).toBeLessThan(first.records.length);

    // A large change set goes faster through a bulk query over the same window.
    const since = JSON.parse(first.cursor!).since as string;
    const op = await shopifyConnector.backfill.poll(ctx, (await shopifyConnector.backfill.start(ctx, "orders", { updatedSince: since })).id, { intervalMs: 20 });
    const viaBulk: string[] = [];
    for await (const batch of await readStaged(ctx, "orders", op)) viaBulk.push(...batch.records.map((o) => o.externalId));
    expect(sorted(viaBulk)).toEqual(sorted(second.records.map((o) => o.externalId)));
  }, 60_000);

  it("never sends a query the small bucket cannot cover, and recovers when throttled anyway", async () => {
    const costs: QueryCost[] = [];
    const ctx = context(SMALL_BUCKET, { onCost: (c) => costs.push(c) });
    const { records } = await readAll(shopifyConnector.stream("orders"), ctx);
    expect(records).toHaveLength([...sandbox.shop(SMALL_BUCKET).store.orders.records()].length);
    // THROTTLED answers carry no actual cost: none happened.
    expect(costs.filter((c) => c.actualQueryCost === null)).toEqual([]);
    expect(costs.length).toBeGreaterThan(3);

    // Behind the client's back the bucket empties: the next query is THROTTLED, waited out, sent again.
    sandbox.shop(SMALL_BUCKET).bucket.setAvailable(0);
    costs.length = 0;
    const started = Date.now();
    const page = await shopifyConnector.stream("orders").readPage({ ...ctx, cursor: null });
    expect(page.records.length).toBeGreaterThan(0);
    const throttled = costs.filter((c) => c.actualQueryCost === null);
    expect(throttled).toHaveLength(1);
    // (requested − available) / restoreRate: about 0.8 s for an orders page at 1000 points/s.
    expect(Date.now() - started).toBeGreaterThanOrEqual(((throttled[0]!.requestedQueryCost - throttled[0]!.throttleStatus.currentlyAvailable) / 1000) * 1000 - 50);

    sandbox.injectFault({ point: "graphql", kind: "throttled", count: 2, shop: SMALL_BUCKET });
    const fired = sandbox.faults.fired.graphql;
    expect((await shopifyConnector.stream("locations").readPage({ ...ctx, cursor: null })).records.length).toBeGreaterThan(0);
    expect(sandbox.faults.fired.graphql - fired).toBe(2);
  }, 60_000);

  it("retries injected 429s, 5xx, timeouts and truncated bodies and still reads every order", async () => {
    const ctx = context(FAULTY, { http: new HttpClient({ baseDelayMs: 10, timeoutMs: 1_000, maxAttempts: 8 }) });
    const fired = sandbox.faults.fired.graphql;
    sandbox.injectFault({ point: "graphql", kind: "429", shop: FAULTY, retryAfterSeconds: 0.05 });
    sandbox.injectFault({ point: "graphql", kind: "5xx", shop: FAULTY, status: 502 });
    sandbox.injectFault({ point: "graphql", kind: "timeout", shop: FAULTY });
    sandbox.injectFault({ point: "graphql", kind: "truncated", shop: FAULTY });
    sandbox.injectFault({ point: "graphql", kind: "5xx", shop: FAULTY, count: 2 });
    const { records } = await readAll(shopifyConnector.stream("orders"), ctx);
    expect(sandbox.faults.fired.graphql - fired).toBe(6);
    expect(ctx.http!.stats.retries).toBe(6);
    expect(byId(records.map(digest))).toEqual(byId([...sandbox.shop(FAULTY).store.orders.records()].map(sandboxDigest)));
  }, 60_000);

  it("reports a truncated bulk download as transient, in either pass, and resumes after the last stored chunk or batch", async () => {
    const ctx = context(FAULTY);
    const operation = await shopifyConnector.backfill.poll(ctx, (await shopifyConnector.backfill.start(ctx, "orders")).id, { intervalMs: 20 });
    const key = { ...(await buildCommerceScope()), operationId: operation.id };
    // The first pass breaks off; a second goes on after the last chunk staged.
    sandbox.injectFault({ point: "bulk-download", kind: "truncated", shop: FAULTY });
    let stagedUpTo = 0;
    const cut = await stageInto(key, ctx, operation, { chunkLines: 20, onChunk: (linesRead) => (stagedUpTo = linesRead) }).catch((e: unknown) => e);
    expect(cut).toBeInstanceOf(TransientError);
    expect(stagedUpTo).toBeLessThan(operation.objectCount);
    const staged = await stageInto(key, ctx, operation, { chunkLines: 20, skipLines: stagedUpTo });

    sandbox.injectFault({ point: "bulk-download", kind: "truncated", shop: FAULTY });
    const stored: OrderRecord[] = [];
    let resumeAt = 0;
    const error = await (async () => {
      for await (const batch of shopifyConnector.backfill.read(ctx, "orders", operation, { batchSize: 10, staged })) {
        stored.push(...batch.records);
        resumeAt = batch.parentsRead;
      }
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientError);
    expect(stored.length).toBeLessThan(operation.rootObjectCount);
    for await (const batch of shopifyConnector.backfill.read(ctx, "orders", operation, { batchSize: 10, skipParents: resumeAt, staged })) {
      stored.push(...batch.records);
    }
    expect(byId(stored.map(digest))).toEqual(byId([...sandbox.shop(FAULTY).store.orders.records()].map(sandboxDigest)));
  }, 60_000);

  it("answers null for a bulk operation Shopify does not know (gone), which poll reports as an error", async () => {
    const ctx = context(FAULTY);
    const unknown = "gid://shopify/BulkOperation/1";
    expect(await shopifyConnector.backfill.get(ctx, unknown)).toBeNull();
    await expect(shopifyConnector.backfill.poll(ctx, unknown)).rejects.toThrow(`Bulk operation ${unknown} does not exist`);
  });

  it("consumes a failed bulk operation's partial data where its records are whole, then reports the failure", async () => {
    const ctx = context(FAULTY);
    const shop = sandbox.shop(FAULTY);
    shop.bulk.failNext({ errorCode: "TIMEOUT", afterObjects: 12, queryIncludes: "customers" });
    const customers = await shopifyConnector.backfill.poll(ctx, (await shopifyConnector.backfill.start(ctx, "customers")).id, { intervalMs: 20 });
    expect(customers).toMatchObject({ status: "FAILED", objectCount: 12 });
    const partial: string[] = [];
    const error = await (async () => {
      for await (const batch of shopifyConnector.backfill.read(ctx, "customers", customers)) partial.push(...batch.records.map((c) => c.externalId));
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BulkOperationFailedError);
    expect((error as BulkOperationFailedError).operation.errorCode).toBe("TIMEOUT");
    expect(partial).toHaveLength(12);

    // An order's line items may come anywhere after it, so no order of a cut file is known to be
    // whole: none is passed on, and the failure is reported.
    shop.bulk.failNext({ errorCode: "TIMEOUT", afterObjects: 50, queryIncludes: "orders" });
    const orders = await shopifyConnector.backfill.poll(ctx, (await shopifyConnector.backfill.start(ctx, "orders")).id, { intervalMs: 20 });
    expect(orders.partialDataUrl).not.toBeNull();
    const cut: OrderRecord[] = [];
    const failed = await (async () => {
      for await (const batch of shopifyConnector.backfill.read(ctx, "orders", orders)) cut.push(...batch.records);
    })().catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(BulkOperationFailedError);
    expect(cut).toEqual([]);
  }, 60_000);

  it("reads product deletions from Shopify's deletion events, continuing from its cursor", async () => {
    const ctx = context(FAULTY);
    const stream = shopifyConnector.stream("deletions");
    const before = await readAll(stream, ctx);
    const shop = sandbox.shop(FAULTY);
    const [product] = [...shop.store.products.records()];
    shop.deleteProduct(product!.id);
    const after = await readAll(stream, ctx, before.cursor);
    expect(after.records).toContainEqual(expect.objectContaining({ resource: "product", externalId: String(product!.id) }));
  }, 60_000);

  it("surfaces ACCESS_DENIED with the field path, and 401 as AuthExpiredError", async () => {
    const shop = sandbox.shop(LIMITED);
    const token = shop.install(["read_orders", "read_products", "read_locations"]).access_token;
    // The callback form: asked before every request, so a refreshed token is picked up.
    const ctx: ShopifyContext = { shopOrigin: sandbox.shopOrigin(LIMITED), accessToken: async () => token, buckets: new CostBuckets() };
    const granted = await shopifyConnector.checkScopes(ctx);
    expect(sorted(granted)).toEqual(["read_locations", "read_orders", "read_products"]);
    const skipped = SHOPIFY_STREAMS.filter((s) => !s.requiredScopes.every((scope) => granted.includes(scope))).map((s) => s.name);
    expect(skipped).toEqual(["inventory", "customers", "orders"]);

    const error = await shopifyConnector.stream("customers").readPage({ ...ctx, cursor: null }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ShopifyAccessDeniedError);
    expect((error as ShopifyAccessDeniedError).path[0]).toBe("customers");
    expect((error as ShopifyAccessDeniedError).requiredAccess).toMatch(/read_customers/);

    const bulk = await shopifyConnector.backfill.poll(ctx, (await shopifyConnector.backfill.start(ctx, "customers")).id, { intervalMs: 20 });
    expect([bulk.status, bulk.errorCode]).toEqual(["FAILED", "ACCESS_DENIED"]);
    const bulkError = await (async () => {
      for await (const batch of shopifyConnector.backfill.read(ctx, "customers", bulk)) expect(batch.records).toEqual([]);
    })().catch((e: unknown) => e);
    expect(bulkError).toBeInstanceOf(ShopifyAccessDeniedError);

    shop.revokeTokens();
    await expect(shopifyConnector.stream("locations").readPage({ ...ctx, cursor: null })).rejects.toBeInstanceOf(AuthExpiredError);
  }, 60_000);
});
