import { describe, expect, it } from "vitest";
import { routeTo } from "./route-to";

describe("routeTo", () => {
  it("fills each [param] from the URL's params, encoded", () => {
    expect(routeTo("/w/[slug]/reconciliation/[pairId]", { slug: "acme", pairId: "p 1/2", date: "2026-01-01" })).toBe(
      "/w/acme/reconciliation/p%201%2F2",
    );
  });

  it("leaves a param it was not given (or a catch-all's list) as written", () => {
    expect(routeTo("/w/[slug]/[missing]", { slug: "acme", missing: ["a", "b"] })).toBe("/w/acme/[missing]");
  });
});
