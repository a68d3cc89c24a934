import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ManualClock } from "../_kit/clock";
import type { ShopifySandbox } from "./server";
import type { SandboxShop } from "./shop";
import { installedSandbox, type GraphqlResult } from "./testing";

let sandbox: ShopifySandbox;
let clock: ManualClock;
let shop: SandboxShop;
let query: (q: string, v?: Record<string, unknown>) => Promise<GraphqlResult>;

beforeAll(async () => {
  ({ sandbox, clock, query } = await installedSandbox({ domain: "graphql.myshopify.com", volume: { orders: 1200, products: 40 } }));
  shop = sandbox.shop("graphql.myshopify.com");
  // Generous bucket: these tests are about answers, not throttling.
  shop.bucket.setLimits({ maximumAvailable: 1_000_000, restoreRate: 1_000_000 });
  shop.bucket.setAvailable(1_000_000);
});
afterAll(() => sandbox.stop());

type Page = { edges: { cursor: string; node: { id: string; updatedAt: string } }[]; pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null; startCursor: string | null } };

async function allOrders(args: string, direction: "forward" | "backward" = "forward"): Promise<string[][]> {
  const pages: string[][] = [];
  let cursor: string | null = null;
  for (;;) {
    const paging = direction === "forward" ? `first: 250, after: $cursor` : `last: 250, before: $cursor`;
    const result = await query(`query($cursor: String) { orders(${paging} ${args}) { edges { cursor node { id updatedAt } } pageInfo { hasNextPage hasPreviousPage endCursor startCursor } } }`, { cursor });
    expect(result.body.errors).toBeUndefined();
    const page = result.body.data!.orders as Page;
    pages.push(page.edges.map((e) => e.node.id));
    const more = direction === "forward" ? page.pageInfo.hasNextPage : page.pageInfo.hasPreviousPage;
    if (!more) return pages;
    cursor = direction === "forward" ? page.pageInfo.endCursor : page.pageInfo.startCursor;
  }
}

const orderGid = (id: number) => `gid://shopify/Order/${id}`;

