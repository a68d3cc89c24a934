import { describe, expect, it } from "vitest";
import {
  at,
  buildCommerceScope,
  customerRecord,
  inventoryLevelRecord,
  locationRecord,
  orderRecord,
  productRecord,
  variantRecord,
} from "@/prisma/factories/commerce";
import { db } from "@/server/db";
import { findBulkStaging, stageBulkChildLines } from "./bulk-staging";
import { deleteShopData } from "./compliance";
import { applyDeletions } from "./deletions";
import { ingestCustomers } from "./customers";
import { ingestInventoryLevels } from "./inventory-levels";
import { ingestLocations } from "./locations";
import { ingestOrders } from "./orders";
import { inIngestTransaction } from "./pool";
import { ingestProducts } from "./products";
import type { IngestScope } from "./shared";
import { readStreamState, saveStreamState } from "./stream-state";

const product = (scope: IngestScope, externalId: string) =>
  db.product.findUnique({
    where: { workspaceId_connectionId_externalId: { ...scope, externalId } },
    include: { variants: { orderBy: { externalId: "asc" } } },
  });

describe("ingestProducts", () => {
  it("inserts products with variants and replaces an updated product's variants exactly", async () => {
    const scope = await buildCommerceScope();
    expect(await ingestProducts(scope, [productRecord("p1", { title: "Blue Mug", tags: ["mugs"] }, 3), productRecord("p2")])).toEqual({
      read: 2,
      inserted: 2,
      updated: 0,
      unchanged: 0,
      deleted: 0,
      childrenWritten: 5,
      childrenRemoved: 0,
    });
    const before = await product(scope, "p1");
    expect(before).toMatchObject({ title: "Blue Mug", titleLower: "blue mug", tags: ["mugs"], status: "ACTIVE" });
    expect(before!.variants.map((v) => [v.externalId, v.inventoryItemExternalId, v.price?.toFixed(2), v.currency])).toEqual([
      ["p1-v1", "item-p1-v1", "10.00", "USD"],
      ["p1-v2", "item-p1-v2", "10.00", "USD"],
      ["p1-v3", "item-p1-v3", "10.00", "USD"],
    ]);

    const counts = await ingestProducts(scope, [
      productRecord("p1", {
        sourceUpdatedAt: at(60),
        variants: [variantRecord("p1-v1", { price: { amount: "12.50", currency: "USD" }, compareAtPrice: { amount: "15.00", currency: "USD" } }), variantRecord("p1-v4")],
      }),
      productRecord("p2"),
    ]);
    expect(counts).toMatchObject({ read: 2, inserted: 0, updated: 1, unchanged: 1, childrenWritten: 2, childrenRemoved: 2 });
    const after = await product(scope, "p1");
    expect(after!.variants.map((v) => [v.externalId, v.price?.toFixed(2), v.compareAtPrice?.toFixed(2) ?? null])).toEqual([
      ["p1-v1", "12.50", "15.00"],
      ["p1-v4", "10.00", null],
    ]);
    expect(after!.variants[0]!.id).toBe(before!.variants[0]!.id);
    expect((await product(scope, "p2"))!.variants).toHaveLength(2);
  });

  it("stores a variant without a price (a source that keeps none) with no price and no currency", async () => {
    const scope = await buildCommerceScope();
    const unpriced = productRecord("p1", { variants: [variantRecord("p1-v1", { price: null, compareAtPrice: null })] });
    expect(await ingestProducts(scope, [unpriced])).toMatchObject({ read: 1, inserted: 1, childrenWritten: 1 });
    expect((await product(scope, "p1"))!.variants.map((v) => [v.externalId, v.price, v.currency])).toEqual([["p1-v1", null, null]]);
  });

  it("ignores an older product and leaves its variants alone", async () => {
    const scope = await buildCommerceScope();
    await ingestProducts(scope, [productRecord("p1", { sourceUpdatedAt: at(100) })]);
    const before = await product(scope, "p1");
    const counts = await ingestProducts(scope, [productRecord("p1", { sourceUpdatedAt: at(10), title: "Old", variants: [] })]);
    expect(counts).toMatchObject({ updated: 0, unchanged: 1, childrenWritten: 0, childrenRemoved: 0 });
    expect(await product(scope, "p1")).toEqual(before);
  });

  it("keeps the variants a product does not carry (variantsComplete false), and upserts the ones it does", async () => {
    const scope = await buildCommerceScope();
    await ingestProducts(scope, [productRecord("p1", {}, 150)]);
    // A products/update: the first 100 variants, one repriced, the other 50 only as ids.
    const carried = productRecord("p1", { sourceUpdatedAt: at(60), variantsComplete: false }, 100);
    carried.variants[0] = { ...carried.variants[0]!, price: { amount: "11.00", currency: "USD" } };
    expect(await ingestProducts(scope, [carried])).toMatchObject({ updated: 1, childrenWritten: 100, childrenRemoved: 0 });
    const after = await product(scope, "p1");
    expect(after!.variants).toHaveLength(150);
    expect(after!.variants.find((v) => v.externalId === "p1-v1")!.price?.toFixed(2)).toBe("11.00");

    // A complete list does make the stored variants exactly its own.
    expect(await ingestProducts(scope, [productRecord("p1", { sourceUpdatedAt: at(120) }, 149)])).toMatchObject({ childrenWritten: 149, childrenRemoved: 1 });
    expect((await product(scope, "p1"))!.variants).toHaveLength(149);
  });

  it("orders two copies with the same source time by when they were seen", async () => {
    const scope = await buildCommerceScope();
    await ingestProducts(scope, [productRecord("p1", { title: "Seen later", observedAt: at(0.9) })]);
    expect(await ingestProducts(scope, [productRecord("p1", { title: "Seen first", observedAt: at(0.2) })])).toMatchObject({ unchanged: 1 });
    expect((await product(scope, "p1"))!.title).toBe("Seen later");
  });

  it("keeps the newest duplicate within a batch", async () => {
    const scope = await buildCommerceScope();
    const counts = await ingestProducts(scope, [productRecord("p1", { sourceUpdatedAt: at(20), title: "New" }), productRecord("p1", { sourceUpdatedAt: at(10), title: "Old" })]);
    expect(counts).toMatchObject({ read: 2, inserted: 1, unchanged: 1 });
    expect((await product(scope, "p1"))!.title).toBe("New");
  });
});

