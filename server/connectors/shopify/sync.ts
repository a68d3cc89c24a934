import type { OAuthAccess } from "../_core/auth";
import { PermanentError } from "../_core/errors";
import type { ConnectorSync, SyncStream } from "../_core/sync";
import type { BulkResource } from "./bulk";
import type { ShopifyAppConfig } from "./config";
import { ACCESS_SCOPES } from "./documents";
import { clientFor, SHOPIFY_STREAMS, type ShopifyContext, type ShopifyStreamName } from "./streams";
import { bulkRead, ORDER_REFUNDS_STREAM, refundsPass, startExport } from "./sync-bulk";
import { PAYOUT_STREAMS, type PayoutStreamName } from "./payouts-streams";
import { pagedRead } from "./sync-paged";
import { readOf, shopContext, stateOf, SYNC_DEFAULTS, withBulk, type ShopifySyncSettings } from "./sync-run";
import { AccessScopes, parsePayload } from "./types";

// Shopify's sync part (the contract: server/connectors/_core/sync.ts). A stream that was never
// synced is backfilled through a bulk export (orders, customers, products, inventory: started
// together when a run begins, so they build at Shopify while earlier streams are read), and is
// read page by page from then on, in `updated_at` windows; a window with many changed orders is
// read through a bulk export too. The orders backfill has a second pass, `order-refunds`, over
// the same file (bulk-orders.ts).

export { ORDER_REFUNDS_STREAM };

/** Exports that build at Shopify while earlier streams are read, largest first (five may run at once). */
const BACKFILLS: readonly BulkResource[] = ["orders", "customers", "products", "inventory"];

/** Every page reader of the sync. */
const READERS = [...SHOPIFY_STREAMS, ...PAYOUT_STREAMS];

const LABELS: Record<ShopifyStreamName | PayoutStreamName, string> = {
  locations: "Locations",
  products: "Products",
  inventory: "Inventory",
  customers: "Customers",
  orders: "Orders",
  deletions: "Deletions",
  payouts: "Payouts",
  balanceTransactions: "Payout transactions",
};

function stream(name: ShopifyStreamName | PayoutStreamName): SyncStream {
  const { kind, requiredScopes } = READERS.find((s) => s.name === name)!;
  return { name, label: LABELS[name], kind, requiredScopes };
}

/**
 * The connector's streams, with inventory after orders, then the second pass of the orders
 * backfill. An inventory backfill is a bulk export like the other large streams', but incremental
 * runs read the changed levels page by page, location by location, paced by the cost bucket:
 * after orders, a large restock does not hold fresh orders back. Every stream still comes after
 * what it refers to (inventory: locations and variants).
 */
export const SHOPIFY_SYNC_STREAMS: readonly SyncStream[] = [
  stream("locations"),
  stream("products"),
  stream("customers"),
  // Orders sync without read_all_orders, but Shopify then shows only the last 60 days of them.
  { ...stream("orders"), recommendedScopes: { scopes: ["read_all_orders"], without: "Only the last 60 days of orders are visible" } },
  stream("inventory"),
  stream("deletions"),
  { ...stream("orders"), name: ORDER_REFUNDS_STREAM, label: "Refund details" },
  // After the orders and refunds they settle.
  stream("payouts"),
  stream("balanceTransactions"),
];

export type ShopifySyncOptions = Partial<ShopifySyncSettings> & {
  /** The engine's time per batch (ConnectorSync.batchBudgetMs); tests take 0, one chunk a batch. */
  batchBudgetMs?: number;
};

/** The scopes the merchant granted this app (handles such as `read_orders`). */
export async function grantedScopes(ctx: ShopifyContext): Promise<string[]> {
  const data = parsePayload(AccessScopes, await clientFor(ctx).request(ACCESS_SCOPES), "access scopes");
  return data.currentAppInstallation.accessScopes.map((s) => s.handle);
}

/** Shopify's sync; `options` tune it (tests, the crash drill and benchmarks read in smaller pieces). */
export function createShopifySync(options: ShopifySyncOptions = {}): ConnectorSync<ShopifyAppConfig, OAuthAccess> {
  const { batchBudgetMs, ...tuned } = options;
  const settings = { ...SYNC_DEFAULTS, ...tuned };
  return {
    streams: SHOPIFY_SYNC_STREAMS,
    batchBudgetMs,
    read(ctx, name, from) {
      const read = readOf(ctx, settings);
      if (name === ORDER_REFUNDS_STREAM) return refundsPass(read, from);
      const reader = READERS.find((s) => s.name === name);
      if (!reader) throw new PermanentError(`Shopify has no stream named ${name}`);
      if (stateOf(from).bulk) return bulkRead(read, name as BulkResource, from);
      return pagedRead(read, reader, from);
    },
    grantedScopes: (ctx) => grantedScopes(shopContext(ctx)),
    async *prepareRun(ctx, streams) {
      const read = readOf(ctx, settings);
      for (const resource of BACKFILLS) {
        const never = streams.find((s) => s.name === resource && s.position.cursor === null && !stateOf(s.position).bulk);
        if (!never) continue;
        const operation = await startExport(read, resource);
        yield { stream: resource, position: withBulk(never.position, { operationId: operation.id, parentsRead: 0, restarts: 0 }) };
      }
    },
  };
}