describe("orders connection", () => {
  it("returns every order exactly once across pages, in both directions", async () => {
    const expected = shop.store.orders.summaries().map((s) => orderGid(s.id));
    const forward = (await allOrders("")).flat();
    expect(forward).toEqual(expected);
    const backward = (await allOrders("", "backward")).reverse().flat();
    expect(backward).toEqual(expected);
  });

  it("sorts by UPDATED_AT (and reversed) with stable cursors", async () => {
    const pages = await allOrders("sortKey: UPDATED_AT, reverse: true");
    const ids = pages.flat();
    expect(new Set(ids).size).toBe(shop.store.orders.count());
    const expected = [...shop.store.orders.summaries()].sort((a, b) => b.updatedAt - a.updatedAt || b.id - a.id).map((s) => orderGid(s.id));
    expect(ids).toEqual(expected);
  });

  it("applies search queries like Shopify", async () => {
    const since = shop.store.orders.summaries()[900]!.updatedAt;
    const sinceIso = new Date(since).toISOString();
    const updated = (await allOrders(`sortKey: UPDATED_AT, query: "updated_at:>'${sinceIso}'"`)).flat();
    const expected = shop.store.orders.summaries().filter((s) => s.updatedAt > since).sort((a, b) => a.updatedAt - b.updatedAt || a.id - b.id);
    expect(updated).toEqual(expected.map((s) => orderGid(s.id)));
    expect(updated.length).toBeGreaterThan(0);

    const refunded = (await allOrders(`query: "financial_status:refunded OR financial_status:partially_refunded"`)).flat();
    expect(refunded).toEqual(shop.store.orders.summaries().filter((s) => s.financialStatus.endsWith("REFUNDED")).map((s) => orderGid(s.id)));

    const cancelled = (await allOrders(`query: "status:cancelled -tag:wholesale"`)).flat();
    expect(cancelled).toEqual(shop.store.orders.summaries().filter((s) => s.status === "cancelled" && !s.tags.includes("wholesale")).map((s) => orderGid(s.id)));
  });

  it("sees a change: updatedAt is bumped and the order matches an updated_at filter", async () => {
    const before = clock.now();
    clock.advance(60_000);
    const order = shop.updateOrder(shop.store.orders.summaries()[3]!.id, { note: "changed" });
    expect(order.updatedAt).toBeGreaterThan(before);
    const found = await query(`{ orders(first: 10, query: "updated_at:>'${new Date(before).toISOString()}'") { nodes { id note updatedAt } } }`);
    expect(found.body.data!.orders).toEqual({ nodes: [{ id: orderGid(order.id), note: "changed", updatedAt: new Date(Math.floor(order.updatedAt / 1000) * 1000).toISOString().replace(".000Z", "Z") }] });
  });

  it("answers an order with money bags, GIDs, line items, refunds and transactions", async () => {
    const record = shop.store.orders.summaries().find((s) => s.financialStatus === "PARTIALLY_REFUNDED")!;
    const full = shop.store.orders.get(record.id)!;
    const result = await query(
      `query($id: ID!) { order(id: $id) { id legacyResourceId name currencyCode displayFinancialStatus
        currentTotalPriceSet { shopMoney { amount currencyCode } presentmentMoney { amount } }
        customer { legacyResourceId }
        lineItems(first: 10) { nodes { id sku quantity currentQuantity originalUnitPriceSet { shopMoney { amount } } } }
        refunds(first: 5) { id totalRefundedSet { shopMoney { amount } } refundLineItems(first: 10) { nodes { quantity restockType lineItem { id } } } }
        transactions(first: 10) { kind status amountSet { shopMoney { amount } } } } }`,
      { id: orderGid(record.id) },
    );
    expect(result.body.errors).toBeUndefined();
    const order = result.body.data!.order as {
      lineItems: { nodes: unknown[] };
      refunds: { refundLineItems: { nodes: { lineItem: { id: string } }[] } }[];
      transactions: { kind: string }[];
    };
    expect(order).toMatchObject({
      id: orderGid(full.id),
      legacyResourceId: String(full.id),
      displayFinancialStatus: "PARTIALLY_REFUNDED",
      currentTotalPriceSet: { shopMoney: { amount: full.currentTotalPrice, currencyCode: "USD" }, presentmentMoney: { amount: full.currentTotalPrice } },
    });
    expect(order.lineItems.nodes).toHaveLength(full.lineItems.length);
    expect(order.refunds[0]!.refundLineItems.nodes[0]!.lineItem.id).toBe(`gid://shopify/LineItem/${full.refunds[0]!.lineItems[0]!.lineItemId}`);
    expect(order.transactions.map((t) => t.kind)).toContain("REFUND");
  });
});

