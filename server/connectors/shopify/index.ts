import { HttpClient } from "../_core/http";
import { shopifyAuth } from "./auth";
import {
  cancelBulkOperation,
  getBulkOperation,
  pollBulkOperation,
  readBulkRecords,
  startBulkQuery,
  type BulkBatch,
  type BulkReadOptions,
  type BulkResource,
  type PollOptions,
} from "./bulk";
import { shopifyAppConfig } from "./config";
import { shopifyLinks } from "./links";
import { ADMIN_API_VERSION } from "./graphql-client";
import type { BulkOperationNode } from "./types";
import { clientFor, cursorSince, SHOPIFY_STREAMS, type ShopifyContext, type ShopifyStreamName } from "./streams";
import { createShopifySync, grantedScopes } from "./sync";
import { shopifyWebhooks } from "./webhooks";

export { ShopifyAccessDeniedError, ShopifyGraphqlClient, ADMIN_API_VERSION, type QueryCost, type ThrottleStatus } from "./graphql-client";
export { BulkOperationFailedError, type BulkBatch, type BulkResource } from "./bulk";
export { OVERLAP_MS, PAGE_SIZES, cursorSince, type ShopifyContext, type ShopifyStreamName } from "./streams";
export type { BulkOperationNode } from "./types";
export { shopOrigin, type ShopifyAppConfig } from "./config";
export { registerWebhooks, webhookUrl, type WebhookRegistration } from "./register-webhooks";
export { MAX_WEBHOOK_BODY_BYTES } from "./webhooks";
export { createShopifySync, ORDER_REFUNDS_STREAM, type ShopifySyncOptions } from "./sync";
export type { ShopifyStreamState } from "./sync-run";

/**
 * The Shopify connector: its sync (sync.ts: bulk operations for the backfill of the large streams,
 * incremental streams read page by page after it) and webhooks (webhooks.ts). `stream`, `backfill`
 * and `checkScopes` are the readers its sync is built on.
 */
export const shopifyConnector = {
  provider: "SHOPIFY",
  info: {
    name: "Shopify",
    category: "store",
    summary: "Orders, products, customers and inventory from your Shopify store, kept current by webhooks.",
    setup: "Set SHOPIFY_API_KEY and SHOPIFY_API_SECRET (the app's client credentials) on the server.",
  },
  config: shopifyAppConfig,
  auth: shopifyAuth,
  sync: createShopifySync(),
  webhooks: shopifyWebhooks,
  links: shopifyLinks,
  apiVersion: ADMIN_API_VERSION,

  stream<N extends ShopifyStreamName>(name: N): Extract<(typeof SHOPIFY_STREAMS)[number], { name: N }> {
    const stream = SHOPIFY_STREAMS.find((s) => s.name === name);
    if (!stream) throw new Error(`No Shopify stream named ${name}`);
    return stream as Extract<(typeof SHOPIFY_STREAMS)[number], { name: N }>;
  },

  /** The scopes the merchant granted this app (handles such as `read_orders`). */
  checkScopes: grantedScopes,

  backfill: {
    /** Starts a bulk query (RateLimitedError while the shop already runs its maximum of them). */
    start: (ctx: ShopifyContext, resource: BulkResource, options?: { updatedSince?: string }) =>
      startBulkQuery(clientFor(ctx), resource, options),
    /** The operation, or null when Shopify does not know the id (gone: start a new one). */
    get: (ctx: ShopifyContext, id: string) => getBulkOperation(clientFor(ctx), id),
    /** Polls with growing intervals until COMPLETED, FAILED, CANCELED or EXPIRED. */
    poll: (ctx: ShopifyContext, id: string, options?: PollOptions) => pollBulkOperation(clientFor(ctx), id, options),
    cancel: (ctx: ShopifyContext, id: string) => cancelBulkOperation(clientFor(ctx), id),
    /** Streams a finished operation's records in batches; see readBulkRecords. */
    read: <R extends BulkResource>(
      ctx: ShopifyContext,
      resource: R,
      operation: BulkOperationNode,
      options?: BulkReadOptions,
    ): AsyncGenerator<BulkBatch<R>> => readBulkRecords(clientFor(ctx), ctx.http ?? downloads(), resource, operation, options),
    /** The incremental cursor to save for the resource's stream once its backfill is stored. */
    cursorAfter: (operation: BulkOperationNode): string => cursorSince(operation.createdAt),
  },
} as const;

/** Bulk files are large: a generous time to first byte, the body itself is streamed. */
function downloads(): HttpClient {
  return new HttpClient({ timeoutMs: 60_000 });
}

export type ShopifyConnector = typeof shopifyConnector;
