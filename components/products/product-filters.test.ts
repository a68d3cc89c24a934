import { describe, expect, it } from "vitest";
import { productFiltersToSearch, readProductFilters } from "./product-filters";

describe("product filters in the URL", () => {
  it("round-trips search and status, reporting an unknown status", () => {
    const search = productFiltersToSearch({ search: "blue shirt", status: "DRAFT" });
    expect(search).toBe("q=blue+shirt&status=DRAFT");
    expect(readProductFilters(new URLSearchParams(search))).toEqual({ filters: { search: "blue shirt", status: "DRAFT" }, rejected: [] });
    expect(readProductFilters(new URLSearchParams("status=deleted&q=%20"))).toEqual({
      filters: {},
      rejected: [{ param: "status", value: "deleted", message: "Unknown status 'deleted'" }],
    });
  });
});
