import { beforeAll, describe, expect, it } from "vitest";
import { at, buildCommerceScope, locationRecord, receivingOrderRecord } from "@/prisma/factories/commerce";
import type { CommerceScope } from "@/prisma/factories/commerce-rows";
import { buildConnection } from "@/prisma/factories/connections";
import { buildMember } from "@/prisma/factories/members";
import { callerFor, errorOf } from "@/server/api/test-utils";
import { db, workspaceDb } from "@/server/db";
import { ingestLocations, ingestReceivingOrders } from "@/server/ingest";
import { findReceivingOrders } from "./find-receiving-orders";
import { findReceivingOrdersInput, type ReceivingStatus, type ReceivingView } from "./schema";

async function thirdParty(workspaceId: string) {
  const connection = await buildConnection(workspaceId, { provider: "SHIPBOB", externalAccountId: `channel-${crypto.randomUUID()}`, displayName: "Warehouse" });
  return { workspaceId, connectionId: connection.id };
}

const DAY = 86_400;
const NOW = 20 * DAY;
const now = new Date(at(NOW));
// A moment `ms` milliseconds from now.
const fromNow = (ms: number) => new Date(now.getTime() + ms).toISOString();

describe("findReceivingOrders", () => {
  let shop: CommerceScope;
  const list = (extra: { view?: ReceivingView; status?: ReceivingStatus; cursor?: string; limit?: number } = {}) =>
    findReceivingOrders(workspaceDb(shop.workspaceId), findReceivingOrdersInput.parse(extra), now);
  const ids = async (extra: { view?: ReceivingView; status?: ReceivingStatus } = {}) => (await list(extra)).items.map((w) => w.externalId);

  beforeAll(async () => {
    shop = await buildCommerceScope();
    const warehouse = await thirdParty(shop.workspaceId);
    await ingestLocations(warehouse, [locationRecord("centre-1", { name: "Moreno Valley (CA)" })]);
    const wro = (id: string, status: ReceivingStatus, expectedArrivalAt: string | null, createdDay: number) =>
      receivingOrderRecord(id, { status, expectedArrivalAt, sourceCreatedAt: at(createdDay * DAY), sourceUpdatedAt: at(createdDay * DAY), statusHistory: [{ status, occurredAt: at(createdDay * DAY) }] });
    await ingestReceivingOrders(warehouse, [
      // Arriving soon: due from now to 7 days from now, inclusive, and nothing received yet.
      wro("due-now", "Awaiting", fromNow(0), 3),
      wro("due-in-7-days", "Awaiting", fromNow(7 * DAY * 1000), 3),
      wro("due-past-7-days", "Awaiting", fromNow(7 * DAY * 1000 + 1), 3),
      wro("arrived-early", "Arrived", fromNow(DAY * 1000), 3),
      // Overdue: the expected arrival has passed and it is not complete.
      wro("late-awaiting", "Awaiting", fromNow(-1), 2),
      wro("late-processing", "Processing", fromNow(-3 * DAY * 1000), 2),
      wro("late-incomplete", "Incomplete", fromNow(-3 * DAY * 1000), 2),
      wro("done", "Completed", fromNow(-5 * DAY * 1000), 1),
      wro("called-off", "Cancelled", fromNow(-5 * DAY * 1000), 1),
      wro("undated", "Awaiting", null, 1),
    ]);
    // Another workspace's receiving orders, with the same ids.
    const foreign = await buildCommerceScope();
    await ingestReceivingOrders(await thirdParty(foreign.workspaceId), [
      wro("late-awaiting", "Awaiting", fromNow(-DAY * 1000), 2),
      wro("foreign-soon", "Awaiting", fromNow(DAY * 1000), 2),
    ]);
  });

  async function newestFirst() {
    const rows = await db.receivingOrder.findMany({ where: { workspaceId: shop.workspaceId }, orderBy: [{ sourceCreatedAt: "desc" }, { id: "desc" }] });
    return rows.map((row) => row.externalId);
  }

  it("lists only this workspace's receiving orders, newest first", async () => {
    const all = await ids();
    expect(all).toEqual(await newestFirst());
    expect(all).toHaveLength(10);
    expect(all).not.toContain("foreign-soon");
  });

  it("arriving soon: expected from now to 7 days from now (both ends included), not yet received; soonest first", async () => {
    expect(await ids({ view: "arriving_soon" })).toEqual(["due-now", "due-in-7-days"]);
  });

  it("overdue: expected arrival passed and not completed or cancelled; most overdue first, ties by id", async () => {
    const overdue = await ids({ view: "overdue" });
    expect(overdue.slice(0, 2).sort()).toEqual(["late-incomplete", "late-processing"]);
    expect(overdue[2]).toBe("late-awaiting");
    expect(overdue).toHaveLength(3);
  });

  it("flags each row by the rules the views filter by, wherever it is listed", async () => {
    const all = (await list()).items;
    expect(all.filter((w) => w.arrivingSoon).map((w) => w.externalId).sort()).toEqual((await ids({ view: "arriving_soon" })).sort());
    expect(all.filter((w) => w.overdue).map((w) => w.externalId).sort()).toEqual((await ids({ view: "overdue" })).sort());
  });

  it("filters by status, alone and within a view", async () => {
    expect(await ids({ status: "Completed" })).toEqual(["done"]);
    expect((await ids({ status: "Awaiting" })).sort()).toEqual(["due-in-7-days", "due-now", "due-past-7-days", "late-awaiting", "undated"]);
    expect(await ids({ view: "overdue", status: "Processing" })).toEqual(["late-processing"]);
    expect(await ids({ view: "arriving_soon", status: "Arrived" })).toEqual([]);
  });

  it.each<[ReceivingView, ReceivingStatus | undefined]>([
    ["all", undefined],
    ["all", "Awaiting"],
    ["overdue", undefined],
    ["arriving_soon", undefined],
  ])("pages through %s (status %s) once each, across tied dates", async (view, status) => {
    for (const limit of [1, 2]) {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await list({ view, status, cursor, limit });
        seen.push(...page.items.map((w) => w.externalId));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen).toEqual(await ids({ view, status }));
    }
  });

  it("carries the PO number, centre, expected arrival, quantity totals per SKU and status history", async () => {
    const warehouse = await db.connection.findFirstOrThrow({ where: { workspaceId: shop.workspaceId, provider: "SHIPBOB" } });
    await ingestReceivingOrders({ workspaceId: shop.workspaceId, connectionId: warehouse.id }, [
      receivingOrderRecord("detailed", {
        purchaseOrderNumber: "PO-2601",
        status: "Processing",
        expectedArrivalAt: at(NOW - DAY),
        items: [
          { inventoryItemExternalId: "inv-1", sku: "TEE-M", expectedQuantity: 100, receivedQuantity: 90, stowedQuantity: 60 },
          { inventoryItemExternalId: "inv-2", sku: "CAP", expectedQuantity: 40, receivedQuantity: 40, stowedQuantity: 40 },
        ],
        statusHistory: [
          { status: "Awaiting", occurredAt: at(DAY) },
          { status: "Arrived", occurredAt: at(NOW - DAY) },
          { status: "Processing", occurredAt: at(NOW - 60) },
        ],
        sourceCreatedAt: at(DAY),
        sourceUpdatedAt: at(NOW - 60),
      }),
      receivingOrderRecord("stow-unknown", {
        items: [
          { inventoryItemExternalId: "inv-1", sku: "TEE-M", expectedQuantity: 10, receivedQuantity: 5, stowedQuantity: 5 },
          { inventoryItemExternalId: "inv-2", sku: null, expectedQuantity: 10, receivedQuantity: 0, stowedQuantity: null },
        ],
      }),
    ]);
    const all = (await list({ limit: 100 })).items;
    const detailed = all.find((w) => w.externalId === "detailed");
    expect(detailed).toMatchObject({
      purchaseOrderNumber: "PO-2601",
      status: "Processing",
      centre: { externalId: "centre-1", name: "Moreno Valley (CA)" },
      connection: { displayName: "Warehouse" },
      expectedArrivalAt: new Date(at(NOW - DAY)),
      overdue: true,
      arrivingSoon: false,
      totals: { expected: 140, received: 130, stowed: 100 },
      items: [
        { sku: "TEE-M", expected: 100, received: 90, stowed: 60 },
        { sku: "CAP", expected: 40, received: 40, stowed: 40 },
      ],
      createdAt: new Date(at(DAY)),
      updatedAt: new Date(at(NOW - 60)),
    });
    expect(detailed!.statusHistory.map((change) => change.status)).toEqual(["Awaiting", "Arrived", "Processing"]);
    // A SKU whose stowed count the 3PL does not give: no stowed total rather than a short one.
    expect(all.find((w) => w.externalId === "stow-unknown")!.totals).toEqual({ expected: 20, received: 5, stowed: null });
  });

  it("says whether the workspace has a 3PL when nothing is listed", async () => {
    expect((await list({ view: "arriving_soon", status: "Cancelled" })).hasFulfilmentConnection).toBe(true);
    const storeOnly = await buildCommerceScope();
    expect(await findReceivingOrders(workspaceDb(storeOnly.workspaceId), findReceivingOrdersInput.parse({}), now)).toEqual({
      items: [],
      nextCursor: null,
      hasFulfilmentConnection: false,
    });
  });

  it("is readable by a viewer through receiving.list, never by another workspace's member", async () => {
    const workspace = await db.workspace.findUniqueOrThrow({ where: { id: shop.workspaceId } });
    const { user } = await buildMember(workspace.id, "VIEWER");
    expect((await callerFor(user).receiving.list({ workspaceSlug: workspace.slug, status: "Cancelled" })).items.map((w) => w.externalId)).toEqual(["called-off"]);

    const outsider = await buildCommerceScope();
    const stranger = await db.membership.findFirstOrThrow({ where: { workspaceId: outsider.workspaceId }, include: { user: true } });
    expect((await errorOf(callerFor(stranger.user).receiving.list({ workspaceSlug: workspace.slug }))).code).toMatch(/NOT_FOUND|FORBIDDEN/);
  });
});
