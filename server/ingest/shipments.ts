import type { ShipmentRecord } from "@/server/connectors/_core/records";
import { flatRecordIngest, jsonWithQuantities } from "./flat-records";
import { SHIPMENT_ALERT_ENTRIES } from "./shipment-alert-entries";

/**
 * Upserts a 3PL's shipments with their items, and their timeline when the copy carries it (else
 * the stored one stays); an older copy never replaces a newer one. A shipment this write brings
 * into Exception or OnHold is queued for its workspace's alert email in the same statement.
 */
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
  optional: ["timeline"],
  entered: SHIPMENT_ALERT_ENTRIES,
  row: (shipment) => ({
    ...shipment,
    timeline: shipment.timeline && JSON.stringify(shipment.timeline),
    items: jsonWithQuantities(shipment.items, ["quantity"], `shipment ${shipment.externalId}`),
  }),
});