describe("ingestLocations", () => {
  it("inserts, updates newer or changed copies, and ignores older ones and replays", async () => {
    const scope = await buildCommerceScope();
    expect(await ingestLocations(scope, [locationRecord("l1"), locationRecord("l2")])).toMatchObject({ read: 2, inserted: 2 });
    const counts = await ingestLocations(scope, [
      locationRecord("l1", { sourceUpdatedAt: at(60), isActive: false }),
      locationRecord("l2"),
      locationRecord("l2", { sourceUpdatedAt: at(-60), name: "Older" }),
      locationRecord("l3", { address: { address1: null, city: null, countryCode: "GB", zip: null } }),
    ]);
    expect(counts).toEqual({ read: 4, inserted: 1, updated: 1, unchanged: 2, deleted: 0 });
    const rows = await db.location.findMany({ where: scope, orderBy: { externalId: "asc" } });
    expect(rows.map((l) => [l.externalId, l.name, l.isActive, l.countryCode, l.city])).toEqual([
      ["l1", "Warehouse l1", false, "US", "Springfield"],
      ["l2", "Warehouse l2", true, "US", "Springfield"],
      ["l3", "Warehouse l3", true, "GB", null],
    ]);
    expect(await ingestLocations(scope, [locationRecord("l2", { name: "Renamed" })])).toMatchObject({ updated: 1 });
  });
});

