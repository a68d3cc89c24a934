import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startShopifySandbox, type SandboxShop, type ShopifySandbox, type WebhookTopic } from "@/dev/sandbox/shopify";
import { PermanentError } from "../_core/errors";
import {
  mapRestCustomer,
  mapRestCustomerRedact,
  mapRestDataRequest,
  mapRestDeletion,
  mapRestInventoryLevel,
  mapRestOrder,
  mapRestProduct,
} from "./rest-mapper";
import { parseShopifyWebhook, type ShopifyWebhookTopic } from "./webhook-topics";

// The bodies come from the sandbox's real deliveries (captured off the wire), and the expected
// values from the sandbox record they were serialized from: what the GraphQL side reads too.
const SHOP = "rest-mapper.myshopify.com";
let sandbox: ShopifySandbox;
let shop: SandboxShop;
let capture: Server;
const bodies: string[] = [];

beforeAll(async () => {
  capture = createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk) => (raw += chunk));
    req.on("end", () => {
      bodies.push(raw);
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => capture.listen(0, "127.0.0.1", resolve));
  const target = `http://127.0.0.1:${(capture.address() as AddressInfo).port}/hooks`;
  sandbox = await startShopifySandbox({ apiKey: "k", apiSecret: "s", webhookTarget: target, shops: [{ domain: SHOP, volume: { orders: 300 } }] });
  shop = sandbox.shop(SHOP);
});

afterAll(async () => {
  await sandbox.stop();
  capture.closeAllConnections();
  await new Promise<void>((resolve) => capture.close(() => resolve()));
});

/** A body as its topic's schema reads it: what the mappers are given, at intake and processing alike. */
const read = <T extends ShopifyWebhookTopic>(topic: T, body: unknown) => parseShopifyWebhook(topic, JSON.stringify(body)).payload;

async function delivered<T extends ShopifyWebhookTopic & WebhookTopic>(topic: T, opts: Parameters<SandboxShop["sendWebhook"]>[1]) {
  bodies.length = 0;
  const [delivery] = await shop.sendWebhook(topic, opts);
  expect(delivery!.status).toBe(200);
  return parseShopifyWebhook(topic, bodies[0]!).payload;
}

const cents = (amount: string) => Math.round(Number(amount) * 100);
// Shopify's timestamps have one-second resolution.
const iso = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString();
/** When a delivery was triggered (its X-Shopify-Triggered-At): the caller's, carried onto the record. */
const TRIGGERED = "2026-03-03T08:00:00.417Z";

