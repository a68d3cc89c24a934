import { describe, expect, it } from "vitest";
import { at, buildCommerceScope, receivingOrderRecord, returnRecord, shipmentRecord, T0 } from "@/prisma/factories/commerce";
import { buildConnection } from "@/prisma/factories/connections";
import type { ReceivingOrderRecord, ReturnRecord, ShipmentRecord } from "@/server/connectors/_core/records";
import { db } from "@/server/db";
import { Prisma } from "@/server/generated/prisma/client";
import { ingestRecords } from "./ingest-records";
import type { IngestTransaction } from "./pool";
import { ingestReceivingOrders } from "./receiving-orders";
import { ingestReturns } from "./returns";
import { IngestRecordError, type IngestCounts, type IngestScope } from "./shared";
import { ingestShipments } from "./shipments";

type FlatRecord = { externalId: string; status: string; sourceUpdatedAt: string; observedAt: string };

/** One kind of a 3PL's records, as the shared cases below exercise it. */
type KindUnderTest<R extends FlatRecord> = {
  ingest: (scope: IngestScope, records: readonly R[], tx?: IngestTransaction) => Promise<IngestCounts>;
  table: string;
  build: (externalId: string, overrides?: Partial<R>) => R;
  /** A record whose first item has a quantity no database column would take. */
  withBadQuantity: (record: R) => R;
};

/** The stored rows of a connection: what a test compares, and xmin, which changes with every write of a row. */
async function storedRows(table: string, scope: IngestScope) {
  return db.$queryRaw<{ externalId: string; status: string; sourceUpdatedAt: Date; items: unknown; version: string }[]>`
    SELECT "externalId", "status", "sourceUpdatedAt", "items", xmin::text AS version FROM ${Prisma.raw(`"${table}"`)}
    WHERE "workspaceId" = ${scope.workspaceId} AND "connectionId" = ${scope.connectionId} ORDER BY "externalId"`;
}

