import type { RecordBatch } from "../_core/connector";
import type { ShipmentEventRecord } from "../_core/records";
import { PermanentError } from "../_core/errors";
import type { ConnectorSync, StreamPosition, SyncChunk, SyncContext } from "../_core/sync";
import type { ShipBobCredentials } from "./credentials";
import { connectionClient, ShipBobClient, type ListPage, type ShipBobClientOptions } from "./client";
import { API_VERSION, type ShipBobConfig } from "./config";
import { inventoryLevelRecords, locationRecord, orderChangedAt, productRecord, receivingOrderRecord, returnRecord, shipmentChangedAt, shipmentRecords, shipmentTimeline } from "./mappers";
import { fulfillmentCenter, inventoryByLocation, order, product, receivingOrder, returnOrder, timelineEntry, type Order } from "./payloads";
import type { TokenPacers } from "./request-pacer";

// The sync: fulfilment centres (one unpaged list), then the catalogue (products with their
// variants, changed since the last run, less an overlap), stock per fulfilment centre, orders'
// shipments (orders changed since the last run, less an overlap), returns and receiving orders.
// What ShipBob cannot filter by change (stock, returns, receiving orders) is read whole every run:
// ingest writes only the rows whose values changed. A page is a chunk; a read in progress keeps
// the next page's path, as ShipBob gave it, in `state.next`, so a killed run resumes at the page
// after the last one stored.
//
// Shipment timelines: ShipBob serves them one shipment a request (150 a minute for everything)
// and the order list carries none, so a page of orders is followed by a timeline request for each
// of its shipments that changed recently: in an incremental run every changed shipment (changed
// since the run's `since`), in a backfill only those changed in the week before it began, so a
// backfill of years of orders does not multiply its requests. The others are stored with
// `timeline: null`, which keeps any stored timeline. The requests go through the same pacer.

export type ShipBobContext = SyncContext<ShipBobConfig, ShipBobCredentials>;

export type ShipBobSyncOptions = {
  /** Items per page (ShipBob allows 1–250). */
  pageSize?: number;
  onRequest?: ShipBobClientOptions["onRequest"];
  /** Per request attempt; default the shared HTTP client's. */
  httpTimeoutMs?: number;
  /** The engine's time per batch (0: one page a batch); default the engine's. */
  batchBudgetMs?: number;
};

/** Rows changed this long before the newest one seen are read again: ShipBob's change times may trail its writes. */
export const OVERLAP_MS = 5 * 60_000;
const MAX_PAGE_SIZE = 250;
/** A backfill reads the timelines of the shipments changed this long before it began. */
export const RECENT_TIMELINES_MS = 7 * 86_400_000;

/** A paged list as a stream reads it. */
type PagedList<T> = {
  /** The first page's path; `since`: the change time the last run left (null: everything). */
  first(since: string | null): string;
  page(client: ShipBobClient, path: string): Promise<ListPage<T>>;
  records(items: T[], read: PageRead): RecordBatch | Promise<RecordBatch>;
  /** For a list read by change: when an item last changed. The newest seen, less the overlap, is the next run's `since`. */
  changedAt?(item: T): string;
  /** Reads more for its recently changed items (`PageRead.recentFrom`): a backfill keeps that time in its state, so all its pages draw the line at the same time. */
  readsRecent?: boolean;
};

type PageRead = {
  observedAt: string;
  client: ShipBobClient;
  /** Items changed from this time on are recent: the run's `since`, or in a backfill RECENT_TIMELINES_MS before it began. */
  recentFrom: string;
};

type Progress = { next?: string; newest?: string; recentFrom?: string };

function progressOf(from: StreamPosition): Progress {
  const text = (key: string) => (typeof from.state[key] === "string" ? (from.state[key] as string) : undefined);
  return { next: text("next"), newest: text("newest"), recentFrom: text("recentFrom") };
}

const sinceParam = (name: string, since: string | null) => (since ? `&${name}=${encodeURIComponent(since)}` : "");

