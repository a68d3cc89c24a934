import { createShopifySync } from "./shopify/shopify-sync";
import type { Provider } from "@/server/generated/prisma/enums";
import type { JobCounts } from "@/server/services/jobs/types";

// What the sync engine needs from a provider (issue 4 plugs Shopify in here, later providers
// follow). The engine runs one step per batch: `syncBatch` reads a bounded number of pages of
// one stream from `cursor`, upserts them through server/ingest, and returns only the counts
// and the next cursor (step outputs are size-limited, and a retried run resumes from the last
// memoized cursor; re-reading a page changes nothing since upserts are idempotent). `cursor` is
// null on a run's first batch of a stream: the implementation starts from its stored stream
// state (StreamState) and saves the cursor it returns there before returning it.
export type SyncConnection = {
  id: string;
  workspaceId: string;
  provider: Provider;
  externalAccountId: string;
  encryptedCredentials: string | null;
  settings: unknown;
};

export type SyncBatchInput = { connection: SyncConnection; stream: string; cursor: string | null };

export type SyncBatchResult = {
  cursor: string | null;
  done: boolean;
  counts: JobCounts;
  /** How far the stream is, when the provider knows (e.g. a bulk export's object count). */
  progress?: { done: number; total: number | null };
};

export type ProviderSync = {
  /** Streams in the order a sync reads them (e.g. products before orders). */
  streams: readonly string[];
  syncBatch(input: SyncBatchInput): Promise<SyncBatchResult>;
};

export type ProviderSyncRegistry = Partial<Record<Provider, ProviderSync>>;

// A connection of a provider missing here fails its sync run with a clear message instead of
// pretending to sync.
export const providerSyncs = { SHOPIFY: createShopifySync() } satisfies ProviderSyncRegistry;