describe("locations and inventory levels with the same source time", () => {
  it("keep the copy seen later, whichever arrives first", async () => {
    const scope = await buildCommerceScope();
    await ingestLocations(scope, [locationRecord("l1", { name: "Seen later", observedAt: at(0.9) })]);
    expect(await ingestLocations(scope, [locationRecord("l1", { name: "Seen first", observedAt: at(0.2) })])).toMatchObject({ unchanged: 1 });
    expect(await db.location.findFirstOrThrow({ where: { connectionId: scope.connectionId } })).toMatchObject({ name: "Seen later" });

    await ingestInventoryLevels(scope, [inventoryLevelRecord("i1", "l1", { available: 3, observedAt: at(0.9) })]);
    expect(await ingestInventoryLevels(scope, [inventoryLevelRecord("i1", "l1", { available: 9, observedAt: at(0.2) })])).toMatchObject({ unchanged: 1 });
    expect(await db.inventoryLevel.findFirstOrThrow({ where: { connectionId: scope.connectionId } })).toMatchObject({ available: 3 });
  });
});

describe("ingestInventoryLevels", () => {
  it("keeps one row per item and location, newest reading wins", async () => {
    const scope = await buildCommerceScope();
    expect(await ingestInventoryLevels(scope, [inventoryLevelRecord("i1", "l1"), inventoryLevelRecord("i1", "l2"), inventoryLevelRecord("i2", "l1")])).toMatchObject({
      read: 3,
      inserted: 3,
    });
    const counts = await ingestInventoryLevels(scope, [
      inventoryLevelRecord("i1", "l1", { sourceUpdatedAt: at(60), available: 1, committed: 6 }),
      inventoryLevelRecord("i1", "l2", { sourceUpdatedAt: at(-60), available: 99 }),
      inventoryLevelRecord("i2", "l1"),
      inventoryLevelRecord("i2", "l1", { sourceUpdatedAt: at(30), incoming: 10 }),
      inventoryLevelRecord("i2", "l1", { sourceUpdatedAt: at(20), incoming: 5 }),
    ]);
    expect(counts).toEqual({ read: 5, inserted: 0, updated: 2, unchanged: 3, deleted: 0 });
    const rows = await db.inventoryLevel.findMany({ where: scope, orderBy: [{ inventoryItemExternalId: "asc" }, { locationExternalId: "asc" }] });
    expect(rows.map((r) => [r.inventoryItemExternalId, r.locationExternalId, r.available, r.onHand, r.committed, r.incoming])).toEqual([
      ["i1", "l1", 1, 7, 6, 0],
      ["i1", "l2", 5, 7, 2, 0],
      ["i2", "l1", 5, 7, 2, 10],
    ]);
  });

  it("stores a 3PL's further figures, null where the provider has none, and a change to one is an update", async () => {
    const scope = await buildCommerceScope();
    const threePl = { backordered: 4, exception: 1, internalTransfer: 2 };
    expect(await ingestInventoryLevels(scope, [inventoryLevelRecord("i1", "centre"), inventoryLevelRecord("i1", "store"), inventoryLevelRecord("i1", "centre", threePl)])).toMatchObject({
      inserted: 2,
    });
    const figures = async () =>
      (await db.inventoryLevel.findMany({ where: scope, orderBy: { locationExternalId: "asc" } })).map((r) => [r.locationExternalId, r.backordered, r.exception, r.internalTransfer]);
    expect(await figures()).toEqual([
      ["centre", 4, 1, 2],
      ["store", null, null, null],
    ]);

    expect(await ingestInventoryLevels(scope, [inventoryLevelRecord("i1", "centre", threePl)])).toMatchObject({ unchanged: 1 });
    expect(await ingestInventoryLevels(scope, [inventoryLevelRecord("i1", "centre", { ...threePl, exception: 0, observedAt: at(1) })])).toMatchObject({ updated: 1 });
    // A copy is the level's whole state: one without the figures says the provider has none.
    expect(await ingestInventoryLevels(scope, [inventoryLevelRecord("i1", "centre", { observedAt: at(2) })])).toMatchObject({ updated: 1 });
    expect(await figures()).toEqual([
      ["centre", null, null, null],
      ["store", null, null, null],
    ]);
  });
});

