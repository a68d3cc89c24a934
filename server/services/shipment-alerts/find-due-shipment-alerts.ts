import "server-only";
import { db } from "@/server/db";
import { shipmentAlertRequested } from "@/server/services/jobs/events";
import { SHIPMENT_ALERT_WINDOW_MS } from "./alert-window";

export type DueShipmentAlert = { workspaceId: string; openedAt: string };

// Workspaces whose alert window has passed: the oldest entry they could send is older than the
// window. Entries of a connection whose first sync has not finished (lastSyncedAt null) are held
// until it has: a backfill that finds shipments already in Exception gives one email once it is
// done, however long it takes, rather than one per window while it runs. Reads only the pending
// entries (a queue that each email empties) and their shipments and connections by key.
export async function findDueShipmentAlerts(now = new Date()): Promise<DueShipmentAlert[]> {
  const cutoff = new Date(now.getTime() - SHIPMENT_ALERT_WINDOW_MS);
  const rows = await db.$queryRaw<{ workspaceId: string; openedAt: Date }[]>`
    SELECT e."workspaceId", min(e."createdAt") AS "openedAt"
    FROM "ShipmentAlertEntry" e
    JOIN "Shipment" s ON s."id" = e."shipmentId"
    JOIN "Connection" c ON c."id" = s."connectionId"
    WHERE c."lastSyncedAt" IS NOT NULL
    GROUP BY e."workspaceId"
    HAVING min(e."createdAt") <= ${cutoff}
    ORDER BY e."workspaceId"`;
  return rows.map((row) => ({ workspaceId: row.workspaceId, openedAt: row.openedAt.toISOString() }));
}

// One event per window: a tick that fires twice, or finds the window again before its email has
// gone out, sends the same id, which the runner drops.
export function shipmentAlertRequestedEvent(due: DueShipmentAlert) {
  return shipmentAlertRequested.create({ workspaceId: due.workspaceId }, { id: `shipment-alert-${due.workspaceId}-${Date.parse(due.openedAt)}` });
}
