import { renderToString } from "react-dom/server";
import superjson from "superjson";
import { describe, expect, it } from "vitest";
import { at, buildCommerceScope, locationRecord, orderRecord, returnRecord } from "@/prisma/factories/commerce";
import { insertOrder } from "@/prisma/factories/commerce-rows";
import { buildConnection } from "@/prisma/factories/connections";
import { callerFor } from "@/server/api/test-utils";
import { db } from "@/server/db";
import { ingestLocations, ingestReturns } from "@/server/ingest";
import { ReturnsTable } from "./returns-table";

describe("ReturnsTable", () => {
  it("shows each return's status with its history, order link, shipment, items and centre, from returns.list's real output", async () => {
    const shop = await buildCommerceScope();
    const workspace = await db.workspace.findUniqueOrThrow({ where: { id: shop.workspaceId }, include: { memberships: { include: { user: true } } } });
    const connection = await buildConnection(shop.workspaceId, { provider: "SHIPBOB", externalAccountId: "channel-1", displayName: "Warehouse" });
    const warehouse = { workspaceId: shop.workspaceId, connectionId: connection.id };
    const order = await insertOrder(shop, orderRecord("8001"));
    await ingestLocations(warehouse, [locationRecord("centre-1", { name: "Moreno Valley (CA)" })]);
    await ingestReturns(warehouse, [
      returnRecord("60001", {
        status: "AwaitingArrival",
        storeOrderReference: "8001",
        shipmentExternalId: "500001",
        trackingNumber: "9202RET",
        items: [{ inventoryItemExternalId: "inv-1", sku: "TEE-M", quantity: 2 }],
        statusHistory: [{ status: "AwaitingArrival", occurredAt: at(0) }],
        sourceCreatedAt: at(60),
      }),
      returnRecord("60002", { status: "Completed", storeOrderReference: "8002", items: [], statusHistory: [], sourceCreatedAt: at(0) }),
    ]);

    const page = await callerFor(workspace.memberships[0]!.user).returns.list({ workspaceSlug: workspace.slug });
    const items = superjson.parse<typeof page>(superjson.stringify(page)).items;
    const html = renderToString(<ReturnsTable slug={workspace.slug} returns={items} caption="Returns" />).replaceAll("<!-- -->", "");

    const [awaiting, completed] = html.split('data-testid="return-row"').slice(1);
    expect(awaiting).toContain('data-status="AwaitingArrival"');
    expect(awaiting).toContain("Awaiting arrival");
    expect(awaiting).toContain('data-testid="status-history"');
    expect(awaiting).toContain(`href="/w/${workspace.slug}/orders/${order.id}"`);
    expect(awaiting).toContain("#8001");
    expect(awaiting).toContain("500001");
    expect(awaiting).toContain("9202RET");
    // ShipBob's own reference beside its id (the factory's RMA number).
    expect(awaiting).toContain("RMA-60001");
    expect(awaiting).toContain("2 × ");
    expect(awaiting).toContain("TEE-M");
    expect(awaiting).toContain("Moreno Valley (CA)");

    // No synced order: the reference as text. No history or items: nothing to open, a dash.
    expect(completed).not.toContain('data-testid="return-order-link"');
    expect(completed).toContain("8002");
    expect(completed).not.toContain('data-testid="status-history"');
    expect(completed).not.toContain('data-testid="return-item"');
  });
});
