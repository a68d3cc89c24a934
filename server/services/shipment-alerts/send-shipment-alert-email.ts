import "server-only";
import { sendShipmentAlertEmail as sendEmail, type SentEmail } from "@/server/email";
import type { ShipmentAlert } from "./gather-shipment-alert";

/** The gathered alert to one recipient: a step of its own, so a failed delivery is retried alone. */
export function sendShipmentAlertEmail(alert: Pick<ShipmentAlert, "workspaceId" | "email">, to: string): Promise<SentEmail> {
  return sendEmail({ to, workspaceId: alert.workspaceId, ...alert.email });
}
