import { renderToString } from "react-dom/server";
import superjson from "superjson";
import { describe, expect, it } from "vitest";
import { inventoryLevelRecord, locationRecord, productRecord, variantRecord } from "@/prisma/factories/commerce";
import { insertInventoryLevels, insertLocation, insertProduct, type CommerceScope } from "@/prisma/factories/commerce-rows";
import { buildConnection } from "@/prisma/factories/connections";
import { buildWorkspaceWithOwner } from "@/prisma/factories/members";
import { useRowSelection } from "@/components/ui/row-selection";
import type { TableSort } from "@/components/ui/sortable-head";
import { callerFor } from "@/server/api/test-utils";
import { INVENTORY_SKU_SORTS, type InventorySkuSort } from "@/server/services/inventory/schema";
import { SkuStockTable, type SkuStock } from "./sku-stock-table";

async function stock(scope: CommerceScope, sku: string, levels: Record<string, number>) {
  const id = `${sku}-${crypto.randomUUID().slice(0, 6)}`;
  await insertProduct(scope, productRecord(id, { title: `Product ${sku}`, variants: [variantRecord(id, { sku, inventoryItemExternalId: `item-${id}` })] }));
  await insertInventoryLevels(scope, Object.entries(levels).map(([location, available]) => inventoryLevelRecord(`item-${id}`, location, { available, onHand: available + 1, committed: 1, incoming: 4 })));
}

const SORTED_BY_DIFFERENCE: TableSort<InventorySkuSort> = { sort: "difference", dir: "desc", first: INVENTORY_SKU_SORTS, onSort: () => undefined };

// The table as ListTableCard hands it its parts: a row selection (here with the first row ticked).
function Harness({ items }: { items: SkuStock[] }) {
  const selection = useRowSelection(items.map((item) => item.id));
  const ticked = { ...selection, has: (id: string) => id === items[0]?.id };
  return <SkuStockTable items={items} busy={false} sort={SORTED_BY_DIFFERENCE} selection={ticked} tableRef={{ current: null }} />;
}

// Renders the By SKU table from what inventory.bySku really returns, after the HTTP link's
// superjson round trip.
async function renderBySku() {
  const { workspace, owner } = await buildWorkspaceWithOwner();
  const store = { workspaceId: workspace.id, connectionId: (await buildConnection(workspace.id)).id };
  const tplConnection = await buildConnection(workspace.id, { provider: "SHIPBOB", externalAccountId: `channel-${crypto.randomUUID()}`, displayName: "3PL" });
  const tpl = { workspaceId: workspace.id, connectionId: tplConnection.id };
  await insertLocation(store, locationRecord("shop-a", { name: "Main Street" }));
  await insertLocation(tpl, locationRecord("fc-1", { name: "Moreno Valley" }));
  await stock(store, "MUG-1", { "shop-a": 10 });
  await stock(tpl, "MUG-1", { "fc-1": 7 });
  await stock(store, "TEE-1", { "shop-a": 3 });
  const fromServer = await callerFor(owner).inventory.bySku({ workspaceSlug: workspace.slug, sort: "difference" });
  const wire = superjson.parse<typeof fromServer>(superjson.stringify(fromServer));
  // React marks text boundaries with empty comments; they are not part of what people read.
  return renderToString(<Harness items={wire.items} />).replaceAll("<!-- -->", "");
}

function rowOf(html: string, sku: string): string {
  return html.match(new RegExp(`<tr[^>]*data-sku="${sku}"[^>]*>.*?</tr>`))?.[0] ?? "";
}

describe("SkuStockTable", () => {
  it("shows each side's totals, the signed difference, a one-system badge and a collapsed, labelled breakdown", async () => {
    const html = await renderBySku();
    const mug = rowOf(html, "MUG-1");
    expect(mug).toMatch(/<td[^>]*data-label="Title"[^>]*>Product MUG-1</);
    expect(mug).toMatch(/>10<.*>7<.*>8<.*>1<.*>4<.*>\+3</);
    expect(mug).toMatch(/<button[^>]*aria-expanded="false"[^>]*aria-controls="inventory-sku-detail-0"/);
    expect(html).toMatch(/<tr[^>]*id="inventory-sku-detail-0"[^>]*hidden/);
    expect(html).toContain("Main Street");
    expect(html).toContain("Moreno Valley");
    expect(html).toContain("7 · 8 · 1 · 4");

    const tee = rowOf(html, "TEE-1");
    expect(tee).toContain("Store only");
    expect(tee).toMatch(/>3<.*>—</);
    expect(html).toContain("Not at the 3PL");
  });

  it("sorts from its headers, says the sort in its caption and aria-sort, and selects rows by SKU", async () => {
    const html = await renderBySku();
    expect(html).toContain("Stock by SKU across store and fulfilment centres, largest difference first, SKUs in one system only last");
    expect(html).toMatch(/<th[^>]*aria-sort="descending"[^>]*><button[^>]*data-testid="sort-difference"/);
    for (const sort of ["sku", "title", "storeAvailable", "fulfillable"]) expect(html).toContain(`data-testid="sort-${sort}"`);
    expect(html).toMatch(/<table[^>]*tabindex="-1"/);
    expect(html).toContain('aria-label="Select every SKU on this page"');
    expect(rowOf(html, "MUG-1")).toMatch(/<input type="checkbox"[^>]*aria-label="Select MUG-1"[^>]*checked=""/);
    expect(rowOf(html, "TEE-1")).toMatch(/aria-label="Select TEE-1"/);
    expect(rowOf(html, "TEE-1")).not.toMatch(/checked=""/);
  });
});
