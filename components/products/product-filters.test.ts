import { describe, expect, it } from "vitest";
import { parseProductFilters, productFiltersToSearch } from "./product-filters";

describe("product filters in the URL", () => {
  it("round-trips search and status, dropping unknown statuses", () => {
    const search = productFiltersToSearch({ search: "blue shirt", status: "DRAFT" });
    expect(search).toBe("q=blue+shirt&status=DRAFT");
    expect(parseProductFilters(new URLSearchParams(search))).toEqual({ search: "blue shirt", status: "DRAFT" });
    expect(parseProductFilters(new URLSearchParams("status=deleted&q=%20"))).toEqual({});
  });
});
