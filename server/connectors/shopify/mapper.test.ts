import { describe, expect, it } from "vitest";
import { PermanentError } from "../_core/errors";
import { legacyId, mapCustomer, mapDeletionEvent, mapInventoryLevel, mapLocation, mapOrder, mapProduct } from "./mapper";
import {
  CustomersPage,
  InventoryLevelNode,
  LocationNode,
  OrderBulkLine,
  OrdersPage,
  parsePayload,
  ProductsPage,
} from "./types";

const usd = (amount: string) => ({ shopMoney: { amount, currencyCode: "USD" } });

// Shaped like an Admin API 2026-10 response to ORDERS_PAGE (values invented).
const orderNode = {
  id: "gid://shopify/Order/5210499102",
  name: "#1042",
  email: "ana@example.com",
  createdAt: "2026-03-02T10:11:12Z",
  updatedAt: "2026-03-03T08:00:00Z",
  processedAt: "2026-03-02T10:11:10Z",
  cancelledAt: null,
  cancelReason: null,
  closedAt: null,
  displayFinancialStatus: "PARTIALLY_REFUNDED",
  displayFulfillmentStatus: "UNFULFILLED",
  currencyCode: "USD",
  tags: ["vip"],
  test: false,
  customer: { id: "gid://shopify/Customer/191167" },
  subtotalPriceSet: usd("54.00"),
  totalTaxSet: usd("5.00"),
  totalDiscountsSet: usd("0.00"),
  totalPriceSet: usd("59.00"),
  currentTotalPriceSet: usd("34.50"),
  totalRefundedSet: usd("24.50"),
  totalShippingPriceSet: usd("4.95"),
  sourceName: "web",
  app: { name: "Online Store" },
  customerJourneySummary: {
    ready: true,
    lastVisit: { source: "google", sourceType: "AD", utmParameters: { source: "google", medium: "cpc" } },
  },
  // MailingAddress as the 2026-10 schema types it: every part nullable; countryCode is deprecated for countryCodeV2.
  shippingAddress: {
    name: "山田 花子",
    company: null,
    address1: "渋谷区神南1-2-3",
    address2: null,
    city: "東京都",
    province: "Tokyo",
    provinceCode: "JP-13",
    zip: "150-0041",
    country: "Japan",
    countryCodeV2: "JP",
    phone: null,
  },
  billingAddress: null,
  lineItems: {
    pageInfo: { hasNextPage: false, endCursor: "eyJsYXN0X2lkIjoxfQ==" },
    nodes: [
      {
        id: "gid://shopify/LineItem/13661419143",
        sku: "TEE-BLK-M",
        title: "Tee",
        variantTitle: "Black / M",
        quantity: 2,
        currentQuantity: 1,
        product: { id: "gid://shopify/Product/9554194432293" },
        variant: { id: "gid://shopify/ProductVariant/4446" },
        originalUnitPriceSet: usd("24.50"),
        discountedUnitPriceSet: usd("24.50"),
      },
      {
        id: "gid://shopify/LineItem/13661419144",
        sku: "",
        title: "Gift wrap",
        variantTitle: null,
        quantity: 1,
        currentQuantity: 1,
        product: null,
        variant: null,
        originalUnitPriceSet: usd("5.00"),
        discountedUnitPriceSet: usd("5.00"),
      },
    ],
  },
  refunds: [
    {
      id: "gid://shopify/Refund/91",
      note: "Wrong size",
      createdAt: "2026-03-03T08:00:00Z",
      processedAt: "2026-03-03T08:00:00Z",
      totalRefundedSet: usd("24.50"),
      refundLineItems: {
        pageInfo: { hasNextPage: false, endCursor: null },
        nodes: [{ quantity: 1, restockType: "RETURN", lineItem: { id: "gid://shopify/LineItem/13661419143" }, subtotalSet: usd("24.50") }],
      },
    },
  ],
  transactions: [
    {
      id: "gid://shopify/OrderTransaction/55",
      kind: "SALE",
      status: "SUCCESS",
      gateway: "shopify_payments",
      processedAt: "2026-03-02T10:11:11Z",
      parentTransaction: null,
      amountSet: usd("59.00"),
    },
    {
      id: "gid://shopify/OrderTransaction/56",
      kind: "REFUND",
      status: "SUCCESS",
      gateway: "shopify_payments",
      processedAt: "2026-03-03T08:00:00Z",
      parentTransaction: { id: "gid://shopify/OrderTransaction/55" },
      amountSet: usd("24.50"),
    },
  ],
};

