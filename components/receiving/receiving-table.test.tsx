import { renderToString } from "react-dom/server";
import superjson from "superjson";
import { describe, expect, it } from "vitest";
import { buildCommerceScope, locationRecord, receivingOrderRecord } from "@/prisma/factories/commerce";
import { buildConnection } from "@/prisma/factories/connections";
import { callerFor } from "@/server/api/test-utils";
import { db } from "@/server/db";
import { ingestLocations, ingestReceivingOrders } from "@/server/ingest";
import { ReceivingTable } from "./receiving-table";

const DAY_MS = 86_400_000;

describe("ReceivingTable", () => {
  it("shows each receiving order's PO, centre, flags, totals and per-SKU quantities, from receiving.list's real output", async () => {
    const shop = await buildCommerceScope();
    const workspace = await db.workspace.findUniqueOrThrow({ where: { id: shop.workspaceId }, include: { memberships: { include: { user: true } } } });
    const connection = await buildConnection(shop.workspaceId, { provider: "SHIPBOB", externalAccountId: "channel-1", displayName: "Warehouse" });
    const warehouse = { workspaceId: shop.workspaceId, connectionId: connection.id };
    await ingestLocations(warehouse, [locationRecord("centre-1", { name: "Moreno Valley (CA)" })]);
    // receiving.list judges against the real clock: one order due in two days, one three days late.
    const now = Date.now();
    await ingestReceivingOrders(warehouse, [
      receivingOrderRecord("700001", {
        purchaseOrderNumber: "PO-SOON",
        expectedArrivalAt: new Date(now + 2 * DAY_MS).toISOString(),
        sourceCreatedAt: new Date(now - DAY_MS).toISOString(),
        sourceUpdatedAt: new Date(now - DAY_MS).toISOString(),
      }),
      receivingOrderRecord("700002", {
        purchaseOrderNumber: "PO-LATE",
        status: "Processing",
        expectedArrivalAt: new Date(now - 3 * DAY_MS).toISOString(),
        items: [
          { inventoryItemExternalId: "inv-1", sku: "TEE-M", expectedQuantity: 100, receivedQuantity: 90, stowedQuantity: 60 },
          { inventoryItemExternalId: "inv-2", sku: "CAP", expectedQuantity: 40, receivedQuantity: 40, stowedQuantity: 40 },
        ],
        statusHistory: [
          { status: "Awaiting", occurredAt: new Date(now - 9 * DAY_MS).toISOString() },
          { status: "Processing", occurredAt: new Date(now - DAY_MS).toISOString() },
        ],
        sourceCreatedAt: new Date(now - 9 * DAY_MS).toISOString(),
        sourceUpdatedAt: new Date(now - DAY_MS).toISOString(),
      }),
    ]);

    const page = await callerFor(workspace.memberships[0]!.user).receiving.list({ workspaceSlug: workspace.slug });
    const items = superjson.parse<typeof page>(superjson.stringify(page)).items;
    const html = renderToString(<ReceivingTable orders={items} caption="Receiving orders" />).replaceAll("<!-- -->", "");

    const [soon, late] = html.split('data-testid="receiving-row"').slice(1);
    expect(soon).toContain("PO-SOON");
    expect(soon).toContain('data-testid="receiving-arriving-soon"');
    expect(soon).not.toContain('data-testid="receiving-overdue"');
    expect(soon).toContain("Moreno Valley (CA)");

    expect(late).toContain("PO-LATE");
    expect(late).toContain('data-status="Processing"');
    expect(late).toContain('data-testid="receiving-overdue"');
    expect(late).not.toContain('data-testid="receiving-arriving-soon"');
    // Totals on the row, then each SKU behind its disclosure, then the status history.
    for (const total of [">140<", ">130<", ">100<"]) expect(late).toContain(total);
    expect(late).toContain("2 SKUs");
    expect(late).toContain("TEE-M</span>: 90 of 100 received, 60 stowed");
    expect(late).toContain("CAP</span>: 40 of 40 received, 40 stowed");
    expect(late).toContain("History (2)");
  });
});
