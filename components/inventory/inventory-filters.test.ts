import { describe, expect, it } from "vitest";
import { inventoryFiltersToSearch, parseInventoryFilters } from "./inventory-filters";

describe("inventory filters in the URL", () => {
  it("round-trips location, search and a low-stock threshold of zero", () => {
    const filters = { locationId: "loc_1", search: "TEE-", lowStockAt: 0 };
    const search = inventoryFiltersToSearch(filters);
    expect(search).toBe("location=loc_1&q=TEE-&low=0");
    expect(parseInventoryFilters(new URLSearchParams(search))).toEqual(filters);
  });

  it("drops a threshold that is not a whole number", () => {
    expect(parseInventoryFilters(new URLSearchParams("low=2.5"))).toEqual({});
    expect(parseInventoryFilters(new URLSearchParams("low=lots"))).toEqual({});
  });

  it("round-trips the By SKU view with its discrepancy filter and threshold", () => {
    const filters = { view: "sku" as const, search: "MUG", show: "discrepancies" as const, threshold: 2 };
    const search = inventoryFiltersToSearch(filters);
    expect(search).toBe("view=sku&q=MUG&show=discrepancies&diff=2");
    expect(parseInventoryFilters(new URLSearchParams(search))).toEqual(filters);
  });

  it("drops an unknown view, show or a negative threshold", () => {
    expect(parseInventoryFilters(new URLSearchParams("view=grid&show=everything&diff=-1"))).toEqual({});
  });
});