describe("legacyId", () => {
  it("takes the numeric id out of a GID, with or without a query suffix", () => {
    expect(legacyId("gid://shopify/Order/5210499102")).toBe("5210499102");
    expect(legacyId("gid://shopify/InventoryLevel/777?inventory_item_id=777")).toBe("777");
    expect(legacyId("191167")).toBe("191167");
    expect(() => legacyId("Order/1")).toThrow(PermanentError);
  });
});

/** When the read was made: the caller's, carried onto every record. */
const READ_AT = "2026-03-03T08:00:05.250Z";

describe("mapOrder", () => {
  it("maps an order page node with its line items, refunds and transactions", () => {
    const page = parsePayload(OrdersPage, { orders: { pageInfo: { hasNextPage: false, endCursor: null }, nodes: [orderNode] } }, "orders page");
    const node = page.orders.nodes[0]!;
    const record = mapOrder({
      ...node,
      lineItems: node.lineItems.nodes,
      refunds: node.refunds.map((r) => ({ ...r, refundLineItems: r.refundLineItems.nodes })),
    }, READ_AT);
    expect(record).toMatchObject({
      externalId: "5210499102",
      name: "#1042",
      customerExternalId: "191167",
      financialStatus: "PARTIALLY_REFUNDED",
      totalPrice: { amount: "59.00", currency: "USD" },
      currentTotalPrice: { amount: "34.50", currency: "USD" },
      totalRefunded: { amount: "24.50", currency: "USD" },
      totalShipping: { amount: "4.95", currency: "USD" },
      channel: "Online Store",
      marketingSource: "google",
      marketingMedium: "cpc",
      sourceUpdatedAt: "2026-03-03T08:00:00Z",
      observedAt: READ_AT,
    });
    expect(record.lineItems).toEqual([
      {
        externalId: "13661419143",
        productExternalId: "9554194432293",
        variantExternalId: "4446",
        sku: "TEE-BLK-M",
        title: "Tee",
        variantTitle: "Black / M",
        quantity: 2,
        currentQuantity: 1,
        unitPrice: { amount: "24.50", currency: "USD" },
        discountedUnitPrice: { amount: "24.50", currency: "USD" },
      },
      // A custom line item: no product or variant, empty SKU normalized to null.
      expect.objectContaining({ externalId: "13661419144", productExternalId: null, variantExternalId: null, sku: null }),
    ]);
    expect(record.refunds).toEqual([
      {
        externalId: "91",
        note: "Wrong size",
        total: { amount: "24.50", currency: "USD" },
        sourceCreatedAt: "2026-03-03T08:00:00Z",
        lineItems: [{ lineItemExternalId: "13661419143", quantity: 1, restockType: "RETURN", subtotal: { amount: "24.50", currency: "USD" } }],
      },
    ]);
    expect(record.transactions.map((t) => [t.externalId, t.parentExternalId, t.kind, t.amount.amount])).toEqual([
      ["55", null, "SALE", "59.00"],
      ["56", "55", "REFUND", "24.50"],
    ]);
  });

  it("reads the order line of a bulk file (children arrive as separate lines)", () => {
    const { lineItems: _lineItems, refunds, ...scalars } = orderNode;
    const line = parsePayload(OrderBulkLine, { ...scalars, refunds: refunds.map(({ refundLineItems: _r, ...r }) => r) }, "bulk order");
    const record = mapOrder({ ...line, lineItems: [], refunds: line.refunds.map((r) => ({ ...r, refundLineItems: [] })) }, READ_AT);
    expect(record.externalId).toBe("5210499102");
    expect(record.refunds[0]!.lineItems).toEqual([]);
  });

  it("takes the channel from the app, else sourceName, and source/medium from the UTM parameters, else the visit", () => {
    const attribution = (overrides: object) => {
      const { lineItems: _lineItems, refunds: _refunds, ...scalars } = orderNode;
      const line = parsePayload(OrderBulkLine, { ...scalars, refunds: [], ...overrides }, "bulk order");
      const { channel, marketingSource, marketingMedium } = mapOrder({ ...line, lineItems: [], refunds: [] }, READ_AT);
      return { channel, marketingSource, marketingMedium };
    };
    const visit = (utmParameters: object | null) => ({ source: "google", sourceType: "SEO", utmParameters });

    expect(attribution({ app: null, sourceName: "pos", customerJourneySummary: null })).toEqual({ channel: "pos", marketingSource: null, marketingMedium: null });
    // Organic search: no UTM parameters, so the visit's own source and its tactic, lower-cased.
    expect(attribution({ customerJourneySummary: { ready: true, lastVisit: visit(null) } })).toEqual({ channel: "Online Store", marketingSource: "google", marketingMedium: "seo" });
    // UTM parameters win, each on its own: a link tagged with a source only keeps the visit's tactic.
    expect(attribution({ customerJourneySummary: { ready: true, lastVisit: visit({ source: "newsletter", medium: null }) } })).toMatchObject({ marketingSource: "newsletter", marketingMedium: "seo" });
    // A direct visit: Shopify recorded no journey.
    expect(attribution({ customerJourneySummary: { ready: true, lastVisit: null } })).toMatchObject({ marketingSource: null, marketingMedium: null });
    // Not attributed yet: unknown rather than none, so left out (ingest keeps what it has).
    expect(attribution({ customerJourneySummary: { ready: false, lastVisit: null } })).toEqual({ channel: "Online Store", marketingSource: undefined, marketingMedium: undefined });
  });

  it("reads the addresses' parts, nulls kept; no address (a digital order's shipping) and one of blank parts are none", () => {
    const addresses = (overrides: object) => {
      const { lineItems: _lineItems, refunds: _refunds, ...scalars } = orderNode;
      const line = parsePayload(OrderBulkLine, { ...scalars, refunds: [], ...overrides }, "bulk order");
      const { shippingAddress, billingAddress } = mapOrder({ ...line, lineItems: [], refunds: [] }, READ_AT);
      return { shippingAddress, billingAddress };
    };
    const blank = Object.fromEntries(Object.keys(orderNode.shippingAddress).map((key) => [key, key === "name" ? " " : null]));

    expect(addresses({})).toEqual({
      shippingAddress: {
        name: "山田 花子",
        company: null,
        address1: "渋谷区神南1-2-3",
        address2: null,
        city: "東京都",
        province: "Tokyo",
        provinceCode: "JP-13",
        zip: "150-0041",
        country: "Japan",
        countryCode: "JP",
        phone: null,
      },
      billingAddress: null,
    });
    expect(addresses({ shippingAddress: null, billingAddress: blank })).toEqual({ shippingAddress: null, billingAddress: null });
  });

  it("turns a malformed payload into a PermanentError that names the field", () => {
    const broken = { orders: { pageInfo: { hasNextPage: false, endCursor: null }, nodes: [{ ...orderNode, totalPriceSet: null }] } };
    expect(() => parsePayload(OrdersPage, broken, "orders page")).toThrow(PermanentError);
    expect(() => parsePayload(OrdersPage, broken, "orders page")).toThrow(/totalPriceSet/);
  });
});

