import { z } from "zod";
import type { RecordKind, RecordsByKind, StreamPage, StreamReader } from "../_core/connector";
import { PermanentError } from "../_core/errors";
import type { HttpClient } from "../_core/http";
import {
  CUSTOMERS_PAGE,
  DELETION_EVENTS_PAGE,
  LOCATION_IDS,
  LOCATION_INVENTORY_LEVELS,
  LOCATIONS_PAGE,
  ORDERS_PAGE,
  PRODUCTS_PAGE,
} from "./documents";
import { completePageOrders, remainingVariants } from "./follow-ups";
import { ShopifyGraphqlClient, type CostBuckets, type QueryCost } from "./graphql-client";
import { mapCustomer, mapDeletionEvent, mapInventoryLevel, mapLocation, mapOrder, mapProduct } from "./mapper";
import {
  CustomersPage,
  DeletionEventsPage,
  LocationIdsPage,
  LocationInventoryLevelsPage,
  LocationsPage,
  OrdersPage,
  parsePayload,
  ProductsPage,
} from "./types";

/** Page sizes per stream, chosen so each page's requested cost stays under 1000 points. */
export const PAGE_SIZES = { orders: 10, customers: 200, products: 20, locations: 250, inventoryLevels: 200, deletionEvents: 250 } as const;

/**
 * How far before the newest `updated_at` seen the next window starts again. Shopify's search
 * index trails writes, so a record saved just before the newest one may only become findable
 * later; re-reading five minutes is cheap and the upserts make it idempotent.
 */
export const OVERLAP_MS = 5 * 60_000;

/** What every stream read needs: where the shop is and how to authenticate. */
export type ShopifyContext = {
  /** `https://{shop}` in production; the sandbox's `http://localhost:8289/shops/{shop}` locally. */
  shopOrigin: string;
  /** The access token, or a callback asked before each request (so a refreshed token is used). */
  accessToken: string | (() => string | Promise<string>);
  /** Pass one per run to count its requests (`http.stats`). */
  http?: HttpClient;
  signal?: AbortSignal;
  /** Each response's cost report, for the run's rate-limit headroom. */
  onCost?: (cost: QueryCost) => void;
  /** Tests only: a private bucket registry (production shares one per process). */
  buckets?: CostBuckets;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
};

export function clientFor(ctx: ShopifyContext): ShopifyGraphqlClient {
  return new ShopifyGraphqlClient({
    shopOrigin: ctx.shopOrigin,
    accessToken: ctx.accessToken,
    http: ctx.http,
    buckets: ctx.buckets,
    sleep: ctx.sleep,
    signal: ctx.signal,
    onCost: ctx.onCost,
  });
}

// ---- Cursors: JSON, versioned, validated on the way in ----

/**
 * An `updated_at` window being paged through: `since` is the window's lower bound (null: from
 * the beginning), `after` the page cursor inside it, `highWater` the newest timestamp seen so
 * far. When the window is exhausted the next one starts at `highWater − OVERLAP_MS`.
 */
const WindowCursor = z.object({
  v: z.literal(1),
  since: z.string().nullable(),
  after: z.string().nullable(),
  highWater: z.string().nullable(),
});
export type WindowCursor = z.infer<typeof WindowCursor>;

/**
 * Inventory walks location by location: `locations` are the ids still to read, current first.
 * A plain window cursor (the one a bulk backfill leaves) starts a walk over every location.
 */
const InventoryCursor = WindowCursor.extend({ locations: z.array(z.string()).nullable().default(null) });
export type InventoryCursor = z.infer<typeof InventoryCursor>;

/** Locations cannot be searched by update time: each run lists them all. */
const ListCursor = z.object({ v: z.literal(1), after: z.string().nullable() });

export function decode<S extends z.ZodType>(schema: S, cursor: string | null, fallback: z.output<S>): z.output<S> {
  if (cursor === null) return fallback;
  let json: unknown;
  try {
    json = JSON.parse(cursor);
  } catch {
    throw new PermanentError(`Unreadable Shopify stream cursor: ${cursor.slice(0, 100)}`);
  }
  return parsePayload(schema, json, "stream cursor");
}

const START: WindowCursor = { v: 1, since: null, after: null, highWater: null };

