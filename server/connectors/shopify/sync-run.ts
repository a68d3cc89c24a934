import type { OAuthAccess } from "../_core/auth";
import { HttpClient } from "../_core/http";
import type { StreamPosition, SyncContext } from "../_core/sync";
import { shopOrigin, type ShopifyAppConfig } from "./config";
import type { ShopifyContext } from "./streams";

// What the Shopify sync's readers share: its settings, the state it keeps in a stream's position,
// and the context of one batch's read.

export type ShopifySyncSettings = {
  /** Time limit of one GraphQL request (to its response headers for downloads). */
  httpTimeoutMs: number;
  /** Records a paged read (incremental windows, locations, deletions) hands out in one batch at most. */
  pagedRecordsPerBatch: number;
  /** Parents per bulk chunk (one ingest call). */
  bulkBatchSize: number;
  /** Child lines staged per chunk in a bulk file's first pass (orders, products). */
  bulkStageLines: number;
  /**
   * JSONL lines per bulk chunk: inventory chunks end as soon as they hold this many, even inside
   * one location's levels; orders and products at the parent that crosses it (see BulkReadOptions.maxLines).
   */
  bulkBatchLines: number;
  /** Bulk operations restarted after a failure at most this often before the run fails. */
  maxBulkRestarts: number;
  /** How often a running bulk operation is polled. */
  pollIntervalMs: number;
};

export const SYNC_DEFAULTS: ShopifySyncSettings = {
  httpTimeoutMs: 30_000,
  pagedRecordsPerBatch: 2_000,
  bulkBatchSize: 1_000,
  bulkStageLines: 10_000,
  bulkBatchLines: 10_000,
  maxBulkRestarts: 3,
  pollIntervalMs: 1_000,
};

/** A bulk operation being read for a stream. */
export type BulkProgress = {
  operationId: string;
  /** Parents of the file stored (orders, products and customers, the first with all their children). */
  parentsRead: number;
  /**
   * Children of the file stored: inventory levels, each a record (see BulkPosition). Absent (a
   * state saved before it existed, or another resource) means 0.
   */
  childrenRead?: number;
  /**
   * Orders and products: how far their file's child lines are staged (readBulkChildLines, first
   * pass), in lines of the file; `done` once the whole file is, and their parents are read.
   */
  staged?: { linesRead: number; done: boolean };
  /** Set for an incremental window read through bulk (changed orders), absent for a backfill. */
  updatedSince?: string;
  /** Operations started again after one failed, expired or was cancelled. */
  restarts: number;
};

/**
 * StreamPosition.state of a Shopify stream: the bulk operation being read, if any. `cursor` is the
 * incremental window cursor (streams.ts), null until the stream's backfill finished.
 */
export type ShopifyStreamState = { bulk?: BulkProgress };

export type ShopifySyncContext = SyncContext<ShopifyAppConfig, OAuthAccess>;

/** One batch's read: the shop, one HTTP client (its requests counted together), the settings and the engine's limits. */
export type ShopifyRead = {
  shop: ShopifyContext;
  http: HttpClient;
  settings: ShopifySyncSettings;
  deadline: number;
  staged: ShopifySyncContext["staged"];
};

export function shopContext(ctx: ShopifySyncContext, http?: HttpClient): ShopifyContext {
  return {
    shopOrigin: shopOrigin(ctx.config, ctx.externalAccountId),
    // Asked before each request: answered from memory until the token nears expiry, then refreshed.
    accessToken: async () => (await ctx.credentials()).accessToken,
    http,
  };
}

export function readOf(ctx: ShopifySyncContext, settings: ShopifySyncSettings): ShopifyRead {
  const http = new HttpClient({ timeoutMs: settings.httpTimeoutMs });
  return { shop: shopContext(ctx, http), http, settings, deadline: ctx.deadline, staged: (key) => ctx.staged(key) };
}

export function stateOf(position: StreamPosition): ShopifyStreamState {
  return position.state as ShopifyStreamState;
}

/** The position with its bulk operation replaced (undefined: none left, dropped from the JSON). */
export function withBulk(position: StreamPosition, bulk: BulkProgress | undefined, cursor = position.cursor): StreamPosition {
  return { cursor, state: { ...position.state, bulk } satisfies ShopifyStreamState };
}