describe("mapRestOrder (sandbox deliveries)", () => {
  it("maps a refunded order with its line items, refunds and refund transactions in shop money", async () => {
    const summary = shop.store.orders.summaries().find((s) => s.financialStatus === "PARTIALLY_REFUNDED")!;
    const source = shop.store.orders.get(summary.id)!;
    const { order, transactionsComplete } = mapRestOrder(await delivered("orders/updated", { id: source.id }), TRIGGERED);

    expect(order).toMatchObject({
      externalId: String(source.id),
      name: source.name,
      email: source.email,
      customerExternalId: source.customerId === null ? null : String(source.customerId),
      financialStatus: "PARTIALLY_REFUNDED",
      fulfillmentStatus: source.fulfillmentStatus,
      currency: "USD",
      totalPrice: { amount: source.totalPrice, currency: "USD" },
      currentTotalPrice: { amount: source.currentTotalPrice, currency: "USD" },
      subtotal: { amount: source.subtotal, currency: "USD" },
      totalShipping: { amount: source.totalShipping, currency: "USD" },
      sourceUpdatedAt: iso(source.updatedAt),
      sourceCreatedAt: iso(source.createdAt),
      processedAt: iso(source.processedAt),
      tags: source.tags,
      observedAt: TRIGGERED,
    });
    expect(cents(order.totalRefunded!.amount)).toBe(cents(source.totalRefunded));
    expect(order.lineItems.map((l) => [l.externalId, l.quantity, l.currentQuantity, l.unitPrice.amount, l.variantExternalId])).toEqual(
      source.lineItems.map((l) => [String(l.id), l.quantity, l.currentQuantity, l.unitPrice, String(l.variantId)]),
    );
    expect(order.refunds).toHaveLength(source.refunds.length);
    const [refund] = order.refunds;
    expect(cents(refund!.total.amount)).toBe(cents(source.refunds[0]!.total));
    expect(refund!.lineItems).toEqual(
      source.refunds[0]!.lineItems.map((l) => ({
        lineItemExternalId: String(l.lineItemId),
        quantity: l.quantity,
        restockType: l.restockType,
        subtotal: { amount: l.subtotal, currency: "USD" },
      })),
    );
    // Order webhooks carry the refunds' transactions only: the sale stays what is stored.
    expect(transactionsComplete).toBe(false);
    expect(order.transactions.map((t) => [t.kind, t.status])).toEqual([["REFUND", "SUCCESS"]]);
    const sale = source.transactions.find((t) => t.kind === "SALE")!;
    expect(order.transactions[0]!.parentExternalId).toBe(String(sale.id));
  });

  it("maps an order without refunds: nothing refunded, no transactions", async () => {
    const summary = shop.store.orders.summaries().find((s) => s.financialStatus === "PAID" && s.status === "open")!;
    const { order } = mapRestOrder(await delivered("orders/create", { id: summary.id }), TRIGGERED);
    expect(order.refunds).toEqual([]);
    expect(order.transactions).toEqual([]);
    expect(order.totalRefunded).toEqual({ amount: "0.00", currency: "USD" });
    expect(order.cancelledAt).toBeNull();
  });

  it("maps a cancelled order's time and reason to GraphQL's values", async () => {
    const id = shop.store.orders.summaries().find((s) => s.status === "open")!.id;
    const cancelled = shop.store.cancelOrder(id);
    const { order } = mapRestOrder(await delivered("orders/cancelled", { id }), TRIGGERED);
    expect(order.cancelledAt).toBe(iso(cancelled.cancelledAt!));
    expect(order.cancelReason).toBe("CUSTOMER");
    expect(order.sourceUpdatedAt).toBe(iso(cancelled.updatedAt));
  });
});

