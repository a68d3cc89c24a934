import type { GraphQLEnumType } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startShopifySandbox, type SandboxShop, type ShopifySandbox } from "@/dev/sandbox/shopify";
import { adminSchema } from "@/dev/sandbox/shopify/schema";
import { buildPayload } from "@/dev/sandbox/shopify/webhooks";
import type { RecordKind, RecordsByKind, StreamReader } from "../_core/connector";
import { HttpClient } from "../_core/http";
import type { CustomerRecord, Money, OrderRecord, ProductRecord } from "../_core/records";
import { shopifyConnector, type ShopifyContext } from ".";
import { CostBuckets } from "./graphql-client";
import { mapRestCustomer, mapRestOrder, mapRestProduct } from "./rest-mapper";
import { parseShopifyWebhook, type ShopifyWebhookTopic } from "./webhook-topics";

// A webhook and the sync must write the same values, or each would overwrite the other with its
// own spelling (GraphQL enums vs REST lower case, ids, shop money). For every order, customer and
// product of a sandbox shop: the record the connector reads over Admin GraphQL and the record
// mapped from the REST body the sandbox delivers for it agree on everything the body carries.

const SHOP = "parity.myshopify.com";
/** The body the sandbox delivers for a record, as its topic's schema reads it. */
const delivered = <T extends ShopifyWebhookTopic & Parameters<typeof buildPayload>[1]>(topic: T, id: string) =>
  parseShopifyWebhook(topic, JSON.stringify(buildPayload(shop, topic, { id: Number(id) }))).payload;
let sandbox: ShopifySandbox;
let shop: SandboxShop;
let ctx: ShopifyContext;

beforeAll(async () => {
  sandbox = await startShopifySandbox({
    apiKey: "k",
    apiSecret: "s",
    shops: [{ domain: SHOP, volume: { orders: 120 }, costLimits: { maximumAvailable: 2000, restoreRate: 20_000 } }],
  });
  shop = sandbox.shop(SHOP);
  const token = shop.install(["read_orders", "read_all_orders", "read_products", "read_customers", "read_inventory", "read_locations"]).access_token;
  ctx = { shopOrigin: sandbox.shopOrigin(SHOP), accessToken: token, http: new HttpClient({ baseDelayMs: 10 }), buckets: new CostBuckets() };
}, 60_000);
afterAll(() => sandbox?.stop());

async function readAll<K extends RecordKind>(stream: StreamReader<ShopifyContext, K>): Promise<RecordsByKind[K][]> {
  const records: RecordsByKind[K][] = [];
  for (let cursor: string | null = null; ; ) {
    const page = await stream.readPage({ ...ctx, cursor });
    records.push(...page.records);
    cursor = page.nextCursor;
    if (page.done) return records;
  }
}

// Amounts compared as numbers: "59.0" and "59.00" are the same money.
const money = (m: Money | null) => (m ? { amount: Number(m.amount).toFixed(4), currency: m.currency } : null);
const time = (iso: string | null) => (iso === null ? null : new Date(iso).toISOString());

// When a copy was seen is not its content: a delivery's trigger time, a read's request time.
const TRIGGERED = "2026-03-03T08:00:00.417Z";

// What webhook bodies cannot carry, left out so ingest keeps the stored value: the customer's
// journey (marketing source and medium) always, and the channel of an order an app created (REST
// names the app by its id only; GraphQL's channel is the app's name).
const NOT_IN_WEBHOOKS = ["channel", "marketingSource", "marketingMedium"] as const;

