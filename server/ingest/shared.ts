// What every ingest function shares: the scope, the counts and their invariant, the SQL builder
// for set-based upserts, ids, content hashes and in-batch deduplication.
import { hash, randomBytes } from "node:crypto";
import type { Money } from "@/server/connectors/_core/records";
import { inIngestTransaction, sessionOf, type IngestTransaction } from "./pool";

/** The connection whose records are written; the connection must belong to the workspace. */
export type IngestScope = { workspaceId: string; connectionId: string };

/**
 * Per batch, in records (an order counts once, whatever its line items). Always
 * `read === inserted + updated + unchanged + deleted`. `unchanged` covers records older than or
 * identical to what is stored, duplicates superseded within the batch, and deletions of rows
 * that are absent or already deleted.
 */
export type IngestCounts = { read: number; inserted: number; updated: number; unchanged: number; deleted: number };

/** The counts do not add up: records were dropped somewhere, and the sync must not report success. */
export class IngestCountMismatchError extends Error {}

/** A record that cannot be stored as given (e.g. amounts in two currencies on one row). */
export class IngestRecordError extends Error {}

export function checkedCounts(what: string, counts: IngestCounts): IngestCounts {
  const accounted = counts.inserted + counts.updated + counts.unchanged + counts.deleted;
  if (accounted !== counts.read) {
    throw new IngestCountMismatchError(
      `${what}: read ${counts.read} but accounted for ${accounted} (inserted ${counts.inserted}, updated ${counts.updated}, unchanged ${counts.unchanged}, deleted ${counts.deleted})`,
    );
  }
  return counts;
}

export const NO_COUNTS: IngestCounts = { read: 0, inserted: 0, updated: 0, unchanged: 0, deleted: 0 };

// ---------- ids and hashes ----------

// Rows written through SQL get their ids here, in the shape of Prisma's cuid() (25 characters,
// "c" + time + counter + randomness) that rows created through the client get. Ingest makes one
// per row, so this stays cheap: random bytes drawn in blocks (one randomBytes() call per id costs
// more than the rest of ingest's per-row JavaScript), the time part reused within a millisecond,
// and 32-bit halves rather than a BigInt (whose base-36 conversion was most of the cost).
let counter = randomBytes(2).readUInt16BE(0);
let randomBlock = randomBytes(8192);
let randomOffset = 0;
let timeMs = 0;
let timePart = "";
const SIX_BASE36_DIGITS = 36 ** 6;
const base36 = (n: number, digits: number) => n.toString(36).padStart(digits, "0");
export function newId(): string {
  if (randomOffset === randomBlock.length) {
    randomBlock = randomBytes(8192);
    randomOffset = 0;
  }
  const high = randomBlock.readUInt32BE(randomOffset) % SIX_BASE36_DIGITS;
  const low = randomBlock.readUInt32BE(randomOffset + 4) % SIX_BASE36_DIGITS;
  randomOffset += 8;
  const now = Date.now();
  if (now !== timeMs) {
    timeMs = now;
    timePart = base36(now, 8);
  }
  counter = (counter + 1) % 1_679_616;
  return `c${timePart}${base36(counter, 4)}${base36(high, 6)}${base36(low, 6)}`;
}

/**
 * A fingerprint of a record as the connector produced it, children included, without when it was
 * seen (a replay read later is still the same content). SHA-1 through the one-shot hash(): it is
 * the cheapest digest here (with hardware SHA), and the serialization is the larger part of the
 * cost anyway. Not a security boundary: it only tells a replay from a change.
 */
export function contentHash(record: object): string {
  return hash("sha1", JSON.stringify({ ...record, observedAt: undefined }), "base64");
}

// ---------- in-batch deduplication ----------

/**
 * One record per key, the newest by `version` (times compared in order: the source's update time,
 * then when the copy was seen; a later position wins a tie, as the later copy was read later): ON
 * CONFLICT cannot touch one row twice in a statement, so duplicates never reach the SQL. The
 * survivors come sorted by key, so concurrent batches lock the rows they share in the same order
 * and cannot deadlock. Returns them and how many copies were dropped.
 */
export function newestPerKey<T>(records: readonly T[], key: (r: T) => string, version: (r: T) => readonly string[]): { records: T[]; dropped: number } {
  const best = new Map<string, T>();
  for (const record of records) {
    const k = key(record);
    const current = best.get(k);
    // Times are parsed only for duplicates, which are rare.
    if (current === undefined || !olderVersion(version(record), version(current))) best.set(k, record);
  }
  const keys = [...best.keys()].sort();
  return { records: keys.map((k) => best.get(k)!), dropped: records.length - keys.length };
}

