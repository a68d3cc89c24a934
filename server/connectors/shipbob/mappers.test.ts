import { describe, expect, it } from "vitest";
import { shipmentTimeline } from "./mappers";

describe("shipmentTimeline", () => {
  it("maps ShipBob's entries to events, oldest first whatever the answer's order, naming an unnamed log type by its id, leaving out an entry without a time", () => {
    const entries = [
      { log_type_id: 5, log_type_name: "Shipped", log_type_text: "Shipped", timestamp: "2026-10-02T09:00:00.000Z" },
      { log_type_id: 1, log_type_name: "OrderPlacedStoreIntegration", log_type_text: "Order placed", timestamp: "2026-10-01T08:00:00.000Z" },
      { log_type_id: 42, log_type_name: null, log_type_text: null, timestamp: "2026-10-01T12:00:00.000Z" },
      { log_type_id: null, log_type_name: null, log_type_text: "Address validated", timestamp: "2026-10-01T10:00:00.000Z" },
      { log_type_id: 3, log_type_name: "Packed", log_type_text: "Packed", timestamp: null },
    ];
    expect(shipmentTimeline(entries)).toEqual([
      { type: "OrderPlacedStoreIntegration", description: "Order placed", occurredAt: "2026-10-01T08:00:00.000Z" },
      { type: "Log type unknown", description: "Address validated", occurredAt: "2026-10-01T10:00:00.000Z" },
      { type: "Log type 42", description: null, occurredAt: "2026-10-01T12:00:00.000Z" },
      { type: "Shipped", description: "Shipped", occurredAt: "2026-10-02T09:00:00.000Z" },
    ]);
  });
});
