// Deletions that arrive before their record: a delivery processed while a backfill is still on
// its way to the record finds no row to mark (deletions.ts), so it leaves a DeletionTombstone, and
// the backfill's copy, read before the deletion, must not bring the record back when it is
// written after it. Ingest of orders, customers and products looks the batch's tombstones up in
// its one statement and stores a tombstoned record already deleted, at the deletion's time.
//
// Stored deleted rather than left out: the row then is what it would have been had the deletion
// come second (a soft-deleted row with its children, which no later copy revives), so every reader
// and every later copy meets one state, and the tombstone has nothing left to guard. The record
// counts as `deleted`, so read = inserted + updated + unchanged + deleted holds and the deletion
// shows in the figures once (the delivery that found no row counted it unchanged).
//
// Whatever the copy's sourceUpdatedAt: a provider never reuses an id, so a copy that claims an
// update after the deletion only shows that the two times come from different clocks (a delivery's
// trigger time or an event's, against the record's whole-second updated_at), not that the record
// came back; a deletion that arrives after the record never lets a newer copy revive it either.
import type { DeletionRecord } from "@/server/connectors/_core/records";
import { set } from "./shared";

/**
 * The CTE `tombstones` ("externalId", "occurredAt") of the `input` CTE's records of `resource`:
 * one scan of the unique index for the whole batch (ANY(ARRAY(...)) keeps it an index lookup,
 * whatever the planner thinks of the input's size).
 */
export const tombstonesCte = (resource: DeletionRecord["resource"]) => `tombstones AS (
    SELECT d."externalId", d."occurredAt" FROM "DeletionTombstone" d
    WHERE d."workspaceId" = $1 AND d."connectionId" = $2 AND d."resource" = '${resource}'
      AND d."externalId" = ANY(ARRAY(SELECT i."externalId" FROM input i)))`;

/** The upsert's FROM: the input (as `i`) with its tombstone, if any (as `d`). */
export const INPUT_WITH_TOMBSTONES = `input i LEFT JOIN tombstones d ON d."externalId" = i."externalId"`;

/**
 * The written column: the deletion's time for a tombstoned record, else null. On a conflict the
 * upsert touches only live rows (NEWER_VERSION_BY_HASH), so this never undeletes one.
 */
export const DELETED_AT_FROM_TOMBSTONE = set("deletedAt", `d."occurredAt"`);

/** What the upsert returns for writtenCounts, beside the row's own columns. */
export const WRITTEN_STATE = `(t.xmax = 0) AS inserted, (t."deletedAt" IS NOT NULL) AS deleted`;

/** inserted, updated and deleted (stored deleted by a tombstone) of the rows `cte` wrote. */
export const writtenCounts = (cte: string) => `(SELECT count(*) FROM ${cte} WHERE inserted AND NOT deleted)::int AS inserted,
  (SELECT count(*) FROM ${cte} WHERE NOT inserted AND NOT deleted)::int AS updated,
  (SELECT count(*) FROM ${cte} WHERE deleted)::int AS deleted`;
