import type { LocationRecord } from "@/server/connectors/_core/records";
import {
  checkedCounts,
  EXTERNAL_KEY,
  newestPerKey,
  newId,
  NO_COUNTS,
  queryCounts,
  inputSets,
  set,
  upsertSql,
  type IngestCounts,
  type IngestScope,
  newerVersion,
  versionOf,
} from "./shared";
import type { IngestTransaction } from "./pool";

const LOCATION_INPUT = [
  ["id", "text"],
  ["externalId", "text"],
  ["name", "text"],
  ["isActive", "boolean"],
  ["fulfillsOnlineOrders", "boolean"],
  ["address1", "text"],
  ["city", "text"],
  ["countryCode", "text"],
  ["zip", "text"],
  ["sourceUpdatedAt", "timestamptz"],
  ["observedAt", "timestamptz"],
] as const;

const CONTENT = ["name", "isActive", "fulfillsOnlineOrders", "address1", "city", "countryCode", "zip"];
// What a content hash would cover: a newer source time is a change even with the same values.
const COMPARED = [...CONTENT, "sourceUpdatedAt"];

const INPUT = inputSets({ locations: LOCATION_INPUT });

const INGEST_LOCATIONS_SQL = `WITH
  input AS (SELECT * FROM ${INPUT.sql.locations}),
  locations AS (${upsertSql({
    table: "Location",
    idFrom: `i."id"`,
    from: "input i",
    conflict: EXTERNAL_KEY,
    // Few columns and no children: compare them instead of keeping a content hash.
    where: newerVersion(`(${COMPARED.map((c) => `t."${c}"`).join(", ")}) IS DISTINCT FROM (${COMPARED.map((c) => `EXCLUDED."${c}"`).join(", ")})`),
    returning: `t."externalId", (t.xmax = 0) AS inserted`,
    columns: [set("externalId"), ...CONTENT.map((c) => set(c)), set("sourceUpdatedAt"), set("observedAt")],
  })})
SELECT
  (SELECT count(*) FROM locations WHERE inserted)::int AS inserted,
  (SELECT count(*) FROM locations WHERE NOT inserted)::int AS updated,
  (SELECT count(*) FROM input i WHERE NOT EXISTS (SELECT 1 FROM locations l WHERE l."externalId" = i."externalId"))::int AS unchanged`;

/** Upserts locations (a closed location arrives with isActive = false and stays). */
export async function ingestLocations(scope: IngestScope, locations: readonly LocationRecord[], tx?: IngestTransaction): Promise<IngestCounts> {
  if (locations.length === 0) return NO_COUNTS;
  const { records, dropped } = newestPerKey(locations, (l) => l.externalId, versionOf);
  const rows = records.map((location) => ({
    id: newId(),
    externalId: location.externalId,
    name: location.name,
    isActive: location.isActive,
    fulfillsOnlineOrders: location.fulfillsOnlineOrders,
    address1: location.address.address1,
    city: location.address.city,
    countryCode: location.address.countryCode,
    zip: location.address.zip,
    sourceUpdatedAt: location.sourceUpdatedAt,
    observedAt: location.observedAt,
  }));
  const result = await queryCounts<{ inserted: number; updated: number; unchanged: number }>(INGEST_LOCATIONS_SQL, [
    scope.workspaceId,
    scope.connectionId,
    ...INPUT.params({ locations: rows }),
  ], tx);
  return checkedCounts("locations", { read: locations.length, ...result, unchanged: result.unchanged + dropped, deleted: 0 });
}
