import { defineJob } from "@/inngest/define-job";
import { shipmentAlertRequested } from "@/inngest/events";
import { clearAlertedEntries } from "@/server/services/shipment-alerts/clear-alerted-entries";
import { findDueShipmentAlerts, shipmentAlertRequestedEvent } from "@/server/services/shipment-alerts/find-due-shipment-alerts";
import { gatherShipmentAlert } from "@/server/services/shipment-alerts/gather-shipment-alert";
import { sendShipmentAlertEmail } from "@/server/services/shipment-alerts/send-shipment-alert-email";

// Shipment alert emails: the Shipment ingest queues each shipment that enters Exception or OnHold
// (ShipmentAlertEntry, in the statement that writes it); this tick requests an email for every
// workspace whose alert window has passed, and each request is a run of its own, recorded in its
// workspace and retried alone.
export const requestShipmentAlerts = defineJob(
  {
    id: "request-shipment-alerts",
    kind: "shipment-alert",
    triggers: [{ cron: "*/5 * * * *" }],
    retries: 2,
    concurrency: { limit: 1 },
    scope: () => ({ workspaceId: null, connectionId: null, stream: null, trigger: "SCHEDULE" }),
  },
  async ({ step }) => {
    const due = await step.run("find-due-alerts", () => findDueShipmentAlerts());
    if (due.length > 0) await step.sendEvent("request-alerts", due.map(shipmentAlertRequestedEvent));
    return { requested: due.length };
  },
);

// One workspace's alert: one step gathers the entries and the email, each recipient's email is a
// step of its own (a failed delivery is retried alone, the others are not sent twice), and a last
// step removes the entries it reported. One run per workspace at a time, so two never gather the
// same entries.
export const shipmentAlert = defineJob(
  {
    id: "shipment-alert",
    kind: "shipment-alert",
    triggers: [shipmentAlertRequested],
    retries: 3,
    concurrency: { key: "event.data.workspaceId", limit: 1 },
    scope: ({ event }) => ({ workspaceId: event.data.workspaceId, connectionId: null, stream: null, trigger: "SCHEDULE" }),
  },
  async ({ event, step }) => {
    const alert = await step.run("gather-shipment-alert", () => gatherShipmentAlert(event.data.workspaceId));
    if (!alert) return { outcome: "nothing-pending" as const };
    for (const [index, to] of alert.recipients.entries()) {
      await step.run(`send-email-${index + 1}`, () => sendShipmentAlertEmail(alert, to));
    }
    const cleared = await step.run("clear-alerted-entries", () => clearAlertedEntries(alert.workspaceId, alert.entries));
    return { outcome: "email" as const, shipments: alert.entries.length, sent: alert.recipients.length, cleared };
  },
);
