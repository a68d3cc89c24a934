import { describe, expect, it } from "vitest";
import { orderFiltersToQuery, orderFiltersToSearch, readOrderFilters } from "./order-filters";
import { hasFilters } from "@/components/ui/url-filters";

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
    expect(readOrderFilters(new URLSearchParams(search))).toEqual({ filters, rejected: [] });
  });

  it("leaves out unknown statuses, impossible days and oversized text, and reports each", () => {
    const params = new URLSearchParams({ financial: "LOST", fulfillment: "paid", from: "2030-02-31", to: "soon", q: "x".repeat(101), connection: " " });
    expect(readOrderFilters(params)).toEqual({
      filters: {},
      rejected: [
        { param: "q", value: "x".repeat(101), message: "Search is longer than 100 characters" },
        { param: "financial", value: "LOST", message: "Unknown payment status 'LOST'" },
        { param: "fulfillment", value: "paid", message: "Unknown fulfillment status 'paid'" },
        { param: "from", value: "2030-02-31", message: "From '2030-02-31' is not a date" },
        { param: "to", value: "soon", message: "To 'soon' is not a date" },
      ],
    });
    expect(hasFilters({})).toBe(false);
    expect(hasFilters({ search: "a" })).toBe(true);
  });

  it("keeps the values it can use beside one it reports", () => {
    expect(readOrderFilters(new URLSearchParams("financial=PAID&fulfillment=shipped-ish&q=%20"))).toEqual({
      filters: { financialStatus: "PAID" },
      rejected: [{ param: "fulfillment", value: "shipped-ish", message: "Unknown fulfillment status 'shipped-ish'" }],
    });
  });

  it("sends whole days in the workspace's zone, not the viewer's", () => {
    const query = orderFiltersToQuery({ from: "2030-03-01", to: "2030-03-02" }, "America/New_York");
    expect(query.from).toEqual(new Date("2030-03-01T05:00:00.000Z"));
    // The clocks go forward on 2030-03-10 in New York; this range ends before.
    expect(query.to).toEqual(new Date("2030-03-03T04:59:59.999Z"));
  });

});