/** The version of a record for newestPerKey. */
export const versionOf = (r: { sourceUpdatedAt: string; observedAt: string }) => [r.sourceUpdatedAt, r.observedAt];

function olderVersion(a: readonly string[], b: readonly string[]): boolean {
  for (let i = 0; i < a.length; i++) {
    const difference = Date.parse(a[i]!) - Date.parse(b[i]!);
    if (difference !== 0) return difference < 0;
  }
  return false;
}

/** The last copy of each child by key: the parent was deduplicated already, so copies agree on age. */
export function lastPerKey<T>(records: readonly T[], key: (r: T) => string): T[] {
  const byKey = new Map<string, T>();
  for (const record of records) {
    const k = key(record);
    byKey.delete(k);
    byKey.set(k, record);
  }
  return byKey.size === records.length ? [...records] : [...byKey.values()];
}

// ---------- money ----------

/** The amount of a Money that must be in `currency` (null stays null). */
export function amountIn(currency: string, money: Money | null, where: string): string | null {
  if (!money) return null;
  if (money.currency !== currency) {
    throw new IngestRecordError(`${where}: amount in ${money.currency} on a row in ${currency}`);
  }
  return money.amount;
}

// ---------- SQL ----------

/** Columns of an input row set, each passed as one typed array parameter. */
export type InputColumns = readonly (readonly [name: string, pgType: string])[];

/**
 * The SQL and the parameters of a statement's input row sets: `sql[name]` reads set `name` as
 * `unnest($n::type[], ...) AS x("column", ...)` (parameters numbered from $3 on, after
 * workspaceId and connectionId, in declaration order), and `params(rows)` turns rows into those
 * column arrays. Measured against one JSON parameter read with jsonb_to_recordset, unnest spent
 * less server time parsing its input, which is most of what ingest adds to a plain upsert.
 */
export function inputSets<const T extends Record<string, InputColumns>>(sets: T) {
  let next = 3;
  const sql = {} as Record<keyof T, string>;
  for (const [name, columns] of Object.entries(sets) as [keyof T, InputColumns][]) {
    const arrays = columns.map(([, type]) => `$${next++}::${type}[]`);
    sql[name] = `unnest(${arrays.join(", ")}) AS x(${columns.map(([column]) => `"${column}"`).join(", ")})`;
  }
  return {
    sql,
    params(rows: { [K in keyof T]: readonly Record<string, unknown>[] }): unknown[][] {
      return (Object.entries(sets) as [keyof T, InputColumns][]).flatMap(([name, columns]) =>
        columns.map(([column]) => rows[name].map((row) => row[column] ?? null)),
      );
    },
  };
}

// Tags travel as one text per row (a two-dimensional array parameter cannot be ragged), joined
// by the unit separator, which no tag contains.
const TAG_SEPARATOR = "\u001f";
export function joinedTags(tags: readonly string[], where: string): string {
  if (tags.some((tag) => tag.includes(TAG_SEPARATOR))) throw new IngestRecordError(`${where}: a tag contains U+001F`);
  return tags.join(TAG_SEPARATOR);
}
export const TAGS_FROM_INPUT = `string_to_array(i."tags", E'\\x1f')`;

/**
 * A written column: `value` is an SQL expression over the FROM clause; `update` says what a
 * conflicting (existing) row gets: the new value, the new value unless the row was redacted
 * (personal data), the new value unless it is null (a part the copy does not carry), or nothing
 * (set once).
 */
export type OutputColumn = { column: string; value: string; update: "set" | "unlessRedacted" | "unlessNull" | "keep" };

export const set = (column: string, value = `i."${column}"`): OutputColumn => ({ column, value, update: "set" });
export const personal = (column: string, value = `i."${column}"`): OutputColumn => ({ column, value, update: "unlessRedacted" });
export const unlessNull = (column: string, value = `i."${column}"`): OutputColumn => ({ column, value, update: "unlessNull" });

const UPDATES: Record<Exclude<OutputColumn["update"], "keep">, (column: string) => string> = {
  set: (c) => `"${c}" = EXCLUDED."${c}"`,
  unlessRedacted: (c) => `"${c}" = CASE WHEN t."redactedAt" IS NULL THEN EXCLUDED."${c}" END`,
  unlessNull: (c) => `"${c}" = coalesce(EXCLUDED."${c}", t."${c}")`,
};

/**
 * INSERT ... SELECT ... ON CONFLICT DO UPDATE ... WHERE ... RETURNING for one table, aliased `t`.
 * Adds id (from the input's "id"), workspaceId ($1), connectionId ($2), createdAt and updatedAt.
 * Only column names and SQL built here are spliced in, never values: values travel as parameters.
 */