// A webhook's coarse fulfillment status stands for the synced one when it leaves it (ingest keeps
// the finer stored value then), and so do the fields it leaves out: compare what the database ends
// up holding.
function comparableOrder(o: OrderRecord, synced?: OrderRecord) {
  const { fulfillmentStatusKeeps: keeps, ...rest } = o;
  const kept = synced?.fulfillmentStatus && keeps?.includes(synced.fulfillmentStatus);
  const stored = Object.fromEntries(NOT_IN_WEBHOOKS.map((field) => [field, o[field] === undefined && synced ? synced[field] : o[field]]));
  return {
    ...rest,
    ...stored,
    fulfillmentStatus: kept ? synced.fulfillmentStatus : o.fulfillmentStatus,
    observedAt: undefined,
    processedAt: time(o.processedAt),
    cancelledAt: time(o.cancelledAt),
    closedAt: time(o.closedAt),
    sourceCreatedAt: time(o.sourceCreatedAt),
    sourceUpdatedAt: time(o.sourceUpdatedAt),
    subtotal: money(o.subtotal),
    totalTax: money(o.totalTax),
    totalDiscounts: money(o.totalDiscounts),
    totalPrice: money(o.totalPrice),
    currentTotalPrice: money(o.currentTotalPrice),
    totalRefunded: money(o.totalRefunded),
    totalShipping: o.totalShipping === undefined ? undefined : money(o.totalShipping),
    // The sandbox's REST line items carry no discount_allocations yet, so the discounted unit
    // price is not in the body (mapped from them when present: rest-mapper.test.ts).
    lineItems: [...o.lineItems]
      .map((l) => ({ ...l, unitPrice: money(l.unitPrice), discountedUnitPrice: undefined }))
      .sort((a, b) => a.externalId.localeCompare(b.externalId)),
    refunds: [...o.refunds]
      .map((r) => ({ ...r, total: money(r.total), sourceCreatedAt: time(r.sourceCreatedAt), lineItems: r.lineItems.map((l) => ({ ...l, subtotal: money(l.subtotal) })) }))
      .sort((a, b) => a.externalId.localeCompare(b.externalId)),
    // Order bodies carry the refunds' transactions only (the rest are kept from what is stored).
    transactions: o.transactions
      .filter((t) => t.kind === "REFUND")
      .map((t) => ({ ...t, amount: money(t.amount), processedAt: time(t.processedAt) }))
      .sort((a, b) => a.externalId.localeCompare(b.externalId)),
  };
}

function comparableCustomer(c: CustomerRecord) {
  // Not in current customer bodies: kept from what is stored.
  return { ...c, observedAt: undefined, numberOfOrders: undefined, amountSpent: undefined, sourceCreatedAt: time(c.sourceCreatedAt), sourceUpdatedAt: time(c.sourceUpdatedAt) };
}

function comparableProduct(p: ProductRecord) {
  return {
    ...p,
    observedAt: undefined,
    sourceCreatedAt: time(p.sourceCreatedAt),
    sourceUpdatedAt: time(p.sourceUpdatedAt),
    variants: [...p.variants]
      .map((v) => ({ ...v, price: money(v.price), compareAtPrice: money(v.compareAtPrice), sourceUpdatedAt: time(v.sourceUpdatedAt) }))
      .sort((a, b) => a.externalId.localeCompare(b.externalId)),
  };
}

describe("REST webhook bodies and Admin GraphQL map to the same records", () => {
  it("orders, refunded and cancelled ones included", async () => {
    const synced = await readAll(shopifyConnector.stream("orders"));
    expect(synced.length).toBe(120);
    expect(synced.some((o) => o.refunds.length > 0)).toBe(true);
    expect(synced.some((o) => o.cancelledAt !== null)).toBe(true);
    expect(synced.some((o) => Number(o.totalShipping?.amount) > 0)).toBe(true);
    expect(synced.some((o) => o.marketingSource !== null)).toBe(true);
    for (const order of synced) {
      const { order: fromWebhook } = mapRestOrder(delivered("orders/updated", order.externalId), TRIGGERED);
      expect(comparableOrder(fromWebhook, order), `order ${order.externalId}`).toEqual(comparableOrder(order));
      expect(fromWebhook.totalShipping, `order ${order.externalId}`).toBeDefined();
      expect([fromWebhook.marketingSource, fromWebhook.marketingMedium]).toEqual([undefined, undefined]);
    }
  });

  it("customers", async () => {
    const synced = await readAll(shopifyConnector.stream("customers"));
    expect(synced.length).toBeGreaterThan(0);
    for (const customer of synced) {
      const { customer: fromWebhook } = mapRestCustomer(delivered("customers/update", customer.externalId), TRIGGERED);
      expect(comparableCustomer(fromWebhook), `customer ${customer.externalId}`).toEqual(comparableCustomer(customer));
    }
  });

  it("products with their variants", async () => {
    const synced = await readAll(shopifyConnector.stream("products"));
    expect(synced.length).toBeGreaterThan(0);
    for (const product of synced) {
      const fromWebhook = mapRestProduct(delivered("products/update", product.externalId), shop.currency, TRIGGERED);
      expect(comparableProduct(fromWebhook), `product ${product.externalId}`).toEqual(comparableProduct(product));
    }
  });
});

