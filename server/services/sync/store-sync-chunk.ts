import "server-only";
import type { SyncChunk } from "@/server/connectors/_core/sync";
import { dropBulkStaging, ingestRecords, NO_COUNTS, stageBulkChildLines, type IngestCounts, type IngestScope, type IngestTransaction } from "@/server/ingest";
import { readSavedStream, saveStream, type StreamNotes } from "./stream-notes";

/**
 * Writes a chunk of `stream` in `tx` (commitSyncBatch's, which adds the returned counts to the
 * run): its records by kind, the stream's position with the engine's notes, the positions of
 * other streams it carries (their notes kept), and the lines it stages or the staging it drops.
 */
export async function storeSyncChunk(scope: IngestScope, stream: string, chunk: SyncChunk, notes: StreamNotes, tx: IngestTransaction): Promise<IngestCounts> {
  const counts = chunk.records.length ? await ingestRecords(scope, chunk, tx) : { ...NO_COUNTS };
  await saveStream(scope, stream, { position: chunk.position, notes }, tx);
  for (const [other, position] of Object.entries(chunk.positions ?? {})) {
    await saveStream(scope, other, { position, notes: (await readSavedStream(scope, other)).notes }, tx);
  }
  if (chunk.stage) await stageBulkChildLines({ ...scope, operationId: chunk.stage.key }, chunk.stage.lines, tx);
  if (chunk.unstage) await dropBulkStaging(scope, chunk.unstage, tx);
  return counts;
}
