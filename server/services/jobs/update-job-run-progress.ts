import "server-only";
import { sessionOf, type IngestTransaction } from "@/server/ingest/pool";

// Sets (not adds) how far the run is, so replaying it is harmless. Without a total the UI shows
// a count but no bar. Only a running run moves: a late write cannot reopen a finished one. In
// `tx` when given: a sync batch moves its run's progress in the transaction that stores it.
export async function updateJobRunProgress(jobRunId: string, done: number, total?: number | null, tx?: IngestTransaction): Promise<void> {
  await sessionOf(tx).query(
    `UPDATE "JobRun" SET "progressDone" = $2, "progressTotal" = CASE WHEN $3 THEN $4::int ELSE "progressTotal" END
    WHERE "id" = $1 AND "status" = 'RUNNING'`,
    [jobRunId, done, total !== undefined, total ?? null],
  );
}
