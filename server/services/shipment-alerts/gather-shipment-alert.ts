import "server-only";
import { workspaceDb } from "@/server/db";
import type { sendShipmentAlertEmail } from "@/server/email";
import { appUrl } from "@/server/env";
import { ALERTED_SHIPMENT_STATUSES } from "@/server/ingest";
import { findAlertRecipients } from "@/server/services/job-alerts/find-alert-recipients";
import type { ShipmentGroup } from "@/server/services/fulfilment/schema";
import { shipmentInclude, toOrderShipments } from "@/server/services/orders/find-order-shipments";
import { ordersByReference } from "@/server/services/orders/orders-by-reference";
import { SHIPMENT_ALERT_BATCH, SHIPMENT_ALERT_LISTED } from "./alert-window";
import { notificationSettingsUrl } from "@/server/services/users/notification-settings-url";

type AlertEmail = Omit<Parameters<typeof sendShipmentAlertEmail>[0], "to" | "workspaceId">;

/** An entry the email reports, as it was when gathered (see clearAlertedEntries). */
export type AlertedEntry = { shipmentId: string; enteredAt: string };

/** What one alert sends (the same email to each recipient) and the entries it reports; plain JSON, a step's output. */
export type ShipmentAlert = { workspaceId: string; email: AlertEmail; recipients: string[]; entries: AlertedEntry[] };

// The Fulfilment page's filter that shows exactly one alerted status.
const GROUP_OF_STATUS: Record<(typeof ALERTED_SHIPMENT_STATUSES)[number], ShipmentGroup> = { Exception: "exception", OnHold: "on_hold" };

// The workspace's pending entries that may be sent (their connection has finished its first sync;
// see findDueShipmentAlerts), the oldest first, and the email about them: the first ones in
// detail (store order and its page, the 3PL's ids, centre, carrier and tracking, status and
// since when), for the owners and admins who have shipment alert emails on. Null when nothing is
// pending (an earlier run sent it) or the workspace is gone. Recipients may be none: the entries
// are still reported, so they do not pile up.
export async function gatherShipmentAlert(workspaceId: string, now = new Date()): Promise<ShipmentAlert | null> {
  const wdb = workspaceDb(workspaceId);
  const [entries, workspace] = await Promise.all([
    wdb.shipmentAlertEntry.findMany({
      where: { shipment: { connection: { lastSyncedAt: { not: null } } } },
      orderBy: [{ createdAt: "asc" }, { shipmentId: "asc" }],
      take: SHIPMENT_ALERT_BATCH,
      select: { shipmentId: true, status: true, enteredAt: true },
    }),
    wdb.workspace.findFirst({ select: { name: true, slug: true, timeZone: true } }),
  ]);
  if (entries.length === 0 || !workspace) return null;

  const listed = [...entries].sort((a, b) => a.enteredAt.getTime() - b.enteredAt.getTime()).slice(0, SHIPMENT_ALERT_LISTED);
  const rows = await wdb.shipment.findMany({ where: { id: { in: listed.map((entry) => entry.shipmentId) } }, include: shipmentInclude });
  const [shipments, orderOf, recipients] = await Promise.all([
    toOrderShipments(wdb, rows, now),
    ordersByReference(wdb, rows),
    findAlertRecipients(workspaceId, "shipmentAlertEmails"),
  ]);
  const byId = new Map(rows.map((row, index) => [row.id, { row, shipment: shipments[index]! }]));

  const base = `${appUrl()}/w/${workspace.slug}`;
  const statuses = new Set(listed.map((entry) => entry.status));
  const [onlyStatus] = statuses.size === 1 ? statuses : [];
  const group = onlyStatus && GROUP_OF_STATUS[onlyStatus as keyof typeof GROUP_OF_STATUS];

  return {
    workspaceId,
    recipients: recipients.map((recipient) => recipient.email),
    entries: entries.map((entry) => ({ shipmentId: entry.shipmentId, enteredAt: entry.enteredAt.toISOString() })),
    email: {
      workspaceName: workspace.name,
      timeZone: workspace.timeZone,
      shipments: listed.flatMap((entry) => {
        const found = byId.get(entry.shipmentId);
        if (!found) return [];
        const { row, shipment } = found;
        const order = row.storeOrderReference ? orderOf.get(row.storeOrderReference) : undefined;
        return [
          {
            status: entry.status,
            since: entry.enteredAt.toISOString(),
            storeOrder: order ? { name: order.name, url: `${base}/orders/${order.id}` } : row.storeOrderReference ? { name: row.storeOrderReference, url: null } : null,
            providerName: shipment.connection.providerName,
            orderExternalId: row.orderExternalId,
            shipmentExternalId: row.externalId,
            centre: shipment.centre ? (shipment.centre.name ?? shipment.centre.externalId) : null,
            carrier: row.carrier,
            trackingNumber: row.trackingNumber,
            trackingUrl: row.trackingUrl,
          },
        ];
      }),
      moreShipments: entries.length - listed.length,
      fulfilmentUrl: `${base}/fulfilment${group ? `?status=${group}` : ""}`,
      settingsUrl: notificationSettingsUrl(),
    },
  };
}
