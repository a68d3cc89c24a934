import { beforeAll, describe, expect, it } from "vitest";
import { at, buildCommerceScope, locationRecord, orderRecord, shipmentRecord } from "@/prisma/factories/commerce";
import { insertOrder, type CommerceScope } from "@/prisma/factories/commerce-rows";
import { buildConnection } from "@/prisma/factories/connections";
import { callerFor } from "@/server/api/test-utils";
import { db, workspaceDb } from "@/server/db";
import { ingestLocations, ingestShipments } from "@/server/ingest";
import { findOrderShipments } from "./find-order-shipments";

async function thirdParty(workspaceId: string, displayName: string) {
  const connection = await buildConnection(workspaceId, { provider: "SHIPBOB", externalAccountId: `channel-${crypto.randomUUID()}`, displayName });
  return { workspaceId, connectionId: connection.id };
}

describe("findOrderShipments", () => {
  let shop: CommerceScope;
  let shipbob: CommerceScope;
  const now = new Date(at(10 * 86_400));

  beforeAll(async () => {
    shop = await buildCommerceScope();
    shipbob = await thirdParty(shop.workspaceId, "Demo ShipBob");
    await insertOrder(shop, orderRecord("5001"));
    await insertOrder(shop, orderRecord("5002"));
    // The store has a location with the id of a centre the 3PL has not sent: not that centre's name.
    await ingestLocations(shipbob, [locationRecord("centre-1", { name: "Moreno Valley (CA)" })]);
    await ingestLocations(shop, [locationRecord("centre-9", { name: "Store back room" })]);

    // Order 5001 ships split in two: one shipped on time from a known centre, one still waiting
    // after its estimate, from a centre not synced yet.
    await ingestShipments(shipbob, [
      shipmentRecord("s-1", {
        storeOrderReference: "5001",
        items: [{ inventoryItemExternalId: "inv-1", sku: "DESK-W", quantity: 1 }],
        sourceCreatedAt: at(0),
      }),
      shipmentRecord("s-2", {
        storeOrderReference: "5001",
        status: "Processing",
        locationExternalId: "centre-9",
        trackingNumber: null,
        trackingUrl: null,
        carrier: null,
        shippedAt: null,
        estimatedFulfillmentAt: at(86_400),
        timeline: null,
        items: [{ inventoryItemExternalId: "inv-2", sku: "CHAIR-B", quantity: 4 }],
        sourceCreatedAt: at(60),
      }),
      shipmentRecord("s-other-order", { storeOrderReference: "5002" }),
    ]);

    // Another workspace's 3PL fulfils an order with the same store id.
    const foreign = await buildCommerceScope();
    await insertOrder(foreign, orderRecord("5001"));
    await ingestShipments(await thirdParty(foreign.workspaceId, "Foreign ShipBob"), [shipmentRecord("s-foreign", { storeOrderReference: "5001" })]);
  });

  it("returns the order's shipments (a split one in two), oldest first, with provider, centre, tracking, items and timeline", async () => {
    const { shipments, hasFulfilmentConnection } = await findOrderShipments(workspaceDb(shop.workspaceId), "5001", now);
    expect(hasFulfilmentConnection).toBe(true);
    expect(shipments.map((s) => s.externalId)).toEqual(["s-1", "s-2"]);

    const [shipped, waiting] = shipments;
    expect(shipped).toMatchObject({
      connection: { id: shipbob.connectionId, displayName: "Demo ShipBob", providerName: "ShipBob" },
      status: "Completed",
      centre: { externalId: "centre-1", name: "Moreno Valley (CA)" },
      carrier: "UPS",
      trackingNumber: "1Zs-1",
      trackingUrl: "https://tracking.example.test/1Zs-1",
      late: false, // shipped an hour in, the estimate was a day
      items: [{ sku: "DESK-W", quantity: 1 }],
    });
    expect(shipped!.timeline).toEqual([
      { type: "Processing", description: "Order processing", occurredAt: new Date(at(0)) },
      { type: "Shipped", description: "Shipped", occurredAt: new Date(at(3_600)) },
    ]);
    expect(waiting).toMatchObject({
      status: "Processing",
      centre: { externalId: "centre-9", name: null },
      late: true, // day 1 estimate, still not shipped on day 10
      items: [{ sku: "CHAIR-B", quantity: 4 }],
      timeline: null,
    });
  });

  it("never shows another order's or another workspace's shipments, and the order page carries them", async () => {
    const workspace = await db.workspace.findUniqueOrThrow({ where: { id: shop.workspaceId }, include: { memberships: { include: { user: true } } } });
    const order = await db.order.findFirstOrThrow({ where: { workspaceId: shop.workspaceId, externalId: "5002" } });
    const detail = await callerFor(workspace.memberships[0]!.user).order.get({ workspaceSlug: workspace.slug, orderId: order.id });
    expect(detail.fulfilment.shipments.map((s) => s.externalId)).toEqual(["s-other-order"]);
  });

  it("says whether an order without shipments has a 3PL that could ship it: none, or only a disconnected one, is no", async () => {
    expect(await findOrderShipments(workspaceDb(shop.workspaceId), "5003")).toEqual({ shipments: [], hasFulfilmentConnection: true });

    const storeOnly = await buildCommerceScope();
    expect(await findOrderShipments(workspaceDb(storeOnly.workspaceId), "5001")).toEqual({ shipments: [], hasFulfilmentConnection: false });

    const disconnected = await thirdParty(storeOnly.workspaceId, "Old ShipBob");
    await db.connection.update({ where: { id: disconnected.connectionId }, data: { status: "DISCONNECTED" } });
    expect((await findOrderShipments(workspaceDb(storeOnly.workspaceId), "5001")).hasFulfilmentConnection).toBe(false);
  });
});
