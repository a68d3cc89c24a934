import { describe, expect, it } from "vitest";
import { inventoryFiltersToSearch, readInventoryFilters } from "./inventory-filters";

describe("inventory filters in the URL", () => {
  it("round-trips location, search and a low-stock threshold of zero", () => {
    const filters = { locationId: "loc_1", search: "TEE-", lowStockAt: 0 };
    const search = inventoryFiltersToSearch(filters);
    expect(search).toBe("location=loc_1&q=TEE-&low=0");
    expect(readInventoryFilters(new URLSearchParams(search))).toEqual({ filters, rejected: [] });
  });

  it("reports a threshold that is not a whole number in range, and leaves it out", () => {
    for (const low of ["2.5", "lots", "99999999"]) {
      expect(readInventoryFilters(new URLSearchParams({ low }))).toEqual({
        filters: {},
        rejected: [{ param: "low", value: low, message: `Low stock at must be a whole number from -1000000 to 1000000, not '${low}'` }],
      });
    }
    expect(readInventoryFilters(new URLSearchParams("low=-2")).filters).toEqual({ lowStockAt: -2 });
  });

  it("round-trips the By SKU view with its discrepancy filter and threshold", () => {
    const filters = { view: "sku" as const, search: "MUG", show: "discrepancies" as const, threshold: 2 };
    const search = inventoryFiltersToSearch(filters);
    expect(search).toBe("view=sku&q=MUG&show=discrepancies&diff=2");
    expect(readInventoryFilters(new URLSearchParams(search))).toEqual({ filters, rejected: [] });
  });

  it("reports an unknown view, show or a negative threshold, and leaves them out", () => {
    const { filters, rejected } = readInventoryFilters(new URLSearchParams("view=grid&show=everything&diff=-1"));
    expect(filters).toEqual({});
    expect(rejected.map((r) => r.param)).toEqual(["view", "show", "diff"]);
  });
});
