import { describe, expect, it } from "vitest";
import { orderTimeline } from "./order-timeline";

const at = (iso: string) => new Date(iso);
const base = {
  sourceCreatedAt: at("2026-03-01T10:00:00Z"),
  transactions: [],
  refunds: [],
  cancelledAt: null,
  cancelReason: null,
  closedAt: null,
  fulfilment: { shipments: [], hasFulfilmentConnection: false },
  syncedAt: at("2026-03-05T08:00:00Z"),
};

describe("orderTimeline", () => {
  it("puts what happened in time order, ties in the order of a purchase", () => {
    const events = orderTimeline({
      ...base,
      transactions: [
        { kind: "AUTHORIZATION", status: "SUCCESS", gateway: "card", amount: "40", currency: "USD", processedAt: at("2026-03-01T10:00:00Z") },
        { kind: "CAPTURE", status: "SUCCESS", gateway: "card", amount: "40", currency: "USD", processedAt: at("2026-03-01T10:00:00Z") },
        { kind: "SALE", status: "FAILURE", gateway: "card", amount: "40", currency: "USD", processedAt: at("2026-03-01T09:59:00Z") },
        { kind: "REFUND", status: "SUCCESS", gateway: "card", amount: "10", currency: "USD", processedAt: at("2026-03-03T00:00:00Z") },
      ],
      refunds: [{ createdAt: at("2026-03-03T00:00:00Z"), total: "10", currency: "USD" }],
      fulfilment: {
        hasFulfilmentConnection: true,
        shipments: [{ shippedAt: at("2026-03-02T12:00:00Z"), deliveredAt: at("2026-03-04T12:00:00Z"), carrier: "UPS" } as never],
      },
      cancelledAt: null,
      closedAt: at("2026-03-04T13:00:00Z"),
    });
    expect(events.map((e) => [e.kind, e.at.toISOString(), e.amount?.amount ?? e.detail ?? null])).toEqual([
      ["placed", "2026-03-01T10:00:00.000Z", null],
      // Only money taken: not the authorization, the failed sale or the refund's transaction.
      ["paid", "2026-03-01T10:00:00.000Z", "40"],
      ["shipped", "2026-03-02T12:00:00.000Z", "UPS"],
      ["refunded", "2026-03-03T00:00:00.000Z", "10"],
      ["delivered", "2026-03-04T12:00:00.000Z", "UPS"],
      ["closed", "2026-03-04T13:00:00.000Z", null],
      ["synced", "2026-03-05T08:00:00.000Z", null],
    ]);
  });

  it("shows a cancellation with its reason", () => {
    const events = orderTimeline({ ...base, cancelledAt: at("2026-03-02T00:00:00Z"), cancelReason: "CUSTOMER" });
    expect(events.find((e) => e.kind === "cancelled")).toEqual({ kind: "cancelled", at: at("2026-03-02T00:00:00Z"), detail: "CUSTOMER" });
  });
});
