import { buildTrackedJobRun } from "@/prisma/factories/job-runs";
import { FailRunNowError } from "@/server/services/jobs/job-errors";
import { runSyncBatch, type SyncBatchInput } from "@/server/services/sync/run-sync-batch";
import type { SyncConnectors, SyncEngineOptions } from "@/server/services/sync/sync-connectors";
import { syncFailure } from "@/server/services/sync/sync-errors";

// The connection-sync function's loop over the sync engine's batches, for connector tests that
// drive a run batch by batch: every stream in order under a JobRun of its own, a failed batch
// retried as the function's step would be (unless the error policy fails the run at once), and
// a run "killed" by stopping the loop after some batches, as a dead worker would stop it. A batch
// that stopped on the request allowance waits until it resets, as the function's sleep would.

export type SyncToEndOptions = {
  /** Stop (the run is killed) before the batch that would follow `batches` batches of `stream` that read records. */
  killAfter?: { stream: string; batches: number };
  /** Failed batches allowed in the whole run before the error is thrown. */
  retries?: number;
  /** Called before every batch, retries included (tests inject faults here). */
  beforeBatch?: (stream: string) => void;
  onStored?: SyncEngineOptions["onStored"];
};

export type SyncToEndResult = { jobRunId: string; reads: Record<string, number>; batches: number; failures: number; stopped: boolean };

export async function syncToEnd(connectionId: string, connectors: SyncConnectors, streams: readonly string[], options: SyncToEndOptions = {}): Promise<SyncToEndResult> {
  const { killAfter, retries = 40, beforeBatch, onStored } = options;
  const { id: jobRunId } = await buildTrackedJobRun({ connectionId, kind: "sync", status: "RUNNING" });
  const reads: Record<string, number> = {};
  let batches = 0;
  let failures = 0;
  let unbegun: SyncBatchInput["begins"];
  for (const stream of streams) {
    let reading = 0;
    for (let done = false, ofStream = 0; !done; ) {
      if (killAfter?.stream === stream && reading >= killAfter.batches) return { jobRunId, reads, batches, failures, stopped: true };
      beforeBatch?.(stream);
      try {
        const begins = unbegun ?? (batches === 0 ? "run" : ofStream === 0 ? "stream" : undefined);
        const batch = await runSyncBatch({ connectionId, stream, jobRunId, begins }, { connectors, onStored });
        unbegun = batch.paused?.begun === false ? begins : undefined;
        if (batch.paused) await new Promise((resolve) => setTimeout(resolve, Math.max(0, batch.paused!.resumeAt - Date.now())));
        done = batch.done;
        reads[stream] = (reads[stream] ?? 0) + batch.counts.read;
        if (batch.counts.read) reading++;
        batches++;
        ofStream++;
      } catch (error) {
        const mapped = await syncFailure(error, connectionId);
        if (mapped instanceof FailRunNowError || ++failures > retries) throw error;
      }
    }
  }
  return { jobRunId, reads, batches, failures, stopped: false };
}
