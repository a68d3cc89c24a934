// Records stored one row each, with no rows of their own elsewhere and no deletions at the source
// (a 3PL's shipments, returns and receiving orders): one upsert per batch keyed on (workspaceId,
// connectionId, externalId), newer wins by (sourceUpdatedAt, observedAt), and a copy identical to
// the stored one (sourceHash) writes nothing. Their lists (items, histories) travel as jsonb
// columns of the same row, so a copy replaces them whole (an optional one only when it has it).
//
// No per-connection lock (queryCountsSerialized): nothing around the row is deleted or replaced,
// and ON CONFLICT DO UPDATE decides against the latest committed version of the row, so of two
// concurrent writers the older copy still loses.
import type { IngestTransaction } from "./pool";
import {
  checkedCounts,
  contentHash,
  EXTERNAL_KEY,
  IngestRecordError,
  inputSets,
  newerVersion,
  newestPerKey,
  newId,
  NO_COUNTS,
  queryCounts,
  set,
  unlessNull,
  upsertSql,
  versionOf,
  type IngestCounts,
  type IngestScope,
  type InputColumns,
} from "./shared";

type FlatRecord = { externalId: string; sourceUpdatedAt: string; observedAt: string };

/** See flatRecordIngest. `values` are code's constants, spliced in as SQL literals. */
export type EnteredValues = { column: string; values: readonly string[]; record: string };

function enteredSql({ column, values, record }: EnteredValues): { column: string; values: readonly string[]; literals: string; returning: string; ctes: string } {
  const literals = values.map((value) => {
    if (!/^[A-Za-z0-9_]+$/.test(value)) throw new Error(`entered: ${JSON.stringify(value)} is not a plain word`);
    return `'${value}'`;
  });
  return {
    column,
    values,
    literals: literals.join(", "),
    returning: `t."id", t."${column}" AS "enteredValue", t."sourceUpdatedAt" AS "enteredSince"`,
    ctes: `entered AS (
    SELECT w."id", w."enteredValue" AS "value", w."enteredSince" AS "since" FROM written w
    LEFT JOIN before b ON b."externalId" = w."externalId"
    WHERE w."enteredValue" IN (${literals.join(", ")}) AND b."value" IS DISTINCT FROM w."enteredValue"),
  recorded AS (${record})`,
  };
}

/**
 * The ingest function of one such record kind. `columns` are the table's own columns (besides id,
 * externalId, sourceUpdatedAt, observedAt and sourceHash), each read from the row `row` makes of a
 * record by its name. `optional` names those of them a copy may leave null when it does not carry
 * that part (read separately, at a cost): the stored value then stays. They are left out of the
 * content hash and compared on their own, so a copy without them that changes nothing else
 * writes nothing.
 *
 * `entered` records the rows this write brought into one of `values` of `column`: inserted with
 * one, or updated from a different value (compared with the stored copy, read and locked before
 * the upsert so a concurrent writer cannot make it stale). Its `record` is
 * a data-modifying statement over the CTE `entered` ("id", "value", "since": the copy's
 * sourceUpdatedAt), run as part of the same statement. An older or identical copy writes nothing,
 * so it records nothing.
 */
