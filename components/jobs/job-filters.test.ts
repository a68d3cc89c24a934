import { describe, expect, it } from "vitest";
import { hasFilters } from "@/components/ui/url-filters";
import { jobFiltersToQuery, jobFiltersToSearch, parseJobFilters } from "./job-filters";

describe("job filters in the URL", () => {
  it("round-trips every filter through the search params", () => {
    const filters = { kind: "sync", status: "FAILED" as const, connectionId: "conn_1", from: "2030-03-01", to: "2030-03-31" };
    const search = jobFiltersToSearch(filters);
    expect(search).toBe("kind=sync&status=FAILED&connection=conn_1&from=2030-03-01&to=2030-03-31");
    expect(parseJobFilters(new URLSearchParams(search))).toEqual(filters);
  });

  it("leaves out empty filters", () => {
    expect(jobFiltersToSearch({ kind: "sync", status: undefined, from: "" })).toBe("kind=sync");
    expect(parseJobFilters(new URLSearchParams(""))).toEqual({});
    expect(hasFilters({})).toBe(false);
    expect(hasFilters({ kind: "sync" })).toBe(true);
  });

  it("drops unknown statuses, malformed or impossible dates and oversized values", () => {
    const params = new URLSearchParams({ status: "EXPLODED", from: "yesterday", to: "2030-02-31", kind: "x".repeat(65), connection: "  " });
    expect(parseJobFilters(params)).toEqual({});
  });

  it("turns days into an inclusive range in the viewer's timezone", () => {
    const query = jobFiltersToQuery({ from: "2030-03-01", to: "2030-03-02", status: "RUNNING" });
    expect(query.status).toBe("RUNNING");
    expect(query.from).toEqual(new Date(2030, 2, 1, 0, 0, 0, 0));
    expect(query.to).toEqual(new Date(2030, 2, 2, 23, 59, 59, 999));
    expect(jobFiltersToQuery({})).toEqual({ kind: undefined, status: undefined, connectionId: undefined, from: undefined, to: undefined });
  });
});
