import type { EnteredValues } from "./flat-records";

/** Shipment statuses (as the 3PL sends them) whose workspace gets a shipment alert email. */
export const ALERTED_SHIPMENT_STATUSES = ["Exception", "OnHold"] as const;

/**
 * The Shipment write's `entered`: a shipment that comes into an alerted status waits in
 * ShipmentAlertEntry for the workspace's next alert email (server/services/shipment-alerts). One
 * entry per shipment: entering again before that email (Exception → Processing → Exception, or
 * Exception → OnHold) keeps the one row, with the latest status and time, and its createdAt, the
 * workspace's alert window.
 */
export const SHIPMENT_ALERT_ENTRIES: EnteredValues = {
  column: "status",
  values: ALERTED_SHIPMENT_STATUSES,
  record: `INSERT INTO "ShipmentAlertEntry" ("shipmentId", "workspaceId", "status", "enteredAt")
    SELECT e."id", $1, e."value", e."since" FROM entered e
    ON CONFLICT ("shipmentId") DO UPDATE SET "status" = EXCLUDED."status", "enteredAt" = EXCLUDED."enteredAt"
    RETURNING 1`,
};
