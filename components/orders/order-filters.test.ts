import { describe, expect, it } from "vitest";
import { orderFiltersToQuery, orderFiltersToSearch, parseOrderFilters } from "./order-filters";
import { hasFilters, intParam } from "@/components/ui/url-filters";

describe("order filters in the URL", () => {
  it("round-trips every filter", () => {
    const filters = {
      search: "#1001",
      financialStatus: "PAID" as const,
      fulfillmentStatus: "UNFULFILLED" as const,
      connectionId: "conn_1",
      from: "2030-03-01",
      to: "2030-03-31",
    };
    const search = orderFiltersToSearch(filters);
    expect(search).toBe("q=%231001&financial=PAID&fulfillment=UNFULFILLED&connection=conn_1&from=2030-03-01&to=2030-03-31");
    expect(parseOrderFilters(new URLSearchParams(search))).toEqual(filters);
  });

  it("drops unknown statuses, impossible days and oversized text", () => {
    const params = new URLSearchParams({ financial: "LOST", fulfillment: "paid", from: "2030-02-31", to: "soon", q: "x".repeat(101), connection: " " });
    expect(parseOrderFilters(params)).toEqual({});
    expect(hasFilters({})).toBe(false);
    expect(hasFilters({ search: "a" })).toBe(true);
  });

  it("sends whole days in the viewer's timezone", () => {
    const query = orderFiltersToQuery({ from: "2030-03-01", to: "2030-03-02" });
    expect(query.from).toEqual(new Date(2030, 2, 1));
    expect(query.to).toEqual(new Date(2030, 2, 2, 23, 59, 59, 999));
  });

  it("reads bounded integers only", () => {
    const params = new URLSearchParams({ a: "5", b: "1.5", c: "99999999", d: "-2" });
    expect([intParam(params, "a", 0, 10), intParam(params, "b", 0, 10), intParam(params, "c", 0, 10), intParam(params, "d", -5, 10)]).toEqual([5, undefined, undefined, -2]);
  });
});
