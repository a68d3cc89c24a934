import "server-only";
import type { InventoryAvailableRecord } from "@/server/connectors/_core/webhooks";
import { db } from "@/server/db";
import type { IngestCounts, IngestScope } from "@/server/ingest";

/**
 * A delivery that carries a level's `available` quantity only. A partial update, not an ingest of
 * a whole InventoryLevelRecord: on hand, committed and incoming keep their stored values (they move
 * independently, so nothing can be derived from `available`), and the level's sourceUpdatedAt and
 * observedAt move to the webhook's, so an older delivery (by ingest's version order, see
 * newerVersion in server/ingest/shared.ts) changes nothing and the next sync (seen later, all
 * quantities) still overwrites the whole row. A level not stored yet is left to the sync: inventing
 * its other quantities would show numbers the provider never had. An untracked item (available
 * null) has nothing to store.
 */
export async function updateInventoryAvailable(scope: IngestScope, level: InventoryAvailableRecord): Promise<IngestCounts> {
  const counts: IngestCounts = { read: 1, inserted: 0, updated: 0, unchanged: 1, deleted: 0 };
  if (level.available === null) return counts;
  const sourceUpdatedAt = new Date(level.sourceUpdatedAt);
  const observed = new Date(level.observedAt);
  const updated = await db.$executeRaw`
    UPDATE "InventoryLevel"
    SET "available" = ${level.available}, "sourceUpdatedAt" = ${sourceUpdatedAt}, "observedAt" = ${observed}, "updatedAt" = now()
    WHERE "workspaceId" = ${scope.workspaceId} AND "connectionId" = ${scope.connectionId}
      AND "inventoryItemExternalId" = ${level.inventoryItemExternalId} AND "locationExternalId" = ${level.locationExternalId}
      AND ("available" <> ${level.available} OR "sourceUpdatedAt" <> ${sourceUpdatedAt})
      AND ("sourceUpdatedAt", coalesce("observedAt", "sourceUpdatedAt")) <= (${sourceUpdatedAt}::timestamptz, ${observed}::timestamptz)`;
  return { ...counts, updated, unchanged: 1 - updated };
}
