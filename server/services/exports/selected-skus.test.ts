import { beforeAll, describe, expect, it } from "vitest";
import { buildCommerceScope, inventoryLevelRecord, productRecord, variantRecord } from "@/prisma/factories/commerce";
import { insertInventoryLevels, insertProduct, type CommerceScope } from "@/prisma/factories/commerce-rows";
import { parseExportFilters } from "./parse-filters";
import { exportSourceOf } from "./sources";

// Export selected on Inventory by SKU sends SKUs as its ids: each must reach the query exactly as
// the page showed it (spaces and all, however long a SKU the sources allow), while the other
// lists' ids are still record ids, trimmed and short.

const LONG_SKU = `L${"0123456789".repeat(19)}${"x".repeat(9)}`;
const SKUS = ["A-1", " A-1 ", "A-1 ", LONG_SKU, LONG_SKU.slice(0, -1)];

describe("exporting selected SKUs", () => {
  let store: CommerceScope;
  const source = exportSourceOf("inventory-sku");
  const exportedSkus = async (raw: Record<string, unknown>) => {
    const rows = [];
    for await (const page of source.pages(store.workspaceId, parseExportFilters(source, raw), { cursor: null, pageSize: 2 })) rows.push(...page.rows);
    return rows.map((row) => row[0]);
  };

  beforeAll(async () => {
    store = await buildCommerceScope();
    for (const [n, sku] of SKUS.entries()) {
      await insertProduct(store, productRecord(`p${n}`, { title: `Product ${n}`, variants: [variantRecord(`v${n}`, { sku, inventoryItemExternalId: `item-${n}` })] }));
      await insertInventoryLevels(store, [inventoryLevelRecord(`item-${n}`, "shop-a", { available: n })]);
    }
  });

  it("exports exactly the SKUs selected: one with spaces around it and one of 200 characters", async () => {
    expect(LONG_SKU).toHaveLength(200);
    expect((await exportedSkus({ ids: [" A-1 ", LONG_SKU] })).sort()).toEqual([" A-1 ", LONG_SKU].sort());
    expect(await exportedSkus({ ids: ["A-1"] })).toEqual(["A-1"]);
    expect(await source.count(store.workspaceId, parseExportFilters(source, { ids: ["A-1 ", "no such SKU"] }))).toBe(1);
  });

  it("refuses an empty SKU or one longer than any a page shows with a 400 naming it", () => {
    expect(() => parseExportFilters(source, { ids: ["A-1", ""] })).toThrow(/Filter "ids.1"/);
    expect(() => parseExportFilters(source, { ids: ["x".repeat(1001)] })).toThrow(/Filter "ids.0"/);
  });

  it("keeps other lists' ids as record ids: trimmed, and at most 64 characters", () => {
    const orders = exportSourceOf("orders");
    expect(parseExportFilters(orders, { ids: [" cm1 "] })).toMatchObject({ ids: ["cm1"] });
    expect(() => parseExportFilters(orders, { ids: [LONG_SKU] })).toThrow(/Filter "ids.0"/);
  });
});