describe("mapRestOrder (Shopify's own payload shape)", () => {
  // Shaped like a real orders/updated body of a multi-currency shop: *_set bags, numeric refund
  // line subtotals, discount allocations, offset timestamps. Values invented.
  const bag = (shop: string, presentment: string) => ({ shop_money: { amount: shop, currency_code: "USD" }, presentment_money: { amount: presentment, currency_code: "EUR" } });
  const payload = {
    id: 5210499102123,
    admin_graphql_api_id: "gid://shopify/Order/5210499102123",
    name: "#9999",
    email: "jon@example.com",
    created_at: "2026-03-02T05:11:12-05:00",
    updated_at: "2026-03-03T03:00:00-05:00",
    processed_at: "2026-03-02T05:11:10-05:00",
    cancelled_at: null,
    cancel_reason: null,
    closed_at: null,
    currency: "USD",
    presentment_currency: "EUR",
    financial_status: "partially_refunded",
    fulfillment_status: "partial",
    subtotal_price: "90.00",
    subtotal_price_set: bag("90.00", "82.00"),
    total_tax: "9.00",
    total_tax_set: bag("9.00", "8.20"),
    total_discounts: "10.00",
    total_discounts_set: bag("10.00", "9.10"),
    total_price: "99.00",
    total_price_set: bag("99.00", "90.20"),
    current_total_price: "77.00",
    current_total_price_set: bag("77.00", "70.10"),
    tags: "vip, wholesale",
    test: false,
    customer: { id: 7391029470001, email: "jon@example.com" },
    line_items: [
      {
        id: 13822108123456,
        product_id: 632910392,
        variant_id: 808950810,
        sku: "",
        title: "IPod Nano - 8GB",
        variant_title: "",
        quantity: 3,
        current_quantity: 2,
        price: "33.33",
        price_set: bag("33.33", "30.30"),
        discount_allocations: [{ amount: "10.00", amount_set: bag("10.00", "9.10"), discount_application_index: 0 }],
      },
    ],
    refunds: [
      {
        id: 509562969,
        created_at: "2026-03-03T03:00:00-05:00",
        note: "it broke during shipping",
        refund_line_items: [
          { id: 104689539, line_item_id: 13822108123456, quantity: 1, restock_type: "return", subtotal: 20, subtotal_set: bag("20.00", "18.20"), total_tax: 2, total_tax_set: bag("2.00", "1.82") },
        ],
        transactions: [
          { id: 179259969, kind: "refund", status: "success", gateway: "bogus", amount: "20.02", currency: "EUR", parent_id: 801038806, processed_at: "2026-03-03T03:00:00-05:00" },
        ],
      },
    ],
  };

  it("takes shop money from the *_set bags, normalizes enums, times and empty strings", () => {
    const { order } = mapRestOrder(read("orders/updated", payload), TRIGGERED);
    expect(order).toMatchObject({
      externalId: "5210499102123",
      customerExternalId: "7391029470001",
      financialStatus: "PARTIALLY_REFUNDED",
      fulfillmentStatus: "PARTIALLY_FULFILLED",
      totalPrice: { amount: "99.00", currency: "USD" },
      tags: ["vip", "wholesale"],
      sourceCreatedAt: "2026-03-02T10:11:12.000Z",
      sourceUpdatedAt: "2026-03-03T08:00:00.000Z",
    });
    expect(order.lineItems[0]).toMatchObject({
      sku: null,
      variantTitle: null,
      unitPrice: { amount: "33.33", currency: "USD" },
      // 10.00 of discount over 3 units.
      discountedUnitPrice: { amount: "29.9967", currency: "USD" },
    });
    // The refund was paid in EUR: its shop-money total is the refunded lines plus their tax.
    expect(order.refunds[0]).toMatchObject({ total: { amount: "22.00", currency: "USD" }, lineItems: [{ restockType: "RETURN", subtotal: { amount: "20.00", currency: "USD" } }] });
    expect(order.totalRefunded).toEqual({ amount: "22.00", currency: "USD" });
  });

  it("never stores a transaction's presentment amount as its amount: one paid in another currency is left to the sync", () => {
    // 20.02 EUR has no shop-money figure in a REST body; the sync stores its amountSet.shopMoney.
    const { order, transactionsComplete } = mapRestOrder(read("orders/updated", payload), TRIGGERED);
    expect(order.transactions).toEqual([]);
    expect(transactionsComplete).toBe(false);

    // Without a currency of its own, a transaction is in the order's presentment currency.
    const sale = { id: 801038806, kind: "sale", status: "success", gateway: "bogus", amount: "90.20", processed_at: null };
    const withSale = mapRestOrder(read("orders/updated", { ...payload, transactions: [sale] }), TRIGGERED);
    expect([withSale.order.transactions, withSale.transactionsComplete]).toEqual([[], false]);
  });

  it("says the transactions are complete when the payload lists the order's own, all in shop money", () => {
    const usd = { ...payload, presentment_currency: "USD", refunds: payload.refunds.map((r) => ({ ...r, transactions: r.transactions.map((t) => ({ ...t, currency: "USD" })) })) };
    const withTransactions = { ...usd, transactions: [{ id: 801038806, kind: "sale", status: "success", gateway: "bogus", amount: "99.00", processed_at: null }] };
    const { order, transactionsComplete } = mapRestOrder(read("orders/updated", withTransactions), TRIGGERED);
    expect(transactionsComplete).toBe(true);
    expect(order.transactions).toEqual([
      { externalId: "801038806", parentExternalId: null, kind: "SALE", status: "SUCCESS", gateway: "bogus", amount: { amount: "99.00", currency: "USD" }, processedAt: null },
      {
        externalId: "179259969",
        parentExternalId: "801038806",
        kind: "REFUND",
        status: "SUCCESS",
        gateway: "bogus",
        amount: { amount: "20.02", currency: "USD" },
        processedAt: "2026-03-03T08:00:00.000Z",
      },
    ]);
    // Paid in the shop's currency, the refund's total is the money it returned.
    expect(order.refunds[0]!.total).toEqual({ amount: "20.02", currency: "USD" });
  });

  it("reads shipping and, for an order no app created, the channel (Shopify's example: source_name web); never the journey", () => {
    const example = readFileSync(path.join(process.cwd(), "server/connectors/shopify/fixtures/webhooks/orders/create.json"), "utf8");
    const { order } = mapRestOrder(parseShopifyWebhook("orders/create", example).payload, TRIGGERED);
    expect(order).toMatchObject({ totalShipping: { amount: "10.00", currency: "USD" }, channel: "web" });
    // Left out, not null: ingest keeps what the sync stored.
    expect(["marketingSource" in order, "marketingMedium" in order]).toEqual([false, false]);

    // REST names the creating app by id only (GraphQL's channel is its name); this body has no shipping bag either.
    const byApp = mapRestOrder(read("orders/updated", { ...payload, app_id: 580111, source_name: "web" }), TRIGGERED).order;
    expect(["channel" in byApp, "totalShipping" in byApp]).toEqual([false, false]);
  });

  it("reads the addresses of Shopify's example (nulls kept, coordinates not read); a body without one leaves it out, null is none", () => {
    const example = readFileSync(path.join(process.cwd(), "server/connectors/shopify/fixtures/webhooks/orders/create.json"), "utf8");
    const { order } = mapRestOrder(parseShopifyWebhook("orders/create", example).payload, TRIGGERED);
    const steve = {
      name: "Steve Shipper",
      company: "Shipping Company",
      address1: "123 Shipping Street",
      address2: null,
      city: "Shippington",
      province: "Kentucky",
      provinceCode: "KY",
      zip: "40003",
      country: "United States",
      countryCode: "US",
      phone: "555-555-SHIP",
    };
    expect([order.shippingAddress, order.billingAddress]).toEqual([steve, steve]);

    // Left out, not null, where the body has no such key: ingest keeps what the sync stored.
    const without = mapRestOrder(read("orders/updated", payload), TRIGGERED).order;
    expect(["shippingAddress" in without, "billingAddress" in without]).toEqual([false, false]);
    // An address of empty strings is none, as REST writes "none".
    const empty = { name: "", address1: "", city: "", country: "", country_code: "" };
    const none = mapRestOrder(read("orders/updated", { ...payload, shipping_address: null, billing_address: empty }), TRIGGERED).order;
    expect([none.shippingAddress, none.billingAddress]).toEqual([null, null]);
  });

  it("refuses a malformed body with a PermanentError naming the field", () => {
    expect(() => mapRestOrder(read("orders/updated", { ...payload, line_items: [{ ...payload.line_items[0], quantity: "three" }] }), TRIGGERED)).toThrow(PermanentError);
    expect(() => mapRestOrder(read("orders/updated", { ...payload, updated_at: "yesterday" }), TRIGGERED)).toThrow(/updated_at: not a date-time/);
    expect(() => mapRestOrder(read("orders/updated", "not an order"), TRIGGERED)).toThrow(/Malformed Shopify order webhook payload/);
  });
});