export function createShipBobSync(pacers: TokenPacers, options: ShipBobSyncOptions = {}): ConnectorSync<ShipBobConfig, ShipBobCredentials> {
  const pageSize = options.pageSize ?? MAX_PAGE_SIZE;
  // The pacer's clock is the connector's time (tests drive it).
  const now = () => pacers.options.clock.now();
  const clientFor = async (ctx: ShipBobContext) => connectionClient(ctx, { pacers, onRequest: options.onRequest, timeoutMs: options.httpTimeoutMs });

  async function* locations(ctx: ShipBobContext): AsyncGenerator<SyncChunk> {
    const observedAt = new Date().toISOString();
    const { body } = await (await clientFor(ctx)).get(`/${API_VERSION}/fulfillment-center`, fulfillmentCenter.array());
    yield { kind: "locations", records: body.map((c) => locationRecord(c, observedAt)), position: { cursor: null, state: {} }, done: true };
  }

  async function* pages<T>(ctx: ShipBobContext, from: StreamPosition, list: PagedList<T>): AsyncGenerator<SyncChunk> {
    const client = await clientFor(ctx);
    const progress = progressOf(from);
    let { next, newest } = progress;
    const recentFrom = from.cursor ?? progress.recentFrom ?? new Date(now() - RECENT_TIMELINES_MS).toISOString();
    const kept = list.readsRecent && !from.cursor ? { recentFrom } : {};
    let path = next ?? list.first(from.cursor);
    for (;;) {
      const observedAt = new Date().toISOString();
      const page = await list.page(client, path);
      for (const item of page.items) {
        const changed = list.changedAt?.(item);
        if (changed && (!newest || Date.parse(changed) > Date.parse(newest))) newest = changed;
      }
      next = page.next ?? undefined;
      const batch = await list.records(page.items, { observedAt, client, recentFrom });
      if (!next) {
        const cursor = newest ? new Date(Date.parse(newest) - OVERLAP_MS).toISOString() : from.cursor;
        yield { ...batch, position: { cursor, state: {} }, done: true };
        return;
      }
      yield { ...batch, position: { cursor: from.cursor, state: { next, ...(newest ? { newest } : {}), ...kept } } };
      path = next;
    }
  }

  /** The timelines of the orders' shipments changed from `recentFrom` on, by shipment id, one request each. */
  async function recentTimelines(orders: Order[], { client, recentFrom }: PageRead) {
    const timelines = new Map<number, ShipmentEventRecord[]>();
    for (const shipment of orders.flatMap((o) => o.shipments ?? [])) {
      if (Date.parse(shipmentChangedAt(shipment)) < Date.parse(recentFrom)) continue;
      const { body } = await client.get(`/${API_VERSION}/shipment/${shipment.id}/timeline`, timelineEntry.array());
      timelines.set(shipment.id, shipmentTimeline(body));
    }
    return timelines;
  }

  const paged =
    <T>(list: PagedList<T>) =>
    (ctx: ShipBobContext, from: StreamPosition) =>
      pages(ctx, from, list);

  const readers: Record<string, (ctx: ShipBobContext, from: StreamPosition) => AsyncGenerator<SyncChunk>> = {
    locations,
    products: paged({
      first: (since) => `/${API_VERSION}/product?PageSize=${pageSize}${sinceParam("LastUpdatedTimestamp", since)}`,
      page: (client, path) => client.cursorPage(path, product),
      records: (items, { observedAt }) => ({ kind: "products", records: items.map((p) => productRecord(p, observedAt)) }),
      changedAt: (p) => p.updated_on,
    }),
    inventory: paged({
      first: () => `/${API_VERSION}/inventory-level/locations?PageSize=${pageSize}`,
      page: (client, path) => client.cursorPage(path, inventoryByLocation),
      records: (items, { observedAt }) => ({ kind: "inventoryLevels", records: items.flatMap((item) => inventoryLevelRecords(item, observedAt)) }),
    }),
    // Oldest first: orders created during the read land on later pages instead of pushing
    // earlier ones onto pages already read.
    shipments: paged({
      first: (since) => `/${API_VERSION}/order?Limit=${pageSize}&SortOrder=Oldest${sinceParam("LastUpdateStartDate", since)}`,
      page: (client, path) => client.headerPage(path, order),
      async records(items, read) {
        const timelines = await recentTimelines(items, read);
        return { kind: "shipments", records: items.flatMap((o) => shipmentRecords(o, read.observedAt, timelines)) };
      },
      changedAt: orderChangedAt,
      readsRecent: true,
    }),
    returns: paged({
      first: () => `/${API_VERSION}/return?Limit=${pageSize}`,
      page: (client, path) => client.cursorPage(path, returnOrder),
      records: (items, { observedAt }) => ({ kind: "returns", records: items.map((r) => returnRecord(r, observedAt)) }),
    }),
    receiving: paged({
      first: () => `/${API_VERSION}/receiving?Limit=${pageSize}`,
      page: (client, path) => client.headerPage(path, receivingOrder),
      records: (items, { observedAt }) => ({ kind: "receivingOrders", records: items.map((w) => receivingOrderRecord(w, observedAt)) }),
    }),
  };

  return {
    // Personal access tokens open the whole account: no stream waits on a scope.
    streams: [
      { name: "locations", label: "Fulfilment centres", kind: "locations", requiredScopes: [] },
      { name: "products", label: "Products", kind: "products", requiredScopes: [] },
      { name: "inventory", label: "Stock per centre", kind: "inventoryLevels", requiredScopes: [] },
      { name: "shipments", label: "Orders and shipments", kind: "shipments", requiredScopes: [] },
      { name: "returns", label: "Returns", kind: "returns", requiredScopes: [] },
      { name: "receiving", label: "Receiving orders", kind: "receivingOrders", requiredScopes: [] },
    ],
    batchBudgetMs: options.batchBudgetMs,
    read(ctx, stream, from) {
      const reader = Object.hasOwn(readers, stream) ? readers[stream] : undefined;
      if (!reader) throw new PermanentError(`ShipBob has no stream named ${stream}`);
      return reader(ctx, from);
    },
  };
}
