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
});