function describeFlatIngest<R extends FlatRecord>(name: string, kind: KindUnderTest<R>) {
  const rows = (scope: IngestScope) => storedRows(kind.table, scope);
  const statuses = async (scope: IngestScope) => (await rows(scope)).map((r) => [r.externalId, r.status]);

  describe(name, () => {
    it("inserts new records and counts them", async () => {
      const scope = await buildCommerceScope();
      expect(await kind.ingest(scope, [kind.build("a"), kind.build("b")])).toEqual({ read: 2, inserted: 2, updated: 0, unchanged: 0, deleted: 0 });
      expect(await statuses(scope)).toEqual([
        ["a", kind.build("a").status],
        ["b", kind.build("b").status],
      ]);
    });

    it("writes nothing for a replay, even one seen later", async () => {
      const scope = await buildCommerceScope();
      await kind.ingest(scope, [kind.build("a"), kind.build("b")]);
      const before = await rows(scope);
      const replay = [kind.build("a", { observedAt: at(99_999) } as Partial<R>), kind.build("b")];
      expect(await kind.ingest(scope, replay)).toEqual({ read: 2, inserted: 0, updated: 0, unchanged: 2, deleted: 0 });
      expect(await rows(scope)).toEqual(before);
    });

    it("lets a newer copy replace the stored one and ignores an older one", async () => {
      const scope = await buildCommerceScope();
      const first = kind.build("a");
      await kind.ingest(scope, [first]);
      const newer = kind.build("a", { status: "Newer", sourceUpdatedAt: at(100_000), observedAt: at(100_000) } as Partial<R>);
      expect(await kind.ingest(scope, [newer])).toMatchObject({ read: 1, updated: 1 });
      const older = kind.build("a", { status: "Older", sourceUpdatedAt: at(50_000), observedAt: at(200_000) } as Partial<R>);
      expect(await kind.ingest(scope, [older])).toEqual({ read: 1, inserted: 0, updated: 0, unchanged: 1, deleted: 0 });
      // Same source time (whole seconds): the copy seen later is the newer one.
      const seenEarlier = kind.build("a", { status: "SeenEarlier", sourceUpdatedAt: at(100_000), observedAt: at(99_000) } as Partial<R>);
      expect(await kind.ingest(scope, [seenEarlier])).toMatchObject({ unchanged: 1 });
      expect(await statuses(scope)).toEqual([["a", "Newer"]]);
      const seenLater = kind.build("a", { status: "SeenLater", sourceUpdatedAt: at(100_000), observedAt: at(100_001) } as Partial<R>);
      expect(await kind.ingest(scope, [seenLater])).toMatchObject({ updated: 1 });
      expect(await statuses(scope)).toEqual([["a", "SeenLater"]]);
    });

    it("accounts for every record of a mixed batch", async () => {
      const scope = await buildCommerceScope();
      await kind.ingest(scope, [kind.build("kept"), kind.build("changed"), kind.build("stale")]);
      const counts = await kind.ingest(scope, [
        kind.build("new"),
        kind.build("kept"),
        kind.build("changed", { status: "Changed", sourceUpdatedAt: at(100_000) } as Partial<R>),
        kind.build("stale", { status: "Stale", sourceUpdatedAt: at(-100_000) } as Partial<R>),
        // Two copies of one record in the batch: the newer is written, the other counted unchanged.
        kind.build("twice", { status: "Second", sourceUpdatedAt: at(100_000) } as Partial<R>),
        kind.build("twice", { status: "First" } as Partial<R>),
      ]);
      expect(counts).toEqual({ read: 6, inserted: 2, updated: 1, unchanged: 3, deleted: 0 });
      expect(Object.fromEntries(await statuses(scope))).toEqual({
        changed: "Changed",
        kept: kind.build("kept").status,
        new: kind.build("new").status,
        stale: kind.build("stale").status,
        twice: "Second",
      });
    });

    it("writes only into its own connection and workspace", async () => {
      const scope = await buildCommerceScope();
      const sibling = { workspaceId: scope.workspaceId, connectionId: (await buildConnection(scope.workspaceId)).id };
      const stranger = await buildCommerceScope();
      for (const other of [sibling, stranger]) await kind.ingest(other, [kind.build("a")]);
      const untouched = [await rows(sibling), await rows(stranger)];

      expect(await kind.ingest(scope, [kind.build("a", { status: "Mine", sourceUpdatedAt: at(100_000) } as Partial<R>)])).toMatchObject({ inserted: 1 });
      expect(await statuses(scope)).toEqual([["a", "Mine"]]);
      expect([await rows(sibling), await rows(stranger)]).toEqual(untouched);
    });

    it("refuses a batch with a bad record as a whole, naming the field", async () => {
      const scope = await buildCommerceScope();
      await kind.ingest(scope, [kind.build("a")]);
      const before = await rows(scope);
      const changedA = kind.build("a", { status: "Changed", sourceUpdatedAt: at(100_000) } as Partial<R>);

      await expect(kind.ingest(scope, [changedA, kind.withBadQuantity(kind.build("b"))])).rejects.toThrow(IngestRecordError);
      await expect(kind.ingest(scope, [changedA, kind.withBadQuantity(kind.build("b"))])).rejects.toThrow(/ b: item 0 \w+ must be a whole number/);
      // A time PostgreSQL cannot read fails the one statement, so the valid record goes with it.
      await expect(kind.ingest(scope, [changedA, kind.build("b", { sourceUpdatedAt: "yesterday-ish" } as Partial<R>)])).rejects.toThrow(/timestamp/);
      expect(await rows(scope)).toEqual(before);
    });
  });
}

describeFlatIngest<ShipmentRecord>("ingestShipments", {
  ingest: ingestShipments,
  table: "Shipment",
  build: shipmentRecord,
  withBadQuantity: (s) => ({ ...s, items: [{ ...s.items[0]!, quantity: 1.5 }] }),
});

describeFlatIngest<ReturnRecord>("ingestReturns", {
  ingest: ingestReturns,
  table: "ReturnOrder",
  build: returnRecord,
  withBadQuantity: (r) => ({ ...r, items: [{ ...r.items[0]!, quantity: -1 }] }),
});

describeFlatIngest<ReceivingOrderRecord>("ingestReceivingOrders", {
  ingest: ingestReceivingOrders,
  table: "ReceivingOrder",
  build: receivingOrderRecord,
  withBadQuantity: (w) => ({ ...w, items: [{ ...w.items[0]!, receivedQuantity: -3 }] }),
});