describe("mapCustomer", () => {
  it("uses the default email address and phone number, and reads UnsignedInt64 counts", () => {
    const page = parsePayload(
      CustomersPage,
      {
        customers: {
          pageInfo: { hasNextPage: false, endCursor: null },
          nodes: [
            {
              id: "gid://shopify/Customer/191167",
              firstName: "Ana",
              lastName: "Lima",
              state: "ENABLED",
              tags: [],
              numberOfOrders: "12",
              createdAt: "2025-01-01T00:00:00Z",
              updatedAt: "2026-03-03T08:00:00Z",
              amountSpent: { amount: "410.20", currencyCode: "USD" },
              defaultEmailAddress: { emailAddress: "ana@example.com" },
              defaultPhoneNumber: null,
            },
          ],
        },
      },
      "customers page",
    );
    expect(mapCustomer(page.customers.nodes[0]!, READ_AT)).toEqual({
      externalId: "191167",
      email: "ana@example.com",
      firstName: "Ana",
      lastName: "Lima",
      phone: null,
      state: "ENABLED",
      tags: [],
      numberOfOrders: 12,
      amountSpent: { amount: "410.20", currency: "USD" },
      sourceCreatedAt: "2025-01-01T00:00:00Z",
      sourceUpdatedAt: "2026-03-03T08:00:00Z",
      observedAt: READ_AT,
    });
  });
});

