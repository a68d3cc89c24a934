import { renderToString } from "react-dom/server";
import superjson from "superjson";
import { describe, expect, it } from "vitest";
import { at, buildCommerceScope, locationRecord, orderRecord, shipmentRecord } from "@/prisma/factories/commerce";
import { insertOrder } from "@/prisma/factories/commerce-rows";
import { buildConnection } from "@/prisma/factories/connections";
import { callerFor } from "@/server/api/test-utils";
import { db } from "@/server/db";
import { ingestLocations, ingestShipments } from "@/server/ingest";
import { ShipmentsTable } from "./shipments-table";

describe("ShipmentsTable", () => {
  it("shows each shipment's status, late flag, order link, centre and tracking link, from fulfilment.list's real output", async () => {
    const shop = await buildCommerceScope();
    const workspace = await db.workspace.findUniqueOrThrow({ where: { id: shop.workspaceId }, include: { memberships: { include: { user: true } } } });
    const connection = await buildConnection(shop.workspaceId, { provider: "SHIPBOB", externalAccountId: "channel-1", displayName: "Warehouse" });
    const warehouse = { workspaceId: shop.workspaceId, connectionId: connection.id };
    const order = await insertOrder(shop, orderRecord("8001"));
    await ingestLocations(warehouse, [locationRecord("centre-1", { name: "Moreno Valley (CA)" })]);
    await ingestShipments(warehouse, [
      shipmentRecord("s-held", { status: "OnHold", storeOrderReference: "8001", shippedAt: null, estimatedFulfillmentAt: at(60) }),
      shipmentRecord("s-script", { storeOrderReference: "8002", trackingNumber: "1ZSCRIPT", trackingUrl: "javascript:alert(1)", estimatedFulfillmentAt: at(7_200) }),
    ]);

    const page = await callerFor(workspace.memberships[0]!.user).fulfilment.list({ workspaceSlug: workspace.slug });
    const html = renderToString(<ShipmentsTable slug={workspace.slug} shipments={superjson.parse<typeof page>(superjson.stringify(page)).items} caption="Shipments" />).replaceAll(
      "<!-- -->",
      "",
    );

    const [held, script] = html.split('data-testid="shipment-row"').slice(1);
    expect(held).toContain('data-status="OnHold"');
    expect(held).toContain("On hold");
    expect(held).toContain('data-testid="shipment-late"');
    expect(held).toContain(`href="/w/${workspace.slug}/orders/${order.id}"`);
    expect(held).toContain("#8001");
    expect(held).toContain("Moreno Valley (CA)");
    expect(held).toContain('href="https://tracking.example.test/1Zs-held"');

    // No synced order: the reference as text. A non-http tracking URL never becomes a link.
    expect(script).not.toContain('data-testid="shipment-order-link"');
    expect(script).toContain("8002");
    expect(script).not.toContain('data-testid="shipment-late"');
    expect(script).toContain("1ZSCRIPT");
    expect(script).not.toContain("javascript:");
  });
});