/**
 * The incremental cursor to save after a bulk backfill that started at `startedAt` (ISO): the
 * next incremental run reads everything updated since then, minus the overlap.
 */
export function cursorSince(startedAt: string): string {
  return JSON.stringify({ ...START, since: shiftIso(startedAt, -OVERLAP_MS) } satisfies WindowCursor);
}

export function shiftIso(iso: string, ms: number): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) throw new PermanentError(`Not a timestamp: ${iso}`);
  return new Date(t + ms).toISOString();
}

export function newest(a: string | null, b: string): string {
  return a === null || Date.parse(b) > Date.parse(a) ? b : a;
}

export function searchSince(field: string, since: string | null): string | null {
  return since ? `${field}:>='${since}'` : null;
}

type Connection<N> = { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: N[] };

/** When a read is asked for: what it returns reflects every change before then (see ObservedAt in records.ts). */
const now = () => new Date().toISOString();

/** One page of an `updated_at` window; the cursor of the following page, or of the next window. */
async function windowPage<N, R>(
  cursorText: string | null,
  fetch: (query: string | null, after: string | null) => Promise<Connection<N>>,
  timestamp: (node: N) => string,
  toRecords: (nodes: N[], observedAt: string) => Promise<R[]>,
  field = "updated_at",
): Promise<StreamPage<R>> {
  const cursor = decode(WindowCursor, cursorText, START);
  const observedAt = now();
  const page = await fetch(searchSince(field, cursor.since), cursor.after);
  const highWater = page.nodes.reduce((hw, n) => newest(hw, timestamp(n)), cursor.highWater);
  const records = await toRecords(page.nodes, observedAt);
  if (page.pageInfo.hasNextPage) {
    return { records, nextCursor: JSON.stringify({ ...cursor, after: page.pageInfo.endCursor, highWater } satisfies WindowCursor), done: false };
  }
  const since = highWater ? shiftIso(highWater, -OVERLAP_MS) : cursor.since;
  return { records, nextCursor: JSON.stringify({ ...START, since } satisfies WindowCursor), done: true };
}

// ---- The streams, in dependency order ----

export type ShopifyStreamName = "locations" | "products" | "inventory" | "customers" | "orders" | "deletions";

type Stream<K extends RecordKind, N extends ShopifyStreamName> = StreamReader<ShopifyContext, K> & { name: N };

const locations: Stream<"locations", "locations"> = {
  name: "locations",
  kind: "locations",
  requiredScopes: ["read_locations"],
  async readPage(input) {
    const client = clientFor(input);
    const cursor = decode(ListCursor, input.cursor, { v: 1, after: null });
    const observedAt = now();
    const data = parsePayload(LocationsPage, await client.request(LOCATIONS_PAGE, { first: PAGE_SIZES.locations, after: cursor.after }), "locations page");
    const { pageInfo, nodes } = data.locations;
    const records = nodes.map((node) => mapLocation(node, observedAt));
    if (pageInfo.hasNextPage) return { records, nextCursor: JSON.stringify({ v: 1, after: pageInfo.endCursor }), done: false };
    return { records, nextCursor: null, done: true };
  },
};

const products: Stream<"products", "products"> = {
  name: "products",
  kind: "products",
  requiredScopes: ["read_products"],
  async readPage(input) {
    const client = clientFor(input);
    let currency = "";
    return windowPage(
      input.cursor,
      async (query, after) => {
        const data = parsePayload(ProductsPage, await client.request(PRODUCTS_PAGE, { first: PAGE_SIZES.products, after, query }), "products page");
        currency = data.shop.currencyCode;
        return data.products;
      },
      (p) => p.updatedAt,
      async (nodes, observedAt) => {
        const records: RecordsByKind["products"][] = [];
        for (const node of nodes) {
          const { pageInfo, nodes: first } = node.variants;
          const rest = pageInfo.hasNextPage ? await remainingVariants(client, node.id, pageInfo.endCursor) : [];
          records.push(mapProduct(node, [...first, ...rest], currency, observedAt));
        }
        return records;
      },
    );
  },
};

