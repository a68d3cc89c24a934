import type { DeletionRecord } from "@/server/connectors/_core/records";
import { checkedCounts, newestPerKey, NO_COUNTS, queryCounts, inputSets, type IngestCounts, type IngestScope } from "./shared";
import type { IngestTransaction } from "./pool";

const DELETION_INPUT = [
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

const INPUT = inputSets({ deletions: DELETION_INPUT });

const APPLY_DELETIONS_SQL = `WITH
  input AS (SELECT * FROM ${INPUT.sql.deletions}),
  deleted_orders AS (${markDeleted("order")}),
  deleted_customers AS (${markDeleted("customer")}),
  deleted_products AS (${markDeleted("product")}),
  deleted AS (SELECT * FROM deleted_orders UNION ALL SELECT * FROM deleted_customers UNION ALL SELECT * FROM deleted_products)
SELECT
  (SELECT count(*) FROM deleted)::int AS deleted,
  (SELECT count(*) FROM input i WHERE NOT EXISTS (SELECT 1 FROM deleted d WHERE d."resource" = i."resource" AND d."externalId" = i."externalId"))::int AS unchanged`;

/**
 * Marks orders, customers and products deleted at the source. `deleted` counts rows marked now;
 * a record whose row is absent or already deleted counts as unchanged.
 */
export async function applyDeletions(scope: IngestScope, deletions: readonly DeletionRecord[], tx?: IngestTransaction): Promise<IngestCounts> {
  if (deletions.length === 0) return NO_COUNTS;
  const { records, dropped } = newestPerKey(deletions, (d) => `${d.resource}:${d.externalId}`, (d) => [d.occurredAt]);
  const result = await queryCounts<{ deleted: number; unchanged: number }>(APPLY_DELETIONS_SQL, [
    scope.workspaceId,
    scope.connectionId,
    ...INPUT.params({ deletions: records }),
  ], tx);
  return checkedCounts("deletions", { read: deletions.length, inserted: 0, updated: 0, unchanged: result.unchanged + dropped, deleted: result.deleted });
}
