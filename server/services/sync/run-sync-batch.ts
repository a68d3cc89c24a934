import "server-only";
import { AllowanceExhaustedError, PermanentError } from "@/server/connectors/_core/errors";
import type { ConnectorSync, SyncContext, SyncStream } from "@/server/connectors/_core/sync";
import { providerName } from "@/server/connectors/registry";
import { db } from "@/server/db";
import { findBulkStaging, NO_COUNTS, stagedChildren, type IngestCounts, type IngestScope } from "@/server/ingest";
import { getConnectionAccess } from "@/server/services/connections/get-connection-access";
import { checkStreamScopes } from "./check-stream-scopes";
import { commitSyncBatch } from "./commit-sync-batch";
import { pauseSyncRun } from "./pause-sync-run";
import { readRunGrantedScopes, saveRunGrantedScopes } from "./run-granted-scopes";
import { storeSyncChunk } from "./store-sync-chunk";
import { readSavedStream, saveStream } from "./stream-notes";
import { connectorSync, SyncUnavailableError, type SyncEngineOptions } from "./sync-connectors";

/** A batch's time when its connector asks for none: well inside the HTTP request of one Inngest step. */
export const DEFAULT_BATCH_BUDGET_MS = 20_000;

export type SyncBatchInput = {
  connectionId: string;
  stream: string;
  /** The run whose JobRun the batch's counts and progress go to (with its records: commit-sync-batch.ts). */
  jobRunId: string;
  /** The batch begins the run (the connector prepares it, and the stream's scopes are checked) or one of its streams (scopes checked). */
  begins?: "run" | "stream";
};

/**
 * The batch stopped on the provider's request allowance (AllowanceExhaustedError): the run sleeps
 * until `resumeAt` (epoch ms) and goes on from what was committed. `begun`: the run's or stream's
 * beginning (scopes, preparation) was done, else the next batch begins it again.
 */
export type SyncPause = { resumeAt: number; begun: boolean };

/** Only what the step's output may hold: never records. */
export type SyncBatchResult = { done: boolean; counts: IngestCounts; paused?: SyncPause };

type Batch = { ctx: SyncContext; scope: IngestScope; sync: ConnectorSync; stream: SyncStream; provider: string; jobRunId: string; options: SyncEngineOptions };

/**
 * One batch of one stream of a connection's sync (one Inngest step): the connector's chunks from
 * the stream's saved position, each committed with its position and the run's counts and progress
 * (commitSyncBatch), until the stream is done or the batch's time is up. A retried or later batch
 * goes on from what was committed, so a chunk is never stored twice nor lost.
 */
export async function runSyncBatch(input: SyncBatchInput, options: SyncEngineOptions = {}): Promise<SyncBatchResult> {
  const started = Date.now();
  const connection = await db.connection.findUnique({ where: { id: input.connectionId }, select: { provider: true } });
  if (!connection) throw new SyncUnavailableError(`Connection ${input.connectionId} no longer exists`);
  const provider = providerName(connection.provider);
  const sync = connectorSync(connection.provider, options);
  if (!sync) throw new SyncUnavailableError(`Syncing ${provider} is not available yet`);
  const stream = sync.streams.find((s) => s.name === input.stream);
  if (!stream) throw new PermanentError(`${provider} has no stream named ${input.stream}`);

  const access = await getConnectionAccess(input.connectionId);
  // Fails with AuthExpiredError (the connection marked) before any request when the credentials are gone.
  await access.credentials();
  const scope = { workspaceId: access.workspaceId, connectionId: access.connectionId };
  const ctx: SyncContext = {
    ...access,
    deadline: started + (sync.batchBudgetMs ?? DEFAULT_BATCH_BUDGET_MS),
    async staged(key) {
      const stagingId = await findBulkStaging({ ...scope, operationId: key });
      return stagingId === null ? null : stagedChildren(stagingId);
    },
  };
  const batch: Batch = { ctx, scope, sync, stream, provider, jobRunId: input.jobRunId, options };
  if (input.begins) {
    try {
      const granted = await grantedScopes(batch, input.begins);
      if (input.begins === "run") await prepareRun(batch, granted);
      if ((await checkStreamScopes(scope, sync, stream, granted, provider)) === "skip") return { done: true, counts: { ...NO_COUNTS } };
    } catch (error) {
      if (!(error instanceof AllowanceExhaustedError)) throw error;
      return paused(input.jobRunId, { ...NO_COUNTS }, { resumeAt: error.resumeAt, begun: false });
    }
  }
  return readChunks(batch);
}

async function paused(jobRunId: string, counts: IngestCounts, pause: SyncPause): Promise<SyncBatchResult> {
  await pauseSyncRun(jobRunId, pause.resumeAt);
  return { done: false, counts, paused: pause };
}

/**
 * The scopes the account granted (null: the connector cannot tell): asked of the connector when
 * the run begins and saved with the run, read back when one of its later streams begins.
 */
async function grantedScopes({ ctx, sync, jobRunId }: Batch, begins: "run" | "stream"): Promise<ReadonlySet<string> | null> {
  if (!sync.grantedScopes) return null;
  const saved = begins === "stream" ? await readRunGrantedScopes(jobRunId) : undefined;
  if (saved) return new Set(saved);
  const scopes = await sync.grantedScopes(ctx);
  await saveRunGrantedScopes(jobRunId, scopes);
  return new Set(scopes);
}

/** The connector's preparation of the run, over the streams it will read (their scopes granted). */
async function prepareRun({ ctx, scope, sync }: Batch, granted: ReadonlySet<string> | null): Promise<void> {
  if (!sync.prepareRun) return;
  const readable = sync.streams.filter((s) => granted === null || s.requiredScopes.every((required) => granted.has(required)));
  const streams = await Promise.all(readable.map(async (s) => ({ name: s.name, position: (await readSavedStream(scope, s.name)).position })));
  for await (const { stream, position } of sync.prepareRun(ctx, streams)) {
    await saveStream(scope, stream, { position, notes: (await readSavedStream(scope, stream)).notes });
  }
}

async function readChunks({ ctx, scope, sync, stream, provider, jobRunId, options }: Batch): Promise<SyncBatchResult> {
  const saved = await readSavedStream(scope, stream.name);
  let recordsRead = saved.notes.recordsRead ?? 0;
  const totals = { ...NO_COUNTS };
  try {
    // The connector is asked for the next chunk only once this one is committed.
    for await (const chunk of sync.read(ctx, stream.name, saved.position)) {
      if (chunk.kind !== stream.kind) throw new PermanentError(`${provider} ${stream.name} handed out ${chunk.kind}, not ${stream.kind}`);
      recordsRead += chunk.records.length;
      const notes = { ...saved.notes, recordsRead };
      const storing = performance.now();
      const counts = await commitSyncBatch(jobRunId, `${provider} ${stream.name}`, (tx) => storeSyncChunk(scope, stream.name, chunk, notes, tx), chunk.progress);
      if (chunk.records.length) options.onStored?.(stream.name, chunk.records.length, performance.now() - storing);
      for (const key of Object.keys(totals) as (keyof IngestCounts)[]) totals[key] += counts[key];
      if (chunk.done) return { done: true, counts: totals };
      if (Date.now() >= ctx.deadline) break;
    }
  } catch (error) {
    // Not a failure: the chunks committed so far stay, and the run waits for the allowance.
    if (!(error instanceof AllowanceExhaustedError)) throw error;
    return paused(jobRunId, totals, { resumeAt: error.resumeAt, begun: true });
  }
  return { done: false, counts: totals };
}