const inventory: Stream<"inventoryLevels", "inventory"> = {
  name: "inventory",
  kind: "inventoryLevels",
  requiredScopes: ["read_inventory", "read_locations"],
  async readPage(input) {
    const client = clientFor(input);
    const cursor = decode(InventoryCursor, input.cursor, { ...START, locations: null });
    const remaining = cursor.locations ?? (await allLocationIds(client));
    const finished = (highWater: string | null): StreamPage<RecordsByKind["inventoryLevels"]> => {
      const since = highWater ? shiftIso(highWater, -OVERLAP_MS) : cursor.since;
      return { records: [], nextCursor: JSON.stringify({ ...START, since, locations: null } satisfies InventoryCursor), done: true };
    };
    const [locationId, ...rest] = remaining;
    if (!locationId) return finished(cursor.highWater);

    const observedAt = now();
    const data = parsePayload(
      LocationInventoryLevelsPage,
      await client.request(LOCATION_INVENTORY_LEVELS, {
        id: locationId,
        first: PAGE_SIZES.inventoryLevels,
        after: cursor.after,
        query: searchSince("updated_at", cursor.since),
      }),
      "inventory levels page",
    );
    // A location deleted since the list was taken has nothing more to read.
    const levels = data.location?.inventoryLevels ?? { pageInfo: { hasNextPage: false, endCursor: null }, nodes: [] };
    const highWater = levels.nodes.reduce((hw, n) => newest(hw, n.updatedAt), cursor.highWater);
    const records = levels.nodes.map((node) => mapInventoryLevel(node, observedAt));
    if (levels.pageInfo.hasNextPage) {
      const next: InventoryCursor = { ...cursor, locations: remaining, after: levels.pageInfo.endCursor, highWater };
      return { records, nextCursor: JSON.stringify(next), done: false };
    }
    if (rest.length === 0) return { ...finished(highWater), records };
    const next: InventoryCursor = { ...cursor, locations: rest, after: null, highWater };
    return { records, nextCursor: JSON.stringify(next), done: false };
  },
};

async function allLocationIds(client: ShopifyGraphqlClient): Promise<string[]> {
  const ids: string[] = [];
  for (let after: string | null = null; ; ) {
    const data: z.output<typeof LocationIdsPage> = parsePayload(LocationIdsPage, await client.request(LOCATION_IDS, { after }), "location ids");
    ids.push(...data.locations.nodes.map((n) => n.id));
    if (!data.locations.pageInfo.hasNextPage) return ids;
    after = data.locations.pageInfo.endCursor;
  }
}

const customers: Stream<"customers", "customers"> = {
  name: "customers",
  kind: "customers",
  requiredScopes: ["read_customers"],
  async readPage(input) {
    const client = clientFor(input);
    return windowPage(
      input.cursor,
      async (query, after) =>
        parsePayload(CustomersPage, await client.request(CUSTOMERS_PAGE, { first: PAGE_SIZES.customers, after, query }), "customers page").customers,
      (c) => c.updatedAt,
      async (nodes, observedAt) => nodes.map((node) => mapCustomer(node, observedAt)),
    );
  },
};

const orders: Stream<"orders", "orders"> = {
  name: "orders",
  kind: "orders",
  // Order.customer needs read_customers as well.
  requiredScopes: ["read_orders", "read_customers"],
  async readPage(input) {
    const client = clientFor(input);
    return windowPage(
      input.cursor,
      async (query, after) =>
        parsePayload(OrdersPage, await client.request(ORDERS_PAGE, { first: PAGE_SIZES.orders, after, query }), "orders page").orders,
      (o) => o.updatedAt,
      async (nodes, observedAt) => (await completePageOrders(client, nodes)).map((order) => mapOrder(order, observedAt)),
    );
  },
};

const deletions: Stream<"deletions", "deletions"> = {
  name: "deletions",
  kind: "deletions",
  requiredScopes: ["read_products"],
  async readPage(input) {
    const client = clientFor(input);
    return windowPage(
      input.cursor,
      async (query, after) =>
        parsePayload(
          DeletionEventsPage,
          await client.request(DELETION_EVENTS_PAGE, { first: PAGE_SIZES.deletionEvents, after, query }),
          "deletion events page",
        ).deletionEvents,
      (e) => e.occurredAt,
      async (nodes) => nodes.map(mapDeletionEvent).filter((d) => d !== null),
      "occurred_at",
    );
  },
};

/** Every stream, in the order a sync reads them (what later streams refer to comes first). */
export const SHOPIFY_STREAMS = [locations, products, inventory, customers, orders, deletions] as const;
