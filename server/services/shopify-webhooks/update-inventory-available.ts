import "server-only";
import { mapRestInventoryLevel } from "@/server/connectors/shopify/rest-mapper";
import { db } from "@/server/db";
import type { IngestCounts, IngestScope } from "@/server/ingest";

/**
 * inventory_levels/update carries the `available` quantity only. A partial update, not an
 * ingest of a whole InventoryLevelRecord: on hand, committed and incoming keep their stored
 * values (Shopify moves them independently, so nothing can be derived from `available`), and
 * the level's sourceUpdatedAt moves to the webhook's, so an older delivery changes nothing
 * and the next sync (same or newer time, all quantities) still overwrites the whole row.
 * A level not stored yet is left to the sync: inventing its other quantities would show
 * numbers Shopify never had. An untracked item (available null) has nothing to store.
 */
export async function updateInventoryAvailable(scope: IngestScope, payload: unknown): Promise<IngestCounts> {
  const level = mapRestInventoryLevel(payload);
  const counts: IngestCounts = { read: 1, inserted: 0, updated: 0, unchanged: 1, deleted: 0 };
  if (level.available === null) return counts;
  const updated = await db.$executeRaw`
    UPDATE "InventoryLevel"
    SET "available" = ${level.available}, "sourceUpdatedAt" = ${new Date(level.sourceUpdatedAt)}, "updatedAt" = now()
    WHERE "workspaceId" = ${scope.workspaceId} AND "connectionId" = ${scope.connectionId}
      AND "inventoryItemExternalId" = ${level.inventoryItemExternalId} AND "locationExternalId" = ${level.locationExternalId}
      AND ("sourceUpdatedAt" < ${new Date(level.sourceUpdatedAt)}
        OR ("sourceUpdatedAt" = ${new Date(level.sourceUpdatedAt)} AND "available" <> ${level.available}))`;
  return { ...counts, updated, unchanged: 1 - updated };
}
