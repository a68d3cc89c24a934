import type { DeletionRecord } from "@/server/connectors/_core/records";
import { checkedCounts, newestPerKey, newId, NO_COUNTS, queryCountsSerialized, inputSets, type IngestCounts, type IngestScope } from "./shared";
import type { IngestTransaction } from "./pool";

const DELETION_INPUT = [
  ["id", "text"],
  ["resource", "text"],
  ["externalId", "text"],
  ["occurredAt", "timestamptz"],
] as const;

const TABLES = { order: "Order", customer: "Customer", product: "Product" } as const satisfies Record<DeletionRecord["resource"], string>;

// Soft deletes: the row stays with deletedAt (the provider's time), its children stay with it,
// and upserts never revive it, so a late replay of the record cannot bring it back.
const markDeleted = (resource: keyof typeof TABLES) => `UPDATE "${TABLES[resource]}" t SET "deletedAt" = i."occurredAt", "updatedAt" = now()
    FROM input i
    WHERE i."resource" = '${resource}' AND t."workspaceId" = $1 AND t."connectionId" = $2 AND t."externalId" = i."externalId" AND t."deletedAt" IS NULL
    RETURNING i."resource", t."externalId"`;

const stored = (resource: keyof typeof TABLES) =>
  `(i."resource" = '${resource}' AND EXISTS (SELECT 1 FROM "${TABLES[resource]}" t WHERE t."workspaceId" = $1 AND t."connectionId" = $2 AND t."externalId" = i."externalId"))`;

// A record with no row at all leaves a tombstone, which its ingest honours when it arrives
// (tombstones.ts); one already deleted needs none. A second deletion of the same record keeps the
// first tombstone, as a deleted row keeps its first deletedAt.
const TOMBSTONE_ABSENT = `INSERT INTO "DeletionTombstone" ("id", "workspaceId", "connectionId", "resource", "externalId", "occurredAt", "createdAt")
    SELECT i."id", $1, $2, i."resource", i."externalId", i."occurredAt", now() FROM input i
    WHERE NOT (${(Object.keys(TABLES) as (keyof typeof TABLES)[]).map(stored).join(" OR ")})
    ON CONFLICT ("workspaceId", "connectionId", "resource", "externalId") DO NOTHING`;

const INPUT = inputSets({ deletions: DELETION_INPUT });

const APPLY_DELETIONS_SQL = `WITH
  input AS (SELECT * FROM ${INPUT.sql.deletions}),
  deleted_orders AS (${markDeleted("order")}),
  deleted_customers AS (${markDeleted("customer")}),
  deleted_products AS (${markDeleted("product")}),
  tombstoned AS (${TOMBSTONE_ABSENT}),
  deleted AS (SELECT * FROM deleted_orders UNION ALL SELECT * FROM deleted_customers UNION ALL SELECT * FROM deleted_products)
SELECT
  (SELECT count(*) FROM deleted)::int AS deleted,
  (SELECT count(*) FROM input i WHERE NOT EXISTS (SELECT 1 FROM deleted d WHERE d."resource" = i."resource" AND d."externalId" = i."externalId"))::int AS unchanged`;

/**
 * Marks orders, customers and products deleted at the source, and tombstones those not stored
 * yet. `deleted` counts rows marked now; a record whose row is absent or already deleted counts as
 * unchanged (its row, once stored, counts as deleted then). Serialized with the connection's
 * ingest, whose statements look tombstones up: of a deletion and a record's first copy committed
 * at the same time, the later statement starts after the other's commit and sees it.
 */
export async function applyDeletions(scope: IngestScope, deletions: readonly DeletionRecord[], tx?: IngestTransaction): Promise<IngestCounts> {
  if (deletions.length === 0) return NO_COUNTS;
  const { records, dropped } = newestPerKey(deletions, (d) => `${d.resource}:${d.externalId}`, (d) => [d.occurredAt]);
  const rows = records.map((deletion) => ({ ...deletion, id: newId() }));
  const result = await queryCountsSerialized<{ deleted: number; unchanged: number }>(
    scope,
    APPLY_DELETIONS_SQL,
    [scope.workspaceId, scope.connectionId, ...INPUT.params({ deletions: rows })],
    tx,
  );
  return checkedCounts("deletions", { read: deletions.length, inserted: 0, updated: 0, unchanged: result.unchanged + dropped, deleted: result.deleted });
}
