import { beforeAll, describe, expect, it } from "vitest";
import { at, buildCommerceScope, locationRecord, orderRecord, returnRecord } from "@/prisma/factories/commerce";
import { insertOrder, type CommerceScope } from "@/prisma/factories/commerce-rows";
import { buildConnection } from "@/prisma/factories/connections";
import { buildMember } from "@/prisma/factories/members";
import { callerFor, errorOf } from "@/server/api/test-utils";
import { db, workspaceDb } from "@/server/db";
import { ingestLocations, ingestReturns } from "@/server/ingest";
import { findReturns } from "./find-returns";
import { findReturnsInput, type ReturnStatus } from "./schema";

async function thirdParty(workspaceId: string) {
  const connection = await buildConnection(workspaceId, { provider: "SHIPBOB", externalAccountId: `channel-${crypto.randomUUID()}`, displayName: "Warehouse" });
  return { workspaceId, connectionId: connection.id };
}

const DAY = 86_400;
const history = (...steps: [string, number][]) => steps.map(([status, day]) => ({ status, occurredAt: at(day * DAY) }));

describe("findReturns", () => {
  let shop: CommerceScope;
  const list = (extra: { status?: ReturnStatus; search?: string; cursor?: string; limit?: number } = {}) =>
    findReturns(workspaceDb(shop.workspaceId), findReturnsInput.parse(extra));
  const ids = async (extra: { status?: ReturnStatus; search?: string } = {}) => (await list(extra)).items.map((r) => r.externalId);

  beforeAll(async () => {
    shop = await buildCommerceScope();
    const warehouse = await thirdParty(shop.workspaceId);
    await insertOrder(shop, orderRecord("7001"));
    await ingestLocations(warehouse, [locationRecord("centre-1", { name: "Moreno Valley (CA)" })]);
    await ingestReturns(warehouse, [
      returnRecord("60001", {
        reference: "RMA-2026-0417",
        storeOrderReference: "7001",
        shipmentExternalId: "500001",
        trackingNumber: "9202AAA",
        status: "Completed",
        statusHistory: history(["AwaitingArrival", 1], ["Arrived", 4], ["Processing", 7], ["Completed", 10]),
        items: [
          { inventoryItemExternalId: "inv-1", sku: "TEE-M", quantity: 1 },
          { inventoryItemExternalId: "inv-2", sku: "CAP", quantity: 2 },
        ],
        completedAt: at(10 * DAY),
        sourceCreatedAt: at(1 * DAY),
        sourceUpdatedAt: at(10 * DAY),
      }),
      // Three returns created at the same moment: the keyset's tie on the id.
      returnRecord("60002", { storeOrderReference: "7002", status: "Arrived", sourceCreatedAt: at(5 * DAY), sourceUpdatedAt: at(6 * DAY) }),
      returnRecord("60003", { storeOrderReference: "7003", status: "AwaitingArrival", sourceCreatedAt: at(5 * DAY) }),
      returnRecord("60004", { storeOrderReference: "100%", status: "AwaitingArrival", sourceCreatedAt: at(5 * DAY), locationExternalId: "centre-9" }),
      returnRecord("60005", { storeOrderReference: null, status: "Cancelled", sourceCreatedAt: at(8 * DAY) }),
    ]);
    // Another workspace's returns, with the same ids and references.
    const foreign = await buildCommerceScope();
    await ingestReturns(await thirdParty(foreign.workspaceId), [
      returnRecord("60001", { storeOrderReference: "7001", status: "Completed", sourceCreatedAt: at(9 * DAY) }),
      returnRecord("69999", { storeOrderReference: "7001", status: "Arrived", sourceCreatedAt: at(9 * DAY) }),
    ]);
  });

  // Newest first; among equal creation times, by id descending (as the keyset walks them).
  async function expectedOrder() {
    const rows = await db.returnOrder.findMany({ where: { workspaceId: shop.workspaceId }, orderBy: [{ sourceCreatedAt: "desc" }, { id: "desc" }] });
    return rows.map((row) => row.externalId);
  }

  it("lists only this workspace's returns, newest first", async () => {
    const all = await ids();
    expect(all).toEqual(await expectedOrder());
    expect(all[0]).toBe("60005");
    expect(all.at(-1)).toBe("60001");
    expect(new Set(all.slice(1, 4))).toEqual(new Set(["60002", "60003", "60004"]));
    expect(all).not.toContain("69999");
  });

  it.each<[ReturnStatus, string[]]>([
    ["Completed", ["60001"]],
    ["Arrived", ["60002"]],
    ["Cancelled", ["60005"]],
    ["Processing", []],
  ])("filters by status %s", async (status, expected) => {
    expect(await ids({ status })).toEqual(expected);
  });

  it("filters AwaitingArrival, ties in the keyset's order", async () => {
    const awaiting = await ids({ status: "AwaitingArrival" });
    expect(awaiting).toEqual((await expectedOrder()).filter((id) => id === "60003" || id === "60004"));
  });

  it("pages through every return once across the tied creation times, with and without a status", async () => {
    for (const status of [undefined, "AwaitingArrival"] as const) {
      for (const limit of [1, 2]) {
        const seen: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await list({ status, cursor, limit });
          seen.push(...page.items.map((r) => r.externalId));
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        expect(seen).toEqual(await ids({ status }));
      }
    }
  });

  it("searches the start of the return id, the 3PL's reference, tracking number or store order reference; % and _ are literal", async () => {
    expect(await ids({ search: "60001" })).toEqual(["60001"]);
    expect(await ids({ search: "RMA-2026-04" })).toEqual(["60001"]);
    expect(await ids({ search: "9202A" })).toEqual(["60001"]);
    expect(await ids({ search: "700" })).toEqual((await expectedOrder()).filter((id) => ["60001", "60002", "60003"].includes(id)));
    expect(await ids({ search: "100%" })).toEqual(["60004"]);
    expect(await ids({ search: "7_0" })).toEqual([]);
    expect(await ids({ search: "7001", status: "Arrived" })).toEqual([]);
  });

  it("carries the store order (when synced here), the shipment, centre, items, dates and status history", async () => {
    const order = await db.order.findFirstOrThrow({ where: { workspaceId: shop.workspaceId, externalId: "7001" } });
    const [completed] = (await list({ status: "Completed" })).items;
    expect(completed).toMatchObject({
      storeOrderReference: "7001",
      order: { id: order.id, name: "#7001" },
      shipmentExternalId: "500001",
      trackingNumber: "9202AAA",
      centre: { externalId: "centre-1", name: "Moreno Valley (CA)" },
      connection: { displayName: "Warehouse" },
      items: [
        { sku: "TEE-M", quantity: 1 },
        { sku: "CAP", quantity: 2 },
      ],
      createdAt: new Date(at(1 * DAY)),
      updatedAt: new Date(at(10 * DAY)),
      completedAt: new Date(at(10 * DAY)),
    });
    expect(completed!.statusHistory.map((change) => change.status)).toEqual(["AwaitingArrival", "Arrived", "Processing", "Completed"]);
    expect(completed!.statusHistory[3]!.occurredAt).toEqual(new Date(at(10 * DAY)));

    // Not synced here: the reference without a link. A centre never synced: its id, no name.
    expect((await list({ search: "60002" })).items[0]).toMatchObject({ storeOrderReference: "7002", order: null });
    expect((await list({ search: "100%" })).items[0]!.centre).toEqual({ externalId: "centre-9", name: null });
  });

  it("says whether the workspace has a 3PL when nothing is listed", async () => {
    expect((await list()).hasFulfilmentConnection).toBe(true);
    const storeOnly = await buildCommerceScope();
    expect(await findReturns(workspaceDb(storeOnly.workspaceId), findReturnsInput.parse({}))).toEqual({ items: [], nextCursor: null, hasFulfilmentConnection: false });
  });

  it("is readable by a viewer through returns.list, never by another workspace's member", async () => {
    const workspace = await db.workspace.findUniqueOrThrow({ where: { id: shop.workspaceId } });
    const { user } = await buildMember(workspace.id, "VIEWER");
    expect((await callerFor(user).returns.list({ workspaceSlug: workspace.slug, status: "Cancelled" })).items.map((r) => r.externalId)).toEqual(["60005"]);

    const outsider = await buildCommerceScope();
    const stranger = await db.membership.findFirstOrThrow({ where: { workspaceId: outsider.workspaceId }, include: { user: true } });
    expect((await errorOf(callerFor(stranger.user).returns.list({ workspaceSlug: workspace.slug }))).code).toMatch(/NOT_FOUND|FORBIDDEN/);
  });
});
