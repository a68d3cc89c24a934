import type { AnalyticsPurchaseDayRecord, AnalyticsPurchaseRow } from "@/server/connectors/_core/records";
import type { IngestTransaction } from "./pool";
import { checkedCounts, IngestRecordError, inputSets, lastPerKey, newestPerKey, newId, NO_COUNTS, queryCountsSerialized, set, upsertSql, type IngestCounts, type IngestScope } from "./shared";

// An analytics property's purchase report, a day at a time: a day's copy is every row the property
// reports for it, so it replaces the stored day exactly in one statement: rows it has are upserted
// (an identical row writes nothing), stored rows it lacks are deleted (GA4 reworks recent days for
// 24–48 h). A copy seen before what is stored of its day (observedAt) changes nothing. Counted in
// rows: each reported row is inserted, updated or unchanged, and each stored row a re-read found
// gone is read as its absence and deleted, so read = inserted + updated + unchanged + deleted.
//
// Serialized per connection (queryCountsSerialized): the delete decides from the statement's
// snapshot, so a concurrent writer's rows of the same day would otherwise survive a newer copy.

/** A row's identity within its connection: the table's unique key. */
const ROW_KEY = ["workspaceId", "connectionId", "date", "transactionId", "sourceMedium", "deviceCategory"] as const;
const VALUES = ["currency", "revenue", "tax", "shipping", "purchases", "transactions"] as const;

const input = inputSets({
  days: [
    ["date", "date"],
    ["observedAt", "timestamptz"],
  ],
  rows: [
    ["id", "text"],
    ["date", "date"],
    ["transactionId", "text"],
    ["sourceMedium", "text"],
    ["deviceCategory", "text"],
    ["currency", "text"],
    // As the columns store them, so a copy compares equal to what it left stored.
    ["revenue", "numeric(18,4)"],
    ["tax", "numeric(18,4)"],
    ["shipping", "numeric(18,4)"],
    ["purchases", "int4"],
    ["transactions", "int4"],
    ["observedAt", "timestamptz"],
  ],
});

const matches = (a: string, b: string) => ["date", "transactionId", "sourceMedium", "deviceCategory"].map((c) => `${a}."${c}" = ${b}."${c}"`).join(" AND ");
const tuple = (alias: string) => `(${VALUES.map((c) => `${alias}."${c}"`).join(", ")})`;

// Stored rows are compared with the copy's in SQL first, so an identical row is neither written
// nor locked: a re-read of days that did not change costs a read of those days.
const SQL = `WITH
  days AS (SELECT * FROM ${input.sql.days}),
  current AS (
    SELECT d."date" FROM days d
    WHERE NOT EXISTS (SELECT 1 FROM "AnalyticsPurchase" s WHERE s."workspaceId" = $1 AND s."connectionId" = $2 AND s."date" = d."date" AND s."observedAt" > d."observedAt")),
  input AS (SELECT x.* FROM ${input.sql.rows} WHERE x."date" IN (SELECT "date" FROM current)),
  stored AS (
    SELECT s.* FROM "AnalyticsPurchase" s
    WHERE s."workspaceId" = $1 AND s."connectionId" = $2 AND s."date" IN (SELECT "date" FROM current)),
  removed AS (
    DELETE FROM "AnalyticsPurchase" t
    WHERE t."id" IN (SELECT s."id" FROM stored s WHERE NOT EXISTS (SELECT 1 FROM input i WHERE ${matches("i", "s")}))
    RETURNING 1),
  changed AS (SELECT i.* FROM input i WHERE NOT EXISTS (SELECT 1 FROM stored s WHERE ${matches("i", "s")} AND ${tuple("s")} = ${tuple("i")})),
  written AS (${upsertSql({
    table: "AnalyticsPurchase",
    idFrom: `i."id"`,
    from: "changed i",
    conflict: ROW_KEY,
    where: `${tuple("t")} IS DISTINCT FROM ${tuple("EXCLUDED")}`,
    returning: `(t.xmax = 0) AS inserted`,
    columns: ["date", "transactionId", "sourceMedium", "deviceCategory", ...VALUES, "observedAt"].map((c) => set(c)),
  })})
SELECT
  (SELECT count(*) FROM written WHERE inserted)::int AS inserted,
  (SELECT count(*) FROM written WHERE NOT inserted)::int AS updated,
  (SELECT count(*) FROM removed)::int AS deleted`;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const rowKey = (row: AnalyticsPurchaseRow) => JSON.stringify([row.transactionId, row.sourceMedium, row.deviceCategory]);

function checked(day: AnalyticsPurchaseDayRecord): void {
  const where = `analytics purchases of ${day.date}`;
  if (!DAY.test(day.date)) throw new IngestRecordError(`${where}: the date must be YYYY-MM-DD`);
  for (const row of day.rows) {
    for (const count of ["purchases", "transactions"] as const) {
      if (!Number.isSafeInteger(row[count]) || row[count] < 0) throw new IngestRecordError(`${where}: ${row.transactionId} ${count} must be a whole number of at least 0, got ${row[count]}`);
    }
  }
}

/** Replaces each day's stored purchase rows with the copy's (see above). */
export async function ingestAnalyticsPurchaseDays(scope: IngestScope, records: readonly AnalyticsPurchaseDayRecord[], tx?: IngestTransaction): Promise<IngestCounts> {
  if (records.length === 0) return NO_COUNTS;
  records.forEach(checked);
  const reported = records.reduce((n, day) => n + day.rows.length, 0);
  // One copy per day (the one seen last), one row per key (a report repeats none; offset paging over changing data may).
  const days = newestPerKey(records, (day) => day.date, (day) => [day.observedAt]).records;
  const rows = days.flatMap((day) => lastPerKey(day.rows, rowKey).map((row) => ({ ...row, id: newId(), date: day.date, currency: day.currency, observedAt: day.observedAt })));
  const params = [scope.workspaceId, scope.connectionId, ...input.params({ days, rows })];
  const { inserted, updated, deleted } = await queryCountsSerialized<{ inserted: number; updated: number; deleted: number }>(scope, SQL, params, tx);
  return checkedCounts("analytics purchases", { read: reported + deleted, inserted, updated, unchanged: reported - inserted - updated, deleted });
}