describe("one status vocabulary: every REST value maps to the value the GraphQL sync writes", () => {
  // The sync stores displayFinancialStatus and displayFulfillmentStatus as Admin GraphQL gives
  // them; the sandbox's orders never reach some statuses, so every value REST documents for the
  // Order resource is listed here with the GraphQL value of the same status.
  const FINANCIAL: Array<[string, string]> = [
    ["pending", "PENDING"],
    ["authorized", "AUTHORIZED"],
    ["partially_paid", "PARTIALLY_PAID"],
    ["paid", "PAID"],
    ["partially_refunded", "PARTIALLY_REFUNDED"],
    ["refunded", "REFUNDED"],
    ["voided", "VOIDED"],
    // GraphQL's EXPIRED (an authorization not captured in time), lower-cased like the others.
    ["expired", "EXPIRED"],
  ];
  // REST: null while nothing is fulfilled, "partial", "fulfilled", "restocked".
  const FULFILLMENT: Array<[string | null, string]> = [
    [null, "UNFULFILLED"],
    ["partial", "PARTIALLY_FULFILLED"],
    ["fulfilled", "FULFILLED"],
    ["restocked", "RESTOCKED"],
  ];
  const enumValues = (name: string) => (adminSchema().getType(name) as GraphQLEnumType).getValues().map((v) => v.name);
  const mapped = (statuses: { financial_status?: string; fulfillment_status?: string | null }) => {
    const body = { id: 1, name: "#1", currency: "USD", total_price: "1.00", created_at: TRIGGERED, updated_at: TRIGGERED, line_items: [], ...statuses };
    return mapRestOrder(parseShopifyWebhook("orders/updated", JSON.stringify(body)).payload, TRIGGERED).order;
  };

  it("financial_status, into OrderDisplayFinancialStatus of the pinned Admin schema", () => {
    const graphql = enumValues("OrderDisplayFinancialStatus");
    for (const [rest, expected] of FINANCIAL) {
      expect(graphql, rest).toContain(expected);
      expect(mapped({ financial_status: rest }).financialStatus, rest).toBe(expected);
    }
    // Every GraphQL value has its REST spelling above.
    expect(FINANCIAL.map(([, value]) => value).sort()).toEqual([...graphql].sort());
  });

  it("fulfillment_status, into OrderDisplayFulfillmentStatus of the pinned Admin schema", () => {
    const graphql = enumValues("OrderDisplayFulfillmentStatus");
    for (const [rest, expected] of FULFILLMENT) {
      expect(graphql, String(rest)).toContain(expected);
      expect(mapped({ fulfillment_status: rest }).fulfillmentStatus, String(rest)).toBe(expected);
    }
  });

  it("null, which REST sends for every status with nothing fulfilled, leaves the finer one the sync stored", () => {
    const graphql = enumValues("OrderDisplayFulfillmentStatus");
    const keeps = mapped({ fulfillment_status: null }).fulfillmentStatusKeeps ?? [];
    for (const status of keeps) expect(graphql, status).toContain(status);
    const mappedFrom = new Set(FULFILLMENT.map(([, value]) => value));
    // Every GraphQL status is either what some REST value maps to or one a null leaves.
    expect(graphql.filter((status) => !mappedFrom.has(status) && !keeps.includes(status))).toEqual([]);
    for (const [rest] of FULFILLMENT.filter(([value]) => value !== null)) expect(mapped({ fulfillment_status: rest }).fulfillmentStatusKeeps, String(rest)).toBeUndefined();
  });
});
