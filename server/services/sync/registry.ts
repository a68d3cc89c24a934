import { createShopifySync } from "./shopify/shopify-sync";
import type { JobCounts } from "@/server/services/jobs/types";

// What the sync engine needs from a provider (issue 4 plugs Shopify in here, later providers
// follow). The engine runs one step per batch: `syncBatch` reads a bounded number of pages of
// one stream from `cursor`, upserts them through server/ingest, and returns only the counts
// and the next cursor (step outputs are size-limited, and a retried run resumes from the last
// memoized cursor; re-reading a page changes nothing since upserts are idempotent). `cursor` is
// null on a run's first batch of a stream: the implementation starts from its stored stream
// state (StreamState) and saves the cursor it returns there before returning it. Whatever it
// stores, it commits through commitSyncBatch under `jobRunId`, with the stream state and the
// run's counts and progress in the same transaction: the engine records nothing itself, so a
// run's figures are what it committed even when the process dies between two steps.
export type SyncConnection = {
  id: string;
  workspaceId: string;
  provider: string;
  externalAccountId: string;
  encryptedCredentials: string | null;
  settings: unknown;
};

export type SyncBatchInput = { connection: SyncConnection; stream: string; cursor: string | null; jobRunId: string };

export type SyncBatchResult = {
  cursor: string | null;
  done: boolean;
  /** What the batch read and stored, as already recorded on the run (for the step's output). */
  counts: JobCounts;
};

export type ProviderSync = {
  /** Streams in the order a sync reads them (e.g. products before orders). */
  streams: readonly string[];
  syncBatch(input: SyncBatchInput): Promise<SyncBatchResult>;
};

// Keyed by Connection.provider (text): a provider without an entry has no sync.
export type ProviderSyncRegistry = Partial<Record<string, ProviderSync>>;

// A connection of a provider missing here fails its sync run with a clear message instead of
// pretending to sync.
export const providerSyncs = { SHOPIFY: createShopifySync() } satisfies ProviderSyncRegistry;