describe("mapProduct", () => {
  it("prices variants in the shop currency", () => {
    const page = parsePayload(
      ProductsPage,
      {
        shop: { currencyCode: "EUR" },
        products: {
          pageInfo: { hasNextPage: false, endCursor: null },
          nodes: [
            {
              id: "gid://shopify/Product/9554194432293",
              title: "Tee",
              handle: "tee",
              vendor: "Acme",
              productType: "",
              status: "ACTIVE",
              tags: ["summer"],
              createdAt: "2026-01-01T00:00:00Z",
              updatedAt: "2026-03-01T09:00:00Z",
              variants: {
                pageInfo: { hasNextPage: false, endCursor: null },
                nodes: [
                  {
                    id: "gid://shopify/ProductVariant/4446",
                    title: "Black / M",
                    sku: "TEE-BLK-M",
                    barcode: null,
                    price: "24.50",
                    compareAtPrice: "29.00",
                    position: 1,
                    updatedAt: "2026-03-01T09:00:00Z",
                    inventoryItem: { id: "gid://shopify/InventoryItem/777" },
                  },
                ],
              },
            },
          ],
        },
      },
      "products page",
    );
    const node = page.products.nodes[0]!;
    const record = mapProduct(node, node.variants.nodes, page.shop.currencyCode, READ_AT);
    expect(record).toMatchObject({ externalId: "9554194432293", productType: null, status: "ACTIVE", tags: ["summer"], observedAt: READ_AT, variantsComplete: true });
    expect(record.variants).toEqual([
      {
        externalId: "4446",
        inventoryItemExternalId: "777",
        title: "Black / M",
        sku: "TEE-BLK-M",
        barcode: null,
        price: { amount: "24.50", currency: "EUR" },
        compareAtPrice: { amount: "29.00", currency: "EUR" },
        position: 1,
        sourceUpdatedAt: "2026-03-01T09:00:00Z",
      },
    ]);
  });
});

describe("locations, inventory and deletions", () => {
  it("maps a location", () => {
    const node = parsePayload(
      LocationNode,
      {
        id: "gid://shopify/Location/61",
        name: "Main WH",
        isActive: true,
        fulfillsOnlineOrders: true,
        updatedAt: "2026-01-05T00:00:00Z",
        address: { address1: "1 Dock Rd", city: "Leeds", countryCode: "GB", zip: "LS1 1AA" },
      },
      "location",
    );
    expect(mapLocation(node, READ_AT)).toEqual({
      externalId: "61",
      name: "Main WH",
      isActive: true,
      fulfillsOnlineOrders: true,
      address: { address1: "1 Dock Rd", city: "Leeds", countryCode: "GB", zip: "LS1 1AA" },
      sourceUpdatedAt: "2026-01-05T00:00:00Z",
      observedAt: READ_AT,
    });
  });

  it("maps the four inventory quantities, whatever their order", () => {
    const node = parsePayload(
      InventoryLevelNode,
      {
        updatedAt: "2026-03-03T08:00:00Z",
        item: { id: "gid://shopify/InventoryItem/777" },
        location: { id: "gid://shopify/Location/61" },
        quantities: [
          { name: "on_hand", quantity: 17 },
          { name: "available", quantity: 14 },
          { name: "incoming", quantity: 0 },
          { name: "committed", quantity: 3 },
        ],
      },
      "inventory level",
    );
    expect(mapInventoryLevel(node, READ_AT)).toEqual({
      inventoryItemExternalId: "777",
      locationExternalId: "61",
      available: 14,
      onHand: 17,
      committed: 3,
      incoming: 0,
      sourceUpdatedAt: "2026-03-03T08:00:00Z",
      observedAt: READ_AT,
    });
    expect(() => mapInventoryLevel({ ...node, quantities: node.quantities.filter((q) => q.name !== "available") }, READ_AT)).toThrow(/"available"/);
  });

  it("maps deletions of stored resources and ignores the rest", () => {
    expect(mapDeletionEvent({ subjectType: "PRODUCT", subjectId: "9554194432293", occurredAt: "2026-03-04T00:00:00Z" })).toEqual({
      resource: "product",
      externalId: "9554194432293",
      occurredAt: "2026-03-04T00:00:00Z",
    });
    expect(mapDeletionEvent({ subjectType: "COLLECTION", subjectId: "1", occurredAt: "2026-03-04T00:00:00Z" })).toBeNull();
  });
});
