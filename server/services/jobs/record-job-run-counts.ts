import "server-only";
import { sessionOf, type IngestTransaction } from "@/server/ingest/pool";
import type { JobCounts } from "./types";

// Adds a batch's record counts to the run's totals in one atomic statement. Additive, so the
// caller must run it exactly once per batch: inside a step (defineJob's `job.record`), or inside
// the transaction that stores the batch (`tx`, a sync batch: see commit-sync-batch.ts), which is
// why this is SQL on ingest's connections rather than a Prisma call.
export async function recordJobRunCounts(jobRunId: string, counts: JobCounts, tx?: IngestTransaction): Promise<void> {
  const { rowCount } = await sessionOf(tx).query(
    `UPDATE "JobRun" SET
      "recordsRead" = "recordsRead" + $2,
      "recordsInserted" = "recordsInserted" + $3,
      "recordsUpdated" = "recordsUpdated" + $4,
      "recordsUnchanged" = "recordsUnchanged" + $5,
      "recordsDeleted" = "recordsDeleted" + $6
    WHERE "id" = $1`,
    [jobRunId, counts.read ?? 0, counts.inserted ?? 0, counts.updated ?? 0, counts.unchanged ?? 0, counts.deleted ?? 0],
  );
  // Counts with nowhere to go must not be committed as if they had been recorded.
  if (rowCount !== 1) throw new Error(`JobRun ${jobRunId} does not exist`);
}