describe("products, customers, inventory, deletions (sandbox deliveries)", () => {
  it("maps a product with all its variants, prices in the shop's currency", async () => {
    const source = shop.store.products.get(shop.store.products.summaries()[0]!.id)!;
    const product = mapRestProduct(await delivered("products/update", { id: source.id }), "USD", TRIGGERED);
    expect(product).toMatchObject({
      externalId: String(source.id),
      title: source.title,
      handle: source.handle,
      status: source.status,
      sourceUpdatedAt: iso(source.updatedAt),
      observedAt: TRIGGERED,
      variantsComplete: true,
    });
    expect(product.variants.map((v) => [v.externalId, v.inventoryItemExternalId, v.price, v.position, v.sku])).toEqual(
      source.variants.map((v) => [String(v.id), String(v.inventoryItemId), { amount: v.price, currency: "USD" }, v.position, v.sku]),
    );
  });

  it("says whether a product payload carries every variant: all of variant_gids, or under 100 without it", () => {
    const variant = (id: number) => ({ id, title: `V${id}`, sku: null, barcode: null, price: "1.00", updated_at: "2026-03-03T08:00:00Z" });
    const gid = (id: number) => ({ admin_graphql_api_id: `gid://shopify/ProductVariant/${id}`, updated_at: "2026-03-03T08:00:00Z" });
    const ids = Array.from({ length: 150 }, (_, i) => 4_000_000 + i);
    const product = { id: 7, title: "Tee", status: "active", created_at: "2026-01-01T00:00:00Z", updated_at: "2026-03-03T08:00:00Z" };
    const complete = (body: object) => mapRestProduct(read("products/update", { ...product, ...body }), "USD", TRIGGERED).variantsComplete;
    // Shopify since 2024-04: the first 100 in full, every id in variant_gids.
    expect(complete({ variants: ids.slice(0, 100).map(variant), variant_gids: ids.map(gid) })).toBe(false);
    expect(complete({ variants: ids.map(variant), variant_gids: ids.map(gid) })).toBe(true);
    expect(complete({ variants: ids.slice(0, 3).map(variant), variant_gids: ids.slice(0, 3).map(gid) })).toBe(true);
    // Older versions send no variant_gids and at most 100 variants: 100 may be a cut list.
    expect(complete({ variants: ids.slice(0, 99).map(variant) })).toBe(true);
    expect(complete({ variants: ids.slice(0, 100).map(variant) })).toBe(false);
  });

  it("maps a customer; without orders_count and total_spent it says the stats are absent", async () => {
    const source = shop.store.customers.get(shop.store.customers.summaries()[0]!.id)!;
    const { customer, hasOrderStats } = mapRestCustomer(await delivered("customers/update", { id: source.id }), TRIGGERED);
    expect(customer).toEqual({
      externalId: String(source.id),
      email: source.email,
      firstName: source.firstName,
      lastName: source.lastName,
      phone: source.phone,
      state: source.state,
      tags: source.tags,
      numberOfOrders: null,
      amountSpent: null,
      sourceCreatedAt: iso(source.createdAt),
      sourceUpdatedAt: iso(source.updatedAt),
      observedAt: TRIGGERED,
    });
    expect(hasOrderStats).toBe(false);
    const older = mapRestCustomer(
      read("customers/update", { id: 1, created_at: "2020-01-01T00:00:00Z", updated_at: "2020-01-01T00:00:00Z", orders_count: 3, total_spent: "12.50", currency: "CAD" }),
      TRIGGERED,
    );
    expect(older).toMatchObject({ hasOrderStats: true, customer: { numberOfOrders: 3, amountSpent: { amount: "12.50", currency: "CAD" } } });
  });

  it("maps an inventory level update to its available quantity only", async () => {
    const variant = shop.store.variants()[0]!;
    const location = shop.store.locations[0]!;
    const level = shop.store.inventoryLevel(variant.inventoryItemId, location.id)!;
    expect(mapRestInventoryLevel(await delivered("inventory_levels/update", { inventoryItemId: variant.inventoryItemId, locationId: location.id }), TRIGGERED)).toEqual({
      inventoryItemExternalId: String(variant.inventoryItemId),
      locationExternalId: String(location.id),
      available: level.quantities.available,
      sourceUpdatedAt: iso(level.updatedAt),
      observedAt: TRIGGERED,
    });
  });

  it("maps products/delete, orders/delete and customers/delete with the time they were received", async () => {
    const at = "2026-03-03T08:00:00Z";
    expect(mapRestDeletion("product", await delivered("products/delete", { id: 42 }), at)).toEqual({ resource: "product", externalId: "42", occurredAt: "2026-03-03T08:00:00.000Z" });
    expect(mapRestDeletion("order", await delivered("orders/delete", { id: 43 }), at)).toEqual({ resource: "order", externalId: "43", occurredAt: "2026-03-03T08:00:00.000Z" });
    expect(mapRestDeletion("customer", await delivered("customers/delete", { id: 44 }), at)).toEqual({ resource: "customer", externalId: "44", occurredAt: "2026-03-03T08:00:00.000Z" });
    expect(() => mapRestDeletion("order", read("orders/delete", { id: "gid://shopify/Order/43" }), at)).toThrow(/Malformed Shopify orders\/delete webhook payload: id/);
  });

  it("reads the compliance payloads' customer and orders", async () => {
    const summary = shop.store.orders.summaries().find((s) => s.customerId !== null)!;
    const customerId = summary.customerId!;
    const orders = shop.store.orders
      .summaries()
      .filter((s) => s.customerId === customerId)
      .map((s) => String(s.id));
    const request = mapRestDataRequest(await delivered("customers/data_request", { id: customerId }));
    expect(request).toMatchObject({ customerExternalId: String(customerId), orderExternalIds: orders });
    expect(request.dataRequestId).toMatch(/^\d+$/);
    expect(mapRestCustomerRedact(await delivered("customers/redact", { id: customerId }))).toEqual({ customerExternalId: String(customerId), orderExternalIds: orders });
    expect(() => mapRestCustomerRedact(read("customers/redact", { customer: {} }))).toThrow(PermanentError);
  });
});
