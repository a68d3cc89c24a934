import type { ShipmentRecord } from "@/server/connectors/_core/records";
import { flatRecordIngest, jsonWithQuantities } from "./flat-records";

/** Upserts a 3PL's shipments, each with its whole timeline and items; an older copy never replaces a newer one. */
export const ingestShipments = flatRecordIngest<ShipmentRecord>({
  what: "shipments",
  table: "Shipment",
  columns: [
    ["orderExternalId", "text"],
    ["storeOrderReference", "text"],
    ["status", "text"],
    ["locationExternalId", "text"],
    ["trackingNumber", "text"],
    ["carrier", "text"],
    ["trackingUrl", "text"],
    ["estimatedFulfillmentAt", "timestamptz"],
    ["estimatedFulfillmentStatus", "text"],
    ["shippedAt", "timestamptz"],
    ["deliveredAt", "timestamptz"],
    ["timeline", "jsonb"],
    ["items", "jsonb"],
    ["sourceCreatedAt", "timestamptz"],
  ],
  row: (shipment) => ({
    ...shipment,
    timeline: JSON.stringify(shipment.timeline),
    items: jsonWithQuantities(shipment.items, ["quantity"], `shipment ${shipment.externalId}`),
  }),
});
