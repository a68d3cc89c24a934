import "server-only";
import { db } from "@/server/db";
import { Prisma } from "@/server/generated/prisma/client";
import type { ErasedTable } from "./erasure-plan";

export const ERASURE_BATCH_SIZE = 2000;

export type ErasureScope = { deletionId: string; workspaceId: string };

const quoted = (identifier: string) => Prisma.raw(`"${identifier}"`);

// One batch of one table, in one statement: up to `limit` rows of the workspace go (their
// children with them, through the foreign keys' cascade), and what went is added to the
// WorkspaceDeletion's counts in the same statement, so the counts stay exact whatever fails
// between batches. Returns the number of the table's own rows removed.
async function eraseBatch(scope: ErasureScope, entry: ErasedTable, limit: number): Promise<number> {
  const table = quoted(entry.table);
  const key = quoted(entry.key ?? "id");
  const counted = [
    Prisma.sql`SELECT ${entry.table}::text AS "table", (SELECT count(*) FROM removed) AS n`,
    ...(entry.children ?? []).map(
      (child) =>
        Prisma.sql`SELECT ${child.table}::text, (SELECT count(*) FROM ${quoted(child.table)} WHERE ${quoted(child.column)} IN (SELECT ${key} FROM doomed))`,
    ),
  ];
  const rows = await db.$queryRaw<{ removed: number }[]>`
    WITH doomed AS (
      SELECT ${key} FROM ${table}
      WHERE "workspaceId" = ${scope.workspaceId}
        -- Only ever the data of a workspace whose deletion was recorded.
        AND EXISTS (SELECT 1 FROM "WorkspaceDeletion" WHERE "id" = ${scope.deletionId} AND "deletedWorkspaceId" = ${scope.workspaceId})
      LIMIT ${limit}),
    removed AS (DELETE FROM ${table} WHERE ${key} IN (SELECT ${key} FROM doomed) RETURNING 1),
    counts AS (${Prisma.join(counted, " UNION ALL ")})
    UPDATE "WorkspaceDeletion" d
    SET "deletedCounts" = d."deletedCounts" || (
      SELECT jsonb_object_agg(c."table", coalesce((d."deletedCounts" ->> c."table")::bigint, 0) + c.n) FROM counts c)
    WHERE d."id" = ${scope.deletionId}
    RETURNING (SELECT count(*) FROM removed)::int AS removed`;
  return rows[0]?.removed ?? 0;
}

export type EraseOptions = { batchSize?: number; maxBatches?: number };

// Empties one table of the workspace batch by batch (each its own statement and transaction, so
// no lock outlives a batch), stopping after `maxBatches` so a durable step stays short; `more`
// says there is more to come.
export async function eraseWorkspaceRows(
  scope: ErasureScope,
  entry: ErasedTable,
  { batchSize = ERASURE_BATCH_SIZE, maxBatches = Number.POSITIVE_INFINITY }: EraseOptions = {},
): Promise<{ removed: number; more: boolean }> {
  let removed = 0;
  for (let batch = 0; batch < maxBatches; batch++) {
    const n = await eraseBatch(scope, entry, batchSize);
    removed += n;
    if (n < batchSize) return { removed, more: false };
  }
  return { removed, more: true };
}
