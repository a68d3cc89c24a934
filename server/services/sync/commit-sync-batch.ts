import "server-only";
import { checkedCounts, inIngestTransaction, type IngestCounts, type IngestTransaction } from "@/server/ingest";
import { recordJobRunCounts } from "@/server/services/jobs/record-job-run-counts";
import { updateJobRunProgress } from "@/server/services/jobs/update-job-run-progress";

/** How far a stream is, when the provider knows (e.g. a bulk export's object count). */
export type SyncProgress = { done: number; total: number | null };

/**
 * Commits one batch of a sync run in one transaction: what `store` writes through `tx` (the
 * records and the stream's state), the counts it returns added to the run's JobRun, and the run's
 * progress when given. So a process killed at any instant leaves the JobRun's figures exactly
 * those of what the run committed, never fewer, never more. Counts that do not add up
 * (read = inserted + updated + unchanged + deleted) fail the batch and nothing of it is kept.
 */
export async function commitSyncBatch(
  jobRunId: string,
  what: string,
  store: (tx: IngestTransaction) => Promise<IngestCounts>,
  progress?: SyncProgress,
): Promise<IngestCounts> {
  return inIngestTransaction(async (tx) => {
    const counts = checkedCounts(what, await store(tx));
    await recordJobRunCounts(jobRunId, counts, tx);
    if (progress) await updateJobRunProgress(jobRunId, progress.done, progress.total, tx);
    return counts;
  });
}