export function upsertSql(options: {
  table: string;
  columns: readonly OutputColumn[];
  from: string;
  idFrom: string;
  conflict: readonly string[];
  where?: string;
  returning: string;
}): string {
  const all: OutputColumn[] = [
    { column: "id", value: options.idFrom, update: "keep" },
    { column: "workspaceId", value: "$1", update: "keep" },
    { column: "connectionId", value: "$2", update: "keep" },
    ...options.columns,
    { column: "createdAt", value: "now()", update: "keep" },
    { column: "updatedAt", value: "now()", update: "set" },
  ];
  const updates = all.flatMap((c) => (c.update === "keep" ? [] : [UPDATES[c.update](c.column)]));
  return `INSERT INTO "${options.table}" AS t (${all.map((c) => `"${c.column}"`).join(", ")})
    SELECT ${all.map((c) => c.value).join(", ")}
    FROM ${options.from}
    ON CONFLICT (${options.conflict.map((c) => `"${c}"`).join(", ")}) DO UPDATE SET ${updates.join(", ")}
    ${options.where ? `WHERE ${options.where}` : ""}
    RETURNING ${options.returning}`;
}

export const EXTERNAL_KEY = ["workspaceId", "connectionId", "externalId"] as const;

/**
 * Children of updated parents that the incoming copy no longer has: every child of such a parent
 * that the statement did not just write (`writtenCte` returns the written children's foreign key
 * and externalId; `parentCte` the parents' id and whether they were inserted). ANY(ARRAY(...))
 * keeps this an index lookup by the foreign key; as a join the planner may scan the whole child
 * table for every batch.
 */
export function removedChildrenSql(o: { table: string; parentCte: string; foreignKey: string; writtenCte: string }): string {
  return `DELETE FROM "${o.table}" t
    WHERE t."${o.foreignKey}" = ANY(ARRAY(SELECT p."id" FROM ${o.parentCte} p WHERE NOT p.inserted))
      AND NOT EXISTS (SELECT 1 FROM ${o.writtenCte} w WHERE w."${o.foreignKey}" = t."${o.foreignKey}" AND w."externalId" = t."externalId")
    RETURNING 1`;
}

/**
 * The ON CONFLICT condition under which an incoming copy (EXCLUDED) replaces the stored row (t):
 * its content differs (`changed`, an SQL condition: identical content is a replay, nothing is
 * written) and it is not older by (sourceUpdatedAt, observedAt). Source times alone cannot order
 * two versions changed within one second (some providers' timestamps are whole seconds); the copy
 * seen later can. A copy seen at the same moment is the same read of the record, more complete
 * (the refund pass's orders), so it replaces the stored one. A row stored before observedAt was
 * kept (null) counts as seen at its sourceUpdatedAt, the earliest it can have been.
 */
export function newerVersion(changed: string): string {
  return `(${changed}) AND (t."sourceUpdatedAt", coalesce(t."observedAt", t."sourceUpdatedAt")) <= (EXCLUDED."sourceUpdatedAt", EXCLUDED."observedAt")`;
}

/** newerVersion by content hash, for records with children; rows deleted at the source are never revived. */
export const NEWER_VERSION_BY_HASH = `t."deletedAt" IS NULL AND ${newerVersion(`t."sourceHash" <> EXCLUDED."sourceHash"`)}`;

/** Runs one statement whose single result row holds integer counts (in `tx` when given). */
export async function queryCounts<T extends Record<string, number>>(sql: string, params: readonly unknown[], tx?: IngestTransaction): Promise<T> {
  const { rows } = await sessionOf(tx).query<T>(sql, [...params]);
  return firstRow(rows);
}

/**
 * queryCounts, one writer per connection at a time. Statements that replace children need it:
 * a statement's snapshot is taken when it starts, so of two concurrent writers of one order (a
 * webhook and a sync batch) the later one would not see, and so not delete, the children the
 * other has just committed. Waiting on a per-connection lock first, in the same transaction,
 * starts the statement after the other writer's commit. In the caller's transaction `tx` when
 * given (the lock is then held until it ends), else in one of its own.
 */
export async function queryCountsSerialized<T extends Record<string, number>>(
  scope: IngestScope,
  sql: string,
  params: readonly unknown[],
  tx?: IngestTransaction,
): Promise<T> {
  const serialized = async (session: IngestTransaction) => {
    await session.query(`SELECT pg_advisory_xact_lock(hashtext('meridian.ingest'), hashtext($1))`, [scope.connectionId]);
    return queryCounts<T>(sql, params, session);
  };
  return tx ? serialized(tx) : inIngestTransaction(serialized);
}

function firstRow<T>(rows: T[]): T {
  const row = rows[0];
  if (!row) throw new Error("Ingest statement returned no row");
  return row;
}