describe("other resources", () => {
  it("returns only the requested inventory quantity names", async () => {
    const result = await query(`{ locations(first: 5) { nodes { id inventoryLevels(first: 3) { nodes { item { id } quantities(names: ["available", "incoming"]) { name quantity } } } } } }`);
    const location = (result.body.data!.locations as { nodes: { id: string; inventoryLevels: { nodes: { item: { id: string }; quantities: { name: string; quantity: number }[] }[] } }[] }).nodes[0]!;
    const level = location.inventoryLevels.nodes[0]!;
    expect(level.quantities.map((q) => q.name)).toEqual(["available", "incoming"]);
    const record = shop.store.inventoryLevel(Number(level.item.id.split("/").pop()), Number(location.id.split("/").pop()))!;
    expect(level.quantities[0]!.quantity).toBe(record.quantities.available);
  });

  it("filters a location's inventory levels by updated_at", async () => {
    const location = shop.store.locations[1]!;
    const level = shop.store.inventoryLevelsAtLocation(location.id)[2]!;
    clock.advance(5_000);
    const since = new Date(clock.now()).toISOString();
    clock.advance(5_000);
    shop.setInventory(level.inventoryItemId, location.id, { on_hand: level.quantities.on_hand + 7 });
    const result = await query(`query($id: ID!, $q: String) { location(id: $id) { inventoryLevels(first: 50, query: $q) { nodes { item { id } quantities(names: ["on_hand"]) { quantity } } } } }`, {
      id: `gid://shopify/Location/${location.id}`,
      q: `updated_at:>'${since}'`,
    });
    expect((result.body.data!.location as { inventoryLevels: unknown }).inventoryLevels).toEqual({
      nodes: [{ item: { id: `gid://shopify/InventoryItem/${level.inventoryItemId}` }, quantities: [{ quantity: level.quantities.on_hand + 7 }] }],
    });
  });

  it("finds a refund by id", async () => {
    const order = [...shop.store.orders.records()].find((o) => o.refunds.length > 0)!;
    const refund = order.refunds[0]!;
    const result = await query(`query($id: ID!) { refund(id: $id) { id refundLineItems(first: 10) { nodes { quantity lineItem { id } } } } }`, { id: `gid://shopify/Refund/${refund.id}` });
    expect(result.body.data!.refund).toEqual({
      id: `gid://shopify/Refund/${refund.id}`,
      refundLineItems: { nodes: refund.lineItems.map((rl) => ({ quantity: rl.quantity, lineItem: { id: `gid://shopify/LineItem/${rl.lineItemId}` } })) },
    });
  });

  it("records product deletions as deletion events", async () => {
    const product = shop.store.products.summaries()[5]!;
    clock.advance(1000);
    shop.deleteProduct(product.id);
    const result = await query(`{ deletionEvents(first: 10, subjectTypes: [PRODUCT]) { nodes { subjectId subjectType occurredAt } } }`);
    expect(result.body.data!.deletionEvents).toEqual({ nodes: [{ subjectId: String(product.id), subjectType: "PRODUCT", occurredAt: expect.any(String) }] });
    const gone = await query(`query($id: ID!) { product(id: $id) { id } }`, { id: `gid://shopify/Product/${product.id}` });
    expect(gone.body.data!.product).toBeNull();
  });

  it("resolves nodes of several types and lists granted scopes", async () => {
    const orderId = orderGid(shop.store.orders.summaries()[0]!.id);
    const variant = shop.store.variants()[0]!;
    const result = await query(
      `query($ids: [ID!]!) { nodes(ids: $ids) { __typename id ... on ProductVariant { sku inventoryItem { id } } } currentAppInstallation { accessScopes { handle } } }`,
      { ids: [orderId, `gid://shopify/ProductVariant/${variant.id}`, "gid://shopify/Order/1"] },
    );
    expect(result.body.data!.nodes).toEqual([
      { __typename: "Order", id: orderId },
      { __typename: "ProductVariant", id: `gid://shopify/ProductVariant/${variant.id}`, sku: variant.sku, inventoryItem: { id: `gid://shopify/InventoryItem/${variant.inventoryItemId}` } },
      null,
    ]);
    const handles = (result.body.data!.currentAppInstallation as { accessScopes: { handle: string }[] }).accessScopes.map((s) => s.handle);
    expect(handles).toContain("read_all_orders");
  });

  it("creates, lists and deletes webhook subscriptions with the 2026-10 input", async () => {
    const created = await query(`mutation { webhookSubscriptionCreate(topic: ORDERS_UPDATED, webhookSubscription: { uri: "http://app.test/api/webhooks/shopify" }) { webhookSubscription { id topic uri } userErrors { field message } } }`);
    const payload = created.body.data!.webhookSubscriptionCreate as { webhookSubscription: { id: string; topic: string; uri: string }; userErrors: unknown[] };
    expect(payload.userErrors).toEqual([]);
    expect(payload.webhookSubscription).toMatchObject({ topic: "ORDERS_UPDATED", uri: "http://app.test/api/webhooks/shopify" });
    const listed = await query(`{ webhookSubscriptions(first: 10) { nodes { id topic } } }`);
    expect(listed.body.data!.webhookSubscriptions).toEqual({ nodes: [{ id: payload.webhookSubscription.id, topic: "ORDERS_UPDATED" }] });
    const deleted = await query(`mutation($id: ID!) { webhookSubscriptionDelete(id: $id) { deletedWebhookSubscriptionId userErrors { message } } }`, { id: payload.webhookSubscription.id });
    expect(deleted.body.data!.webhookSubscriptionDelete).toEqual({ deletedWebhookSubscriptionId: payload.webhookSubscription.id, userErrors: [] });
  });

  it("answers invalid documents like Shopify: HTTP 200 with errors and no execution", async () => {
    const result = await query(`{ orders(first: 1) { nodes { notAField } } }`);
    expect(result.status).toBe(200);
    expect(result.body.data).toBeUndefined();
    expect(result.body.errors![0]!.message).toContain("notAField");
  });
});
