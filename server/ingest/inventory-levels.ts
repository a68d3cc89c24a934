import type { InventoryLevelRecord } from "@/server/connectors/_core/records";
import { checkedCounts, newerVersion, newestPerKey, newId, NO_COUNTS, queryCounts, inputSets, set, upsertSql, versionOf, type IngestCounts, type IngestScope } from "./shared";
import type { IngestTransaction } from "./pool";

const LEVEL_INPUT = [
  ["id", "text"],
  ["inventoryItemExternalId", "text"],
  ["locationExternalId", "text"],
  ["available", "integer"],
  ["onHand", "integer"],
  ["committed", "integer"],
  ["incoming", "integer"],
  ["backordered", "integer"],
  ["exception", "integer"],
  ["internalTransfer", "integer"],
  ["sourceUpdatedAt", "timestamptz"],
  ["observedAt", "timestamptz"],
] as const;

// The last three are a 3PL's (null for a provider without them): a copy is the level's whole
// state, so a copy without one stores null rather than keeping an older copy's figure.
const QUANTITIES = ["available", "onHand", "committed", "incoming", "backordered", "exception", "internalTransfer"];
// What a content hash would cover: a newer source time is a change even with the same quantities.
const COMPARED = [...QUANTITIES, "sourceUpdatedAt"];

const INPUT = inputSets({ levels: LEVEL_INPUT });

const INGEST_LEVELS_SQL = `WITH
  input AS (SELECT * FROM ${INPUT.sql.levels}),
  levels AS (${upsertSql({
    table: "InventoryLevel",
    idFrom: `i."id"`,
    from: "input i",
    conflict: ["workspaceId", "connectionId", "inventoryItemExternalId", "locationExternalId"],
    where: newerVersion(`(${COMPARED.map((c) => `t."${c}"`).join(", ")}) IS DISTINCT FROM (${COMPARED.map((c) => `EXCLUDED."${c}"`).join(", ")})`),
    returning: `t."inventoryItemExternalId", t."locationExternalId", (t.xmax = 0) AS inserted`,
    columns: [set("inventoryItemExternalId"), set("locationExternalId"), ...QUANTITIES.map((c) => set(c)), set("sourceUpdatedAt"), set("observedAt")],
  })})
SELECT
  (SELECT count(*) FROM levels WHERE inserted)::int AS inserted,
  (SELECT count(*) FROM levels WHERE NOT inserted)::int AS updated,
  (SELECT count(*) FROM input i WHERE NOT EXISTS (
    SELECT 1 FROM levels l WHERE l."inventoryItemExternalId" = i."inventoryItemExternalId" AND l."locationExternalId" = i."locationExternalId"))::int AS unchanged`;

/** Upserts quantities per (inventory item, location); an older reading never replaces a newer one. */
export async function ingestInventoryLevels(scope: IngestScope, levels: readonly InventoryLevelRecord[], tx?: IngestTransaction): Promise<IngestCounts> {
  if (levels.length === 0) return NO_COUNTS;
  const { records, dropped } = newestPerKey(
    levels,
    (l) => JSON.stringify([l.inventoryItemExternalId, l.locationExternalId]),
    versionOf,
  );
  const rows = records.map((level) => ({
    id: newId(),
    inventoryItemExternalId: level.inventoryItemExternalId,
    locationExternalId: level.locationExternalId,
    available: level.available,
    onHand: level.onHand,
    committed: level.committed,
    incoming: level.incoming,
    backordered: level.backordered ?? null,
    exception: level.exception ?? null,
    internalTransfer: level.internalTransfer ?? null,
    sourceUpdatedAt: level.sourceUpdatedAt,
    observedAt: level.observedAt,
  }));
  const result = await queryCounts<{ inserted: number; updated: number; unchanged: number }>(INGEST_LEVELS_SQL, [
    scope.workspaceId,
    scope.connectionId,
    ...INPUT.params({ levels: rows }),
  ], tx);
  return checkedCounts("inventory levels", { read: levels.length, ...result, unchanged: result.unchanged + dropped, deleted: 0 });
}
