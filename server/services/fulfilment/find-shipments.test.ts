import { beforeAll, describe, expect, it } from "vitest";
import { at, buildCommerceScope, locationRecord, orderRecord, shipmentRecord } from "@/prisma/factories/commerce";
import { insertOrder, type CommerceScope } from "@/prisma/factories/commerce-rows";
import { buildConnection } from "@/prisma/factories/connections";
import { buildMember } from "@/prisma/factories/members";
import { callerFor, errorOf } from "@/server/api/test-utils";
import { db, workspaceDb } from "@/server/db";
import { ingestLocations, ingestShipments } from "@/server/ingest";
import { findShipments } from "./find-shipments";
import { findShipmentsInput, type ShipmentGroup } from "./schema";

async function thirdParty(workspaceId: string) {
  const connection = await buildConnection(workspaceId, { provider: "SHIPBOB", externalAccountId: `channel-${crypto.randomUUID()}`, displayName: "Warehouse" });
  return { workspaceId, connectionId: connection.id };
}

const DAY = 86_400;
const now = new Date(at(10 * DAY));
const unshipped = { shippedAt: null, trackingNumber: null, trackingUrl: null } as const;

describe("findShipments", () => {
  let shop: CommerceScope;
  const list = (group: ShipmentGroup, extra: { search?: string; cursor?: string; limit?: number } = {}) =>
    findShipments(workspaceDb(shop.workspaceId), findShipmentsInput.parse({ group, ...extra }), now);
  const ids = async (group: ShipmentGroup, search?: string) => (await list(group, { search })).items.map((s) => s.externalId);

  beforeAll(async () => {
    shop = await buildCommerceScope();
    const warehouse = await thirdParty(shop.workspaceId);
    await insertOrder(shop, orderRecord("7001"));
    await ingestLocations(warehouse, [locationRecord("centre-1", { name: "Moreno Valley (CA)" })]);
    await ingestShipments(warehouse, [
      // Shipped on day 0 for a day-2 estimate, delivered on day 2: on time.
      shipmentRecord("delivered", { storeOrderReference: "7001", estimatedFulfillmentAt: at(2 * DAY), deliveredAt: at(2 * DAY) }),
      // Shipped on day 3 for a day-1 estimate: in transit, and late.
      shipmentRecord("in-transit-late", { storeOrderReference: "7002", shippedAt: at(3 * DAY), trackingNumber: "1ZLATE" }),
      shipmentRecord("exception", { status: "Exception", ...unshipped, estimatedFulfillmentAt: at(20 * DAY) }),
      // Estimate on day 5, not shipped by day 10: late.
      shipmentRecord("on-hold-late", { status: "OnHold", ...unshipped, estimatedFulfillmentAt: at(5 * DAY) }),
      shipmentRecord("processing-no-estimate", { status: "Processing", ...unshipped, estimatedFulfillmentAt: null }),
      shipmentRecord("processing-on-time", { status: "Processing", ...unshipped, estimatedFulfillmentAt: at(11 * DAY), storeOrderReference: "100%" }),
    ]);
    // Another workspace's shipment, with the same ids and reference.
    const foreign = await buildCommerceScope();
    await ingestShipments(await thirdParty(foreign.workspaceId), [shipmentRecord("delivered", { storeOrderReference: "7001", deliveredAt: at(2 * DAY) })]);
  });

  it.each<[ShipmentGroup, string[]]>([
    ["all", ["in-transit-late", "delivered", "on-hold-late", "processing-on-time", "exception", "processing-no-estimate"]],
    ["exception", ["exception"]],
    ["on_hold", ["on-hold-late"]],
    ["late", ["in-transit-late", "on-hold-late"]],
    ["in_transit", ["in-transit-late"]],
    ["delivered", ["delivered"]],
  ])("%s: %j, earliest estimate first, none last, only this workspace's", async (group, expected) => {
    expect(await ids(group)).toEqual(expected);
  });

  it("filters late by the rule the badge shows: every late row is flagged, no other row is", async () => {
    const all = (await list("all")).items;
    const late = new Set(await ids("late"));
    expect(all.filter((s) => s.late).map((s) => s.externalId).sort()).toEqual([...late].sort());
  });

  it("carries the store order (when synced here), centre, carrier and tracking link", async () => {
    const [delivered] = (await list("delivered")).items;
    const order = await db.order.findFirstOrThrow({ where: { workspaceId: shop.workspaceId, externalId: "7001" } });
    expect(delivered).toMatchObject({
      storeOrderReference: "7001",
      order: { id: order.id, name: "#7001" },
      centre: { externalId: "centre-1", name: "Moreno Valley (CA)" },
      carrier: "UPS",
      trackingUrl: "https://tracking.example.test/1Zdelivered",
      connection: { displayName: "Warehouse", providerName: expect.any(String) },
    });
    expect((await list("in_transit")).items[0]).toMatchObject({ storeOrderReference: "7002", order: null });
  });

  it("searches the start of a tracking number or store order reference; % and _ are literal", async () => {
    expect(await ids("all", "1ZLATE")).toEqual(["in-transit-late"]);
    expect(await ids("all", "700")).toEqual(["in-transit-late", "delivered"]);
    expect(await ids("all", "100%")).toEqual(["processing-on-time"]);
    expect(await ids("all", "7_0")).toEqual([]);
    expect(await ids("late", "7001")).toEqual([]);
  });

  it("pages through every shipment once, across the rows without an estimate", async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await list("all", { cursor, limit: 2 });
      seen.push(...page.items.map((s) => s.externalId));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(await ids("all"));

    // A page size that ends on the row without an estimate, then one past it.
    const five = await list("all", { limit: 5 });
    expect((await list("all", { cursor: five.nextCursor!, limit: 5 })).items.map((s) => s.externalId)).toEqual(["processing-no-estimate"]);
  });

  it("says whether the workspace has a 3PL when nothing is listed", async () => {
    expect((await list("all")).hasFulfilmentConnection).toBe(true);
    const storeOnly = await buildCommerceScope();
    const empty = await findShipments(workspaceDb(storeOnly.workspaceId), findShipmentsInput.parse({}), now);
    expect(empty).toEqual({ items: [], nextCursor: null, hasFulfilmentConnection: false });
  });

  it("is readable by a viewer through fulfilment.list; a bad group or cursor is a 400", async () => {
    const workspace = await db.workspace.findUniqueOrThrow({ where: { id: shop.workspaceId } });
    const { user } = await buildMember(workspace.id, "VIEWER");
    const caller = callerFor(user);
    const page = await caller.fulfilment.list({ workspaceSlug: workspace.slug, group: "exception" });
    expect(page.items.map((s) => s.externalId)).toEqual(["exception"]);

    expect((await errorOf(caller.fulfilment.list({ workspaceSlug: workspace.slug, group: "lost" as ShipmentGroup }))).code).toBe("BAD_REQUEST");
    const badCursor = Buffer.from("none|\u0000", "utf8").toString("base64url");
    expect((await errorOf(caller.fulfilment.list({ workspaceSlug: workspace.slug, cursor: badCursor }))).code).toBe("BAD_REQUEST");

    const outsider = await buildCommerceScope();
    const stranger = await db.membership.findFirstOrThrow({ where: { workspaceId: outsider.workspaceId }, include: { user: true } });
    expect((await errorOf(callerFor(stranger.user).fulfilment.list({ workspaceSlug: workspace.slug }))).code).toMatch(/NOT_FOUND|FORBIDDEN/);
  });
});
