import { describe, expect, it } from "vitest";
import { statusBadge, statusLabel } from "./order-status";

describe("order statuses", () => {
  it("reads provider codes as words", () => {
    expect(statusLabel("PARTIALLY_REFUNDED")).toBe("Partially refunded");
    expect(statusLabel("PAID")).toBe("Paid");
    expect(statusLabel(null)).toBe("—");
  });

  it("colours what needs attention and stays neutral for unknown codes", () => {
    expect(statusBadge("financial", "PAID")).toEqual({ label: "Paid", variant: "success" });
    expect(statusBadge("fulfillment", "UNFULFILLED")).toEqual({ label: "Unfulfilled", variant: "warning" });
    expect(statusBadge("product", "ARCHIVED").variant).toBe("outline");
    expect(statusBadge("financial", "SOMETHING_NEW")).toEqual({ label: "Something new", variant: "outline" });
    expect(statusBadge("fulfillment", null)).toEqual({ label: "—", variant: "outline" });
  });
});