describe("a 3PL's records as stored", () => {
  it("keeps a shipment's order references, tracking, estimate, timeline and items (dispatched by kind)", async () => {
    const scope = await buildCommerceScope();
    const record = shipmentRecord("s1", { status: "Exception", deliveredAt: null });
    expect(await ingestRecords(scope, { kind: "shipments", records: [record] })).toMatchObject({ inserted: 1 });
    expect(await db.shipment.findUniqueOrThrow({ where: { workspaceId_connectionId_externalId: { ...scope, externalId: "s1" } } })).toMatchObject({
      orderExternalId: "order-s1",
      storeOrderReference: "#s1",
      status: "Exception",
      locationExternalId: "centre-1",
      trackingNumber: "1Zs1",
      carrier: "UPS",
      trackingUrl: "https://tracking.example.test/1Zs1",
      estimatedFulfillmentAt: new Date(at(86_400)),
      estimatedFulfillmentStatus: "FulfilledOnTime",
      shippedAt: new Date(at(3_600)),
      deliveredAt: null,
      timeline: record.timeline,
      items: record.items,
      sourceCreatedAt: new Date(T0),
      sourceUpdatedAt: new Date(record.sourceUpdatedAt),
      observedAt: new Date(record.observedAt),
    });
  });

  it("keeps a shipment's stored timeline when a copy comes without it, and replaces it when one comes with it", async () => {
    const scope = await buildCommerceScope();
    const withTimeline = shipmentRecord("s1");
    await ingestShipments(scope, [withTimeline]);
    const timeline = async () => (await db.shipment.findFirstOrThrow({ where: scope })).timeline;

    // The same shipment read from a list that does not carry timelines: nothing changed, nothing written.
    expect(await ingestShipments(scope, [{ ...withTimeline, timeline: null, observedAt: at(99_999) }])).toMatchObject({ unchanged: 1 });
    // A newer status without the timeline: the status is written, the timeline stays.
    const delivered = { ...withTimeline, status: "Delivered", timeline: null, sourceUpdatedAt: at(100_000), observedAt: at(100_000) };
    expect(await ingestShipments(scope, [delivered])).toMatchObject({ updated: 1 });
    expect(await timeline()).toEqual(withTimeline.timeline);
    // Then the timeline itself, read for the same version: only it changed, and it is written.
    const events = [...withTimeline.timeline!, { type: "Delivered", description: null, occurredAt: at(100_000) }];
    expect(await ingestShipments(scope, [{ ...delivered, timeline: events, observedAt: at(100_001) }])).toMatchObject({ updated: 1 });
    expect(await ingestShipments(scope, [{ ...delivered, timeline: events, observedAt: at(100_002) }])).toMatchObject({ unchanged: 1 });
    expect(await timeline()).toEqual(events);
    // A shipment first stored without one has none yet.
    await ingestShipments(scope, [shipmentRecord("s2", { timeline: null })]);
    expect((await db.shipment.findFirstOrThrow({ where: { ...scope, externalId: "s2" } })).timeline).toBeNull();
  });

  it("keeps a return's references, items and status history", async () => {
    const scope = await buildCommerceScope();
    const record = returnRecord("r1", {
      status: "Completed",
      statusHistory: [
        { status: "AwaitingArrival", occurredAt: T0 },
        { status: "Completed", occurredAt: at(600) },
      ],
      completedAt: at(600),
    });
    expect(await ingestRecords(scope, { kind: "returns", records: [record] })).toMatchObject({ inserted: 1 });
    expect(await db.returnOrder.findUniqueOrThrow({ where: { workspaceId_connectionId_externalId: { ...scope, externalId: "r1" } } })).toMatchObject({
      orderExternalId: null,
      shipmentExternalId: "shipment-r1",
      storeOrderReference: "#r1",
      status: "Completed",
      items: record.items,
      statusHistory: record.statusHistory,
      completedAt: new Date(at(600)),
    });
  });

  it("keeps a receiving order's expected against received quantities and status history", async () => {
    const scope = await buildCommerceScope();
    const record = receivingOrderRecord("w1", {
      status: "Arrived",
      items: [
        { inventoryItemExternalId: "inv-1", sku: "SKU-1", expectedQuantity: 100, receivedQuantity: 96, stowedQuantity: null },
        { inventoryItemExternalId: null, sku: "SKU-2", expectedQuantity: 10, receivedQuantity: 10, stowedQuantity: 10 },
      ],
    });
    expect(await ingestRecords(scope, { kind: "receivingOrders", records: [record] })).toMatchObject({ inserted: 1 });
    expect(await db.receivingOrder.findUniqueOrThrow({ where: { workspaceId_connectionId_externalId: { ...scope, externalId: "w1" } } })).toMatchObject({
      purchaseOrderNumber: "PO-w1",
      status: "Arrived",
      expectedArrivalAt: new Date(at(7 * 86_400)),
      items: record.items,
      statusHistory: record.statusHistory,
    });
  });
});