export function flatRecordIngest<R extends FlatRecord>(kind: {
  what: string;
  table: string;
  columns: InputColumns;
  optional?: readonly (keyof R & string)[];
  row: (record: R) => Record<string, unknown>;
  entered?: EnteredValues;
}): (scope: IngestScope, records: readonly R[], tx?: IngestTransaction) => Promise<IngestCounts> {
  const optional: readonly string[] = kind.optional ?? [];
  const columns: InputColumns = [["externalId", "text"], ...kind.columns, ["sourceUpdatedAt", "timestamptz"], ["observedAt", "timestamptz"], ["sourceHash", "text"]];
  const input = inputSets({ records: [["id", "text"], ...columns] });
  const changed = [`t."sourceHash" <> EXCLUDED."sourceHash"`, ...optional.map((c) => `(EXCLUDED."${c}" IS NOT NULL AND t."${c}" IS DISTINCT FROM EXCLUDED."${c}")`)];
  const withoutOptional = Object.fromEntries(optional.map((c) => [c, undefined]));
  const entered = kind.entered && enteredSql(kind.entered);
  // `before` locks the stored copies it reads (FOR UPDATE): a row another writer changed since this
  // statement began is waited for and read as that writer committed it, and stays as read until
  // the upsert writes it, so the comparison is never stale. Only copies arriving in one of the
  // values can enter one, so only theirs are looked up and locked.
  const statement = (withEntered: typeof entered) => `WITH
  input AS (SELECT * FROM ${input.sql.records}),${
    withEntered
      ? `
  before AS (SELECT s."externalId", s."${withEntered.column}" AS "value" FROM "${kind.table}" s JOIN input i ON s."workspaceId" = $1 AND s."connectionId" = $2 AND s."externalId" = i."externalId" WHERE i."${withEntered.column}" IN (${withEntered.literals}) FOR UPDATE OF s),`
      : ""
  }
  written AS (${upsertSql({
    table: kind.table,
    idFrom: `i."id"`,
    // Joined so `before` is read (and its rows locked) before the upsert: read after it, the
    // rows this statement just wrote would be skipped as no longer lockable.
    from: withEntered ? `input i LEFT JOIN before ON before."externalId" = i."externalId"` : "input i",
    conflict: EXTERNAL_KEY,
    where: newerVersion(changed.join(" OR ")),
    returning: `t."externalId", (t.xmax = 0) AS inserted${withEntered ? `, ${withEntered.returning}` : ""}`,
    columns: columns.map(([column]) => (optional.includes(column) ? unlessNull(column) : set(column))),
  })})${withEntered ? `,\n  ${withEntered.ctes}` : ""}
SELECT
  (SELECT count(*) FROM written WHERE inserted)::int AS inserted,
  (SELECT count(*) FROM written WHERE NOT inserted)::int AS updated,
  (SELECT count(*) FROM input i WHERE NOT EXISTS (SELECT 1 FROM written w WHERE w."externalId" = i."externalId"))::int AS unchanged`;
  const plainSql = statement(undefined);
  const enteringSql = entered && statement(entered);

  return async (scope, records, tx) => {
    if (records.length === 0) return NO_COUNTS;
    const { records: newest, dropped } = newestPerKey(records, (r) => r.externalId, versionOf);
    const rows = newest.map((record) => ({ ...kind.row(record), id: newId(), sourceHash: contentHash({ ...record, ...withoutOptional }) }));
    type Counts = { inserted: number; updated: number; unchanged: number };
    const params = [scope.workspaceId, scope.connectionId, ...input.params({ records: rows })];
    // A batch with no copy in one of the values enters none: it skips the lookup.
    const entering = entered && rows.some((row: Record<string, unknown>) => entered.values.includes(row[entered.column] as string));
    const result = await queryCounts<Counts>(entering && enteringSql ? enteringSql : plainSql, params, tx);
    return checkedCounts(kind.what, { read: records.length, ...result, unchanged: result.unchanged + dropped, deleted: 0 });
  };
}

/**
 * A list for a jsonb column, its quantities checked first: JSON would store 1.5 or -1 where the
 * database's integer columns refuse them, and a refused record must stop the whole batch.
 */
export function jsonWithQuantities<T extends object>(list: readonly T[], quantities: readonly (keyof T & string)[], where: string): string {
  for (const [index, entry] of list.entries()) {
    for (const field of quantities) {
      const value = entry[field];
      if (value !== null && (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0)) {
        throw new IngestRecordError(`${where}: item ${index} ${field} must be a whole number of at least 0, got ${String(value)}`);
      }
    }
  }
  return JSON.stringify(list);
}
