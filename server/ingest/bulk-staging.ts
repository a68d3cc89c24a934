// The child lines of a bulk export's file, kept by parent while the file is read (a sync chunk's
// `stage`, see server/connectors/_core/sync.ts). A provider's ungrouped bulk output puts a child
// line anywhere after its parent's, so a parent's children are all known only once the whole file
// has been read; they wait here rather than in memory. The tables are UNLOGGED (see their
// migration): no write-ahead log for lines that can be downloaded again. PostgreSQL empties them
// after a crash, and findBulkStaging then answers null, so the caller stages the file again.
import type { StagedChildren, StagedLine } from "@/server/connectors/_core/sync";
import type { IngestScope } from "./shared";
import { sessionOf, type IngestTransaction } from "./pool";

/** One operation's file of one connection. */
export type BulkStagingKey = IngestScope & { operationId: string };

/** The staging of an operation's file, or null: never begun, dropped, or lost in a crash. */
export async function findBulkStaging(key: BulkStagingKey, tx?: IngestTransaction): Promise<number | null> {
  const { rows } = await sessionOf(tx).query<{ id: number }>(
    `SELECT "id" FROM "BulkStaging" WHERE "connectionId" = $1 AND "operationId" = $2 AND "workspaceId" = $3`,
    [key.connectionId, key.operationId, key.workspaceId],
  );
  return rows[0]?.id ?? null;
}

const BEGIN_STAGING_SQL = `WITH created AS (
    INSERT INTO "BulkStaging" ("workspaceId", "connectionId", "operationId") VALUES ($1, $2, $3)
    ON CONFLICT ("connectionId", "operationId") DO NOTHING
    RETURNING "id"
  )
  SELECT "id" FROM created
  UNION ALL SELECT "id" FROM "BulkStaging" WHERE "connectionId" = $2 AND "operationId" = $3 AND "workspaceId" = $1`;

// The lines travel as one text split by PostgreSQL: they are JSON Lines, so none holds a line
// feed, and one string costs the driver nothing to escape (an array of them would).
const STAGE_LINES_SQL = `INSERT INTO "BulkStagedLine" ("stagingId", "parentId", "lineNo", "line")
  SELECT $1, x."parentId", x."lineNo", x."line" FROM unnest($2::text[], $3::int[], string_to_array($4::text, E'\\n')) AS x("parentId", "lineNo", "line")`;

/**
 * Adds child lines of an operation's file to its staging, which begins with the first of them:
 * in the caller's transaction, so the lines and the position the caller saves with them are
 * committed together. Returns the staging's id.
 */
export async function stageBulkChildLines(key: BulkStagingKey, lines: readonly StagedLine[], tx: IngestTransaction): Promise<number> {
  const { rows } = await tx.query<{ id: number }>(BEGIN_STAGING_SQL, [key.workspaceId, key.connectionId, key.operationId]);
  const stagingId = rows[0]!.id;
  if (lines.length) {
    await tx.query(STAGE_LINES_SQL, [stagingId, lines.map((l) => l.parentId), lines.map((l) => l.lineNo), lines.map((l) => l.text).join("\n")]);
  }
  return stagingId;
}

// The lines are found by `= ANY` on the primary key first, then numbered by their parent's place:
// joined to the parents directly, the planner (with no statistics on a table filled moments ago)
// was measured scanning it for every batch, 30 times slower.
const CHILDREN_SQL = `WITH staged AS MATERIALIZED (
    SELECT "parentId", "lineNo", "line" FROM "BulkStagedLine" WHERE "stagingId" = $1 AND "parentId" = ANY($2::text[])
  )
  SELECT (p.ord - 1)::int AS "parent", s."lineNo", s."line"
  FROM staged s JOIN unnest($2::text[]) WITH ORDINALITY AS p("id", ord) ON p."id" = s."parentId"
  ORDER BY p.ord, s."lineNo"
  LIMIT $3`;

/**
 * The staged children of a staging's parents, as the bulk reader asks for them: those of
 * `parentIds`, in that order then the file's, at most `limit` lines (`parent` is an index into
 * `parentIds`).
 */
export function stagedChildren(stagingId: number): StagedChildren {
  return {
    async of(parentIds: readonly string[], limit: number): Promise<{ parent: number; lineNo: number; line: string }[]> {
      const { rows } = await sessionOf(undefined).query<{ parent: number; lineNo: number; line: string }>(CHILDREN_SQL, [
        stagingId,
        parentIds,
        Number.isFinite(limit) ? limit : null,
      ]);
      return rows;
    },
  };
}

/** Drops the staging of an operation's file, its lines with it (every staging of the connection without `operationId`). */
export async function dropBulkStaging(scope: IngestScope, operationId?: string, tx?: IngestTransaction): Promise<void> {
  await sessionOf(tx).query(
    `DELETE FROM "BulkStaging" WHERE "workspaceId" = $1 AND "connectionId" = $2 AND ($3::text IS NULL OR "operationId" = $3)`,
    [scope.workspaceId, scope.connectionId, operationId ?? null],
  );
}
