import { describe, expect, it } from "vitest";
import { hasFilters } from "@/components/ui/url-filters";
import { jobFiltersToQuery, jobFiltersToSearch, readJobFilters } from "./job-filters";

describe("job filters in the URL", () => {
  it("round-trips every filter through the search params", () => {
    const filters = { kind: "sync", status: "FAILED" as const, connectionId: "conn_1", from: "2030-03-01", to: "2030-03-31" };
    const search = jobFiltersToSearch(filters);
    expect(search).toBe("kind=sync&status=FAILED&connection=conn_1&from=2030-03-01&to=2030-03-31");
    expect(readJobFilters(new URLSearchParams(search))).toEqual({ filters, rejected: [] });
  });

  it("leaves out empty filters", () => {
    expect(jobFiltersToSearch({ kind: "sync", status: undefined, from: "" })).toBe("kind=sync");
    expect(readJobFilters(new URLSearchParams(""))).toEqual({ filters: {}, rejected: [] });
    expect(hasFilters({})).toBe(false);
    expect(hasFilters({ kind: "sync" })).toBe(true);
  });

  it("leaves out unknown statuses, malformed or impossible dates and oversized values, and reports each", () => {
    const params = new URLSearchParams({ status: "EXPLODED", from: "yesterday", to: "2030-02-31", kind: "x".repeat(65), connection: "  " });
    const { filters, rejected } = readJobFilters(params);
    expect(filters).toEqual({});
    expect(rejected.map((r) => [r.param, r.message])).toEqual([
      ["kind", "Job is longer than 64 characters"],
      ["status", "Unknown status 'EXPLODED'"],
      ["from", "From 'yesterday' is not a date"],
      ["to", "To '2030-02-31' is not a date"],
    ]);
  });

  it("turns days into an inclusive range in the workspace's zone, not the viewer's", () => {
    const query = jobFiltersToQuery({ from: "2030-03-01", to: "2030-03-02", status: "RUNNING" }, "Asia/Tokyo");
    expect(query.status).toBe("RUNNING");
    expect(query.from).toEqual(new Date("2030-02-28T15:00:00.000Z"));
    expect(query.to).toEqual(new Date("2030-03-02T14:59:59.999Z"));
    expect(jobFiltersToQuery({}, "Asia/Tokyo")).toEqual({ kind: undefined, status: undefined, connectionId: undefined, from: undefined, to: undefined });
  });
});
