import { describe, expect, it } from "vitest";
import { refundedByLine } from "./refunded-by-line";

describe("refundedByLine", () => {
  it("sums a line refunded in several goes, to the exact cent, and reads a line never refunded as none", () => {
    const refundedOf = refundedByLine([
      { lineItemExternalId: "l1", quantity: 1, subtotal: { amount: "10.10" } },
      { lineItemExternalId: "l2", quantity: 3, subtotal: { amount: "4.5" } },
      { lineItemExternalId: "l1", quantity: 2, subtotal: { amount: "0.20" } },
    ]);
    // As floats 10.1 + 0.2 is 10.299999999999999.
    expect(refundedOf("l1")).toEqual({ refundedQuantity: 3, refundedAmount: "10.3" });
    expect(refundedOf("l2")).toEqual({ refundedQuantity: 3, refundedAmount: "4.5" });
    expect(refundedOf("l3")).toEqual({ refundedQuantity: 0, refundedAmount: null });
  });
});