describe("deleteShopData", () => {
  it("deletes every commerce row and cursor of the connection and nothing of another", async () => {
    const scope = await buildCommerceScope();
    const other = await buildCommerceScope();
    for (const s of [scope, other]) {
      await ingestOrders(s, [orderRecord("o1"), orderRecord("o2")]);
      await ingestCustomers(s, [customerRecord("c1")]);
      await ingestProducts(s, [productRecord("p1")]);
      await ingestLocations(s, [locationRecord("l1")]);
      await ingestInventoryLevels(s, [inventoryLevelRecord("i1", "l1")]);
      await saveStreamState(s, "orders", { cursor: "abc" });
      // A bulk file being read: its staged lines are the shop's data too.
      await inIngestTransaction((tx) => stageBulkChildLines({ ...s, operationId: "gid://shopify/BulkOperation/1" }, [{ parentId: "gid://shopify/Order/1", lineNo: 2, text: "{}" }], tx));
      // A deletion of an order never stored leaves its id behind (tombstones.ts).
      await applyDeletions(s, [{ resource: "order", externalId: "o-never-stored", occurredAt: at(10) }]);
    }

    expect(await deleteShopData(scope)).toEqual({
      orders: 2,
      orderLineItems: 4,
      refunds: 0,
      orderTransactions: 2,
      customers: 1,
      products: 1,
      productVariants: 2,
      locations: 1,
      inventoryLevels: 1,
      streamStates: 1,
    });
    expect(await db.order.count({ where: scope })).toBe(0);
    expect(await readStreamState(scope, "orders")).toBeNull();
    expect(await db.orderLineItem.count({ where: other })).toBe(4);
    expect(await readStreamState(other, "orders")).toMatchObject({ cursor: "abc" });
    expect(await findBulkStaging({ ...scope, operationId: "gid://shopify/BulkOperation/1" })).toBeNull();
    expect(await findBulkStaging({ ...other, operationId: "gid://shopify/BulkOperation/1" })).not.toBeNull();
    expect(await db.deletionTombstone.count({ where: scope })).toBe(0);
    expect(await db.deletionTombstone.count({ where: other })).toBe(1);
  });
});

describe("stream state", () => {
  it("reads null before the first run, then the saved cursor and extras", async () => {
    const scope = await buildCommerceScope();
    expect(await readStreamState(scope, "orders")).toBeNull();

    await saveStreamState(scope, "orders", { cursor: "page-2", state: { bulkOperationId: "gid://shopify/BulkOperation/1" }, lastRunAt: new Date(at(0)) });
    expect(await readStreamState(scope, "orders")).toMatchObject({
      stream: "orders",
      cursor: "page-2",
      state: { bulkOperationId: "gid://shopify/BulkOperation/1" },
      lastRunAt: new Date(at(0)),
    });

    // Omitted extras are kept; a new cursor replaces the old one.
    await saveStreamState(scope, "orders", { cursor: null });
    expect(await readStreamState(scope, "orders")).toMatchObject({ cursor: null, state: { bulkOperationId: "gid://shopify/BulkOperation/1" } });
    await saveStreamState(scope, "orders", { cursor: null, state: { updatedAtHighWater: at(60) } });
    expect((await readStreamState(scope, "orders"))!.state).toEqual({ updatedAtHighWater: at(60) });

    expect(await readStreamState(scope, "customers")).toBeNull();
    const other = await buildCommerceScope();
    expect(await readStreamState(other, "orders")).toBeNull();
    expect(await readStreamState({ workspaceId: other.workspaceId, connectionId: scope.connectionId }, "orders")).toBeNull();
  });
});
