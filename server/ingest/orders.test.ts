import { describe, expect, it } from "vitest";
import {
  addressRecord,
  at,
  buildCommerceScope,
  lineItemRecord,
  orderRecord,
  refundRecord,
  transactionRecord,
} from "@/prisma/factories/commerce";
import { buildConnection } from "@/prisma/factories/connections";
import { db } from "@/server/db";
import { ingestOrders } from "./orders";
import { IngestRecordError, type IngestScope } from "./shared";

async function stored(scope: IngestScope, externalId: string) {
  const order = await db.order.findUnique({
    where: { workspaceId_connectionId_externalId: { ...scope, externalId } },
    include: {
      lineItems: { orderBy: { externalId: "asc" } },
      refunds: { orderBy: { externalId: "asc" } },
      transactions: { orderBy: { externalId: "asc" } },
    },
  });
  return order;
}

async function rowCounts(scope: IngestScope) {
  const where = { workspaceId: scope.workspaceId, connectionId: scope.connectionId };
  return {
    orders: await db.order.count({ where }),
    lineItems: await db.orderLineItem.count({ where }),
    refunds: await db.refund.count({ where }),
    transactions: await db.orderTransaction.count({ where }),
  };
}

describe("ingestOrders", () => {
  it("inserts orders with their line items, refunds and transactions", async () => {
    const scope = await buildCommerceScope();
    const first = orderRecord("1001", {
      name: "#SO-1001",
      email: "Ada@Example.COM",
      processedAt: null,
      sourceCreatedAt: at(-60),
      refunds: [
        refundRecord("r1", {
          note: "damaged",
          lineItems: [{ lineItemExternalId: "1001-1", quantity: 1, restockType: "RETURN", subtotal: { amount: "9.50", currency: "USD" } }],
        }),
      ],
    });
    const counts = await ingestOrders(scope, [first, orderRecord("1002", {}, 3)]);

    expect(counts).toEqual({ read: 2, inserted: 2, updated: 0, unchanged: 0, deleted: 0, childrenWritten: 2 + 3 + 1 + 2, childrenRemoved: 0 });
    const order = await stored(scope, "1001");
    expect(order).toMatchObject({
      name: "#SO-1001",
      nameLower: "#so-1001",
      email: "Ada@Example.COM",
      emailLower: "ada@example.com",
      customerExternalId: "customer-1001",
      currency: "USD",
      tags: ["web"],
      test: false,
      sourceHash: expect.any(String),
      deletedAt: null,
      redactedAt: null,
    });
    expect(order!.id).toMatch(/^c[a-z0-9]{24}$/);
    expect(order!.totalPrice.toString()).toBe("19");
    expect(order!.totalDiscounts!.toFixed(2)).toBe("1.00");
    // No processing time: the creation time stands in, so keyset pagination never meets NULL.
    expect(order!.processedAt.toISOString()).toBe(at(-60));
    expect(order!.lineItems.map((l) => [l.externalId, l.quantity, l.unitPrice.toFixed(4), l.discountedUnitPrice.toFixed(4), l.currency])).toEqual([
      ["1001-1", 2, "10.0000", "9.5000", "USD"],
      ["1001-2", 2, "10.0000", "9.5000", "USD"],
    ]);
    expect(order!.refunds).toMatchObject([
      { externalId: "r1", note: "damaged", currency: "USD", lineItems: [{ lineItemExternalId: "1001-1", quantity: 1, restockType: "RETURN", subtotal: { amount: "9.50", currency: "USD" } }] },
    ]);
    expect(order!.transactions).toMatchObject([{ externalId: "1001-t1", kind: "SALE", status: "SUCCESS", currency: "USD" }]);
    expect(await rowCounts(scope)).toEqual({ orders: 2, lineItems: 5, refunds: 1, transactions: 2 });
  });

  it("writes nothing for a replay of the stored copy and counts it unchanged", async () => {
    const scope = await buildCommerceScope();
    await ingestOrders(scope, [orderRecord("1"), orderRecord("2")]);
    const before = await stored(scope, "1");

    const counts = await ingestOrders(scope, [orderRecord("1"), orderRecord("2")]);

    expect(counts).toMatchObject({ read: 2, inserted: 0, updated: 0, unchanged: 2, childrenWritten: 0, childrenRemoved: 0 });
    expect(await stored(scope, "1")).toEqual(before);
  });

  it("replaces an updated order's children exactly: changed, added and removed line items, refunds, transactions", async () => {
    const scope = await buildCommerceScope();
    await ingestOrders(scope, [orderRecord("1", {}, 3), orderRecord("2")]);
    const before = await stored(scope, "1");

    const updated = orderRecord("1", {
      sourceUpdatedAt: at(60),
      financialStatus: "PARTIALLY_REFUNDED",
      lineItems: [lineItemRecord("1-1", { currentQuantity: 1 }), lineItemRecord("1-3"), lineItemRecord("1-4", { title: "Added later" })],
      refunds: [refundRecord("r1")],
      transactions: [transactionRecord("1-t2", { kind: "REFUND" })],
    });
    const counts = await ingestOrders(scope, [updated]);

    expect(counts).toMatchObject({ read: 1, inserted: 0, updated: 1, unchanged: 0, childrenWritten: 5, childrenRemoved: 2 });
    const after = await stored(scope, "1");
    expect(after!.id).toBe(before!.id);
    expect(after!.financialStatus).toBe("PARTIALLY_REFUNDED");
    expect(after!.sourceUpdatedAt.toISOString()).toBe(at(60));
    expect(after!.lineItems.map((l) => [l.externalId, l.currentQuantity, l.title])).toEqual([
      ["1-1", 1, "Item 1-1"],
      ["1-3", 2, "Item 1-3"],
      ["1-4", 2, "Added later"],
    ]);
    // Surviving line items keep their row (stable ids for anything that links to them).
    expect(after!.lineItems[0]!.id).toBe(before!.lineItems[0]!.id);
    expect(after!.refunds.map((r) => r.externalId)).toEqual(["r1"]);
    expect(after!.transactions.map((t) => [t.externalId, t.kind])).toEqual([["1-t2", "REFUND"]]);
    // The other order in the connection is untouched.
    expect((await stored(scope, "2"))!.lineItems).toHaveLength(2);
    expect(await rowCounts(scope)).toEqual({ orders: 2, lineItems: 5, refunds: 1, transactions: 2 });
  });

  it("writes shipping, channel and marketing source; a copy that leaves them out keeps the stored ones, null clears them", async () => {
    const scope = await buildCommerceScope();
    const attributed = {
      totalShipping: { amount: "4.95", currency: "USD" },
      channel: "Online Store",
      marketingSource: "google",
      marketingMedium: "cpc",
    };
    expect(await ingestOrders(scope, [orderRecord("1", attributed), orderRecord("2")])).toMatchObject({ inserted: 2 });
    const attribution = async (externalId: string) => {
      const order = (await stored(scope, externalId))!;
      return { totalShipping: order.totalShipping?.toFixed(2) ?? null, channel: order.channel, marketingSource: order.marketingSource, marketingMedium: order.marketingMedium };
    };
    expect(await attribution("1")).toEqual({ totalShipping: "4.95", channel: "Online Store", marketingSource: "google", marketingMedium: "cpc" });
    // Left out on insert: nothing stored to keep.
    expect(await attribution("2")).toEqual({ totalShipping: null, channel: null, marketingSource: null, marketingMedium: null });

    // A webhook body: no journey (left out), shipping and channel said, the shipping now none.
    const webhook = orderRecord("1", { sourceUpdatedAt: at(60), financialStatus: "REFUNDED", totalShipping: null, channel: "web" });
    expect(await ingestOrders(scope, [webhook])).toMatchObject({ read: 1, updated: 1, unchanged: 0 });
    expect(await attribution("1")).toEqual({ totalShipping: null, channel: "web", marketingSource: "google", marketingMedium: "cpc" });
    // Its replay writes nothing.
    const before = await stored(scope, "1");
    expect(await ingestOrders(scope, [{ ...webhook, observedAt: at(90) }])).toMatchObject({ read: 1, updated: 0, unchanged: 1 });
    expect(await stored(scope, "1")).toEqual(before);

    // A copy that says the order has no journey clears it.
    const noJourney = orderRecord("1", { sourceUpdatedAt: at(120), channel: "web", totalShipping: null, marketingSource: null, marketingMedium: null });
    expect(await ingestOrders(scope, [noJourney])).toMatchObject({ updated: 1 });
    expect(await attribution("1")).toEqual({ totalShipping: null, channel: "web", marketingSource: null, marketingMedium: null });
  });

  it("writes the addresses as given; a copy that leaves one out keeps the stored one, null clears it", async () => {
    const scope = await buildCommerceScope();
    const home = addressRecord();
    const office = addressRecord({ name: "Ana Lima", company: "Harbor Labs", address1: "1 Main St", address2: null, city: "Boston", province: "Massachusetts", provinceCode: "MA", zip: "02108", country: "United States", countryCode: "US", phone: "+1 617-555-0100" });
    await ingestOrders(scope, [orderRecord("1", { shippingAddress: home, billingAddress: office }), orderRecord("2", { shippingAddress: null })]);
    const addresses = async (externalId: string) => {
      const { shippingAddress, billingAddress } = (await stored(scope, externalId))!;
      return { shippingAddress, billingAddress };
    };
    expect(await addresses("1")).toEqual({ shippingAddress: home, billingAddress: office });
    expect(await addresses("2")).toEqual({ shippingAddress: null, billingAddress: null });

    // A webhook body without the shipping address (left out) that says the billing one is gone.
    await ingestOrders(scope, [orderRecord("1", { sourceUpdatedAt: at(60), billingAddress: null })]);
    expect(await addresses("1")).toEqual({ shippingAddress: home, billingAddress: null });
    await ingestOrders(scope, [orderRecord("1", { sourceUpdatedAt: at(120), shippingAddress: null, billingAddress: home })]);
    expect(await addresses("1")).toEqual({ shippingAddress: null, billingAddress: home });
  });

  it("ignores an order older than the stored one, children included", async () => {
    const scope = await buildCommerceScope();
    await ingestOrders(scope, [orderRecord("1", { sourceUpdatedAt: at(100), financialStatus: "REFUNDED" }, 3)]);
    const before = await stored(scope, "1");

    const stale = orderRecord("1", { sourceUpdatedAt: at(50), financialStatus: "PAID", lineItems: [lineItemRecord("1-9")], transactions: [] });
    const counts = await ingestOrders(scope, [stale]);

    expect(counts).toMatchObject({ read: 1, inserted: 0, updated: 0, unchanged: 1, childrenWritten: 0, childrenRemoved: 0 });
    expect(await stored(scope, "1")).toEqual(before);
    expect(await db.orderLineItem.count({ where: { externalId: "1-9" } })).toBe(0);
  });

  it("takes a different copy with the same source time (one-second resolution) as an update", async () => {
    const scope = await buildCommerceScope();
    await ingestOrders(scope, [orderRecord("1")]);
    const counts = await ingestOrders(scope, [orderRecord("1", { fulfillmentStatus: "FULFILLED" })]);
    expect(counts).toMatchObject({ updated: 1, unchanged: 0 });
    expect((await stored(scope, "1"))!.fulfillmentStatus).toBe("FULFILLED");
  });

  it("keeps a finer stored fulfillment status that a coarser newer copy does not contradict, and takes it when it does", async () => {
    const scope = await buildCommerceScope();
    const nothingFulfilled = ["UNFULFILLED", "ON_HOLD", "SCHEDULED"];
    await ingestOrders(scope, [
      orderRecord("held", { sourceUpdatedAt: at(10), fulfillmentStatus: "ON_HOLD" }),
      orderRecord("shipped", { sourceUpdatedAt: at(10), fulfillmentStatus: "FULFILLED" }),
    ]);

    const counts = await ingestOrders(scope, [
      orderRecord("held", { sourceUpdatedAt: at(20), fulfillmentStatus: "UNFULFILLED", fulfillmentStatusKeeps: nothingFulfilled, tags: ["vip"] }),
      orderRecord("shipped", { sourceUpdatedAt: at(20), fulfillmentStatus: "UNFULFILLED", fulfillmentStatusKeeps: nothingFulfilled }),
      orderRecord("new", { sourceUpdatedAt: at(20), fulfillmentStatus: "UNFULFILLED", fulfillmentStatusKeeps: nothingFulfilled }),
    ]);

    expect(counts).toMatchObject({ read: 3, inserted: 1, updated: 2 });
    expect(await stored(scope, "held")).toMatchObject({ fulfillmentStatus: "ON_HOLD", tags: ["vip"] });
    expect((await stored(scope, "shipped"))!.fulfillmentStatus).toBe("UNFULFILLED");
    expect((await stored(scope, "new"))!.fulfillmentStatus).toBe("UNFULFILLED");
  });

  it("takes a copy whose only change is in its children at the same source time (the refund pass adding refund line items)", async () => {
    const scope = await buildCommerceScope();
    await ingestOrders(scope, [orderRecord("1", { refunds: [refundRecord("r1", { lineItems: [] })] })]);
    const refundLine = { lineItemExternalId: "1-1", quantity: 1, restockType: "RETURN", subtotal: { amount: "9.50", currency: "USD" } };

    const counts = await ingestOrders(scope, [orderRecord("1", { refunds: [refundRecord("r1", { lineItems: [refundLine] })] })]);

    expect(counts).toMatchObject({ updated: 1, unchanged: 0 });
    expect((await stored(scope, "1"))!.refunds.map((r) => r.lineItems)).toEqual([[refundLine]]);
  });

  it("orders two versions with the same source time by when they were seen: the later one stays, whichever arrives first", async () => {
    // Shopify's REST times are whole seconds: the merchant went from 2 line items to 5 within one.
    const seenFirst = orderRecord("1", { observedAt: at(0.3) }, 2);
    const seenLater = orderRecord("1", { observedAt: at(0.9) }, 5);

    const newerFirst = await buildCommerceScope();
    await ingestOrders(newerFirst, [seenLater]);
    expect(await ingestOrders(newerFirst, [seenFirst])).toMatchObject({ updated: 0, unchanged: 1, childrenWritten: 0, childrenRemoved: 0 });
    expect((await stored(newerFirst, "1"))!.lineItems).toHaveLength(5);

    const olderFirst = await buildCommerceScope();
    await ingestOrders(olderFirst, [seenFirst]);
    expect(await ingestOrders(olderFirst, [seenLater])).toMatchObject({ updated: 1, unchanged: 0 });
    expect((await stored(olderFirst, "1"))!).toMatchObject({ observedAt: new Date(at(0.9)) });
    expect((await stored(olderFirst, "1"))!.lineItems).toHaveLength(5);

    // The source time still comes first: a copy of an earlier version loses however late it was seen.
    expect(await ingestOrders(olderFirst, [orderRecord("1", { sourceUpdatedAt: at(-1), observedAt: at(60) }, 1)])).toMatchObject({ unchanged: 1 });
    expect((await stored(olderFirst, "1"))!.lineItems).toHaveLength(5);
  });

  it("counts the same content seen again later as a replay, and writes nothing", async () => {
    const scope = await buildCommerceScope();
    await ingestOrders(scope, [orderRecord("1", { observedAt: at(1) })]);
    const before = await stored(scope, "1");
    expect(await ingestOrders(scope, [orderRecord("1", { observedAt: at(30) })])).toMatchObject({ updated: 0, unchanged: 1 });
    expect(await stored(scope, "1")).toEqual(before);
  });

  it("takes a row stored before observation times were kept as seen at its source time", async () => {
    const scope = await buildCommerceScope();
    await ingestOrders(scope, [orderRecord("1", {}, 2)]);
    await db.order.updateMany({ where: scope, data: { observedAt: null } });
    expect(await ingestOrders(scope, [orderRecord("1", { observedAt: at(0.5) }, 3)])).toMatchObject({ updated: 1 });
    expect((await stored(scope, "1"))!.lineItems).toHaveLength(3);
  });

  it("keeps the newest of duplicates within a batch instead of failing", async () => {
    const scope = await buildCommerceScope();
    const counts = await ingestOrders(scope, [
      orderRecord("1", { sourceUpdatedAt: at(10), financialStatus: "PENDING" }),
      orderRecord("1", { sourceUpdatedAt: at(30), financialStatus: "PAID" }),
      orderRecord("2"),
      orderRecord("1", { sourceUpdatedAt: at(20), financialStatus: "AUTHORIZED" }),
      // A line item listed twice within one order.
      orderRecord("3", { lineItems: [lineItemRecord("3-1", { quantity: 1 }), lineItemRecord("3-1", { quantity: 5 })] }),
    ]);

    expect(counts).toMatchObject({ read: 5, inserted: 3, updated: 0, unchanged: 2 });
    expect((await stored(scope, "1"))!.financialStatus).toBe("PAID");
    expect((await stored(scope, "3"))!.lineItems.map((l) => l.quantity)).toEqual([5]);
  });

  it("accounts for every record of a mixed batch: read = inserted + updated + unchanged", async () => {
    const scope = await buildCommerceScope();
    await ingestOrders(scope, [orderRecord("a", { sourceUpdatedAt: at(10) }), orderRecord("b", { sourceUpdatedAt: at(10) }), orderRecord("c", { sourceUpdatedAt: at(10) })]);

    const counts = await ingestOrders(scope, [
      orderRecord("a", { sourceUpdatedAt: at(20) }), // newer: updated
      orderRecord("b", { sourceUpdatedAt: at(10) }), // replay: unchanged
      orderRecord("c", { sourceUpdatedAt: at(5) }), // older: unchanged
      orderRecord("d"), // new: inserted
      orderRecord("d"), // duplicate: unchanged
    ]);

    expect(counts).toMatchObject({ read: 5, inserted: 1, updated: 1, unchanged: 3, deleted: 0 });
    expect(counts.read).toBe(counts.inserted + counts.updated + counts.unchanged + counts.deleted);
  });

  it("keeps the same external ids apart across workspaces and connections", async () => {
    const a = await buildCommerceScope();
    const b = await buildCommerceScope();
    const a2 = { workspaceId: a.workspaceId, connectionId: (await buildConnection(a.workspaceId)).id };

    for (const scope of [a, b, a2]) expect(await ingestOrders(scope, [orderRecord("1")])).toMatchObject({ inserted: 1 });
    await ingestOrders(b, [orderRecord("1", { sourceUpdatedAt: at(60), name: "#B", lineItems: [lineItemRecord("1-1", { title: "B's" })] })]);

    expect((await stored(a, "1"))!.name).toBe("#1");
    expect((await stored(a2, "1"))!.name).toBe("#1");
    expect((await stored(b, "1"))!.name).toBe("#B");
    expect((await stored(a, "1"))!.lineItems.map((l) => l.title)).toEqual(["Item 1-1", "Item 1-2"]);
    expect((await stored(b, "1"))!.lineItems.map((l) => l.title)).toEqual(["B's"]);
    expect(await rowCounts(a)).toEqual({ orders: 1, lineItems: 2, refunds: 0, transactions: 1 });
  });

  it("refuses a connection of another workspace and stores nothing", async () => {
    const a = await buildCommerceScope();
    const b = await buildCommerceScope();
    await expect(ingestOrders({ workspaceId: a.workspaceId, connectionId: b.connectionId }, [orderRecord("1")])).rejects.toThrow();
    expect(await db.order.count({ where: { externalId: "1", workspaceId: { in: [a.workspaceId, b.workspaceId] } } })).toBe(0);
  });

  it("leaves exactly the newest copy's children when two writers race on one order (a webhook and a sync batch)", async () => {
    const scope = await buildCommerceScope();
    await ingestOrders(scope, [orderRecord("1", {}, 3)]);
    // Other orders in each batch keep both statements running long enough to overlap.
    const others = (tag: string) => Array.from({ length: 200 }, (_, i) => orderRecord(`z-${tag}-${i}`));
    for (let round = 1; round <= 5; round++) {
      const older = orderRecord("1", { sourceUpdatedAt: at(round * 10), lineItems: [lineItemRecord(`old-${round}`)] });
      const newer = orderRecord("1", { sourceUpdatedAt: at(round * 10 + 5), lineItems: [lineItemRecord(`new-${round}`)] });
      const [a, b] = await Promise.all([ingestOrders(scope, [older, ...others(`a${round}`)]), ingestOrders(scope, [newer, ...others(`b${round}`)])]);
      expect(a.updated + b.updated).toBeGreaterThanOrEqual(1);
      expect((await stored(scope, "1"))!.lineItems.map((l) => l.externalId)).toEqual([`new-${round}`]);
    }
    // Ten 201-order batches, each also refreshing the dashboard's rollups of the days it touched:
    // seconds on a busy machine, so more than the default 15 s allowance.
  }, 60_000);

  it("has the database refuse a line item whose tenant columns differ from its order's", async () => {
    const a = await buildCommerceScope();
    const b = await buildCommerceScope();
    await ingestOrders(a, [orderRecord("1")]);
    const order = await stored(a, "1");
    const line = { externalId: "x", title: "x", quantity: 1, currentQuantity: 1, unitPrice: 1, discountedUnitPrice: 1, currency: "USD", orderId: order!.id };
    await expect(db.orderLineItem.create({ data: { ...line, ...b } })).rejects.toThrow();
    await expect(db.orderLineItem.create({ data: { ...line, workspaceId: a.workspaceId, connectionId: b.connectionId } })).rejects.toThrow();
    await expect(db.orderLineItem.create({ data: { ...line, ...a } })).resolves.toMatchObject({ orderId: order!.id });
  });

  it("is atomic: a bad line item in the last order leaves nothing of the batch behind", async () => {
    const scope = await buildCommerceScope();
    await ingestOrders(scope, [orderRecord("1")]);
    const before = await stored(scope, "1");

    const batch = [
      orderRecord("1", { sourceUpdatedAt: at(60), lineItems: [lineItemRecord("1-1")] }),
      orderRecord("2"),
      orderRecord("3", { lineItems: [lineItemRecord("3-1"), lineItemRecord("3-2", { unitPrice: { amount: "not a number", currency: "USD" }, discountedUnitPrice: { amount: "1", currency: "USD" } })] }),
    ];
    await expect(ingestOrders(scope, batch)).rejects.toThrow();

    expect(await stored(scope, "1")).toEqual(before);
    expect(await rowCounts(scope)).toEqual({ orders: 1, lineItems: 2, refunds: 0, transactions: 1 });
  });

  it("refuses amounts of one row in two currencies rather than store one under the wrong code", async () => {
    const scope = await buildCommerceScope();
    await expect(ingestOrders(scope, [orderRecord("1", { totalTax: { amount: "1.00", currency: "EUR" } })])).rejects.toThrow(IngestRecordError);
    expect(await db.order.count({ where: scope })).toBe(0);
  });

  it("counts nothing for an empty batch", async () => {
    const scope = await buildCommerceScope();
    expect(await ingestOrders(scope, [])).toEqual({ read: 0, inserted: 0, updated: 0, unchanged: 0, deleted: 0, childrenWritten: 0, childrenRemoved: 0 });
  });
});
