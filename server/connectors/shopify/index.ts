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
import { ACCESS_SCOPES } from "./documents";
import { ADMIN_API_VERSION } from "./graphql-client";
import { AccessScopes, parsePayload, type BulkOperationNode } from "./types";
import { clientFor, cursorSince, SHOPIFY_STREAMS, type ShopifyContext, type ShopifyStreamName } from "./streams";
import { shopifyWebhooks } from "./webhooks";

export { ShopifyAccessDeniedError, ShopifyGraphqlClient, ADMIN_API_VERSION, type QueryCost, type ThrottleStatus } from "./graphql-client";
export { BulkOperationFailedError, type BulkBatch, type BulkResource } from "./bulk";
export { OVERLAP_MS, PAGE_SIZES, cursorSince, type ShopifyContext, type ShopifyStreamName } from "./streams";
export type { BulkOperationNode } from "./types";
export { shopOrigin, type ShopifyAppConfig } from "./config";
export { registerWebhooks, webhookUrl, type WebhookRegistration } from "./register-webhooks";
export { MAX_WEBHOOK_BODY_BYTES } from "./webhooks";

/**
 * The Shopify connector: incremental streams (`readPage` per stream) for scheduled syncs, bulk
 * operations for the initial backfill of the large streams, and webhooks (webhooks.ts).
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
  webhooks: shopifyWebhooks,
  apiVersion: ADMIN_API_VERSION,
  streams: SHOPIFY_STREAMS,
  /** Not required, but without it Shopify only shows the last 60 days of orders. */
  recommendedScopes: ["read_all_orders"],

  stream<N extends ShopifyStreamName>(name: N): Extract<(typeof SHOPIFY_STREAMS)[number], { name: N }> {
    const stream = SHOPIFY_STREAMS.find((s) => s.name === name);
    if (!stream) throw new Error(`No Shopify stream named ${name}`);
    return stream as Extract<(typeof SHOPIFY_STREAMS)[number], { name: N }>;
  },

  /** The scopes the merchant granted this app (handles such as `read_orders`). */
  async checkScopes(ctx: ShopifyContext): Promise<string[]> {
    const data = parsePayload(AccessScopes, await clientFor(ctx).request(ACCESS_SCOPES), "access scopes");
    return data.currentAppInstallation.accessScopes.map((s) => s.handle);
  },

  backfill: {
    resources: ["orders", "customers", "products", "inventory"] as const satisfies readonly BulkResource[],
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
