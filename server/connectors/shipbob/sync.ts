import { PermanentError } from "../_core/errors";
import type { ConnectorSync, StreamPosition, SyncChunk, SyncContext } from "../_core/sync";
import type { ShipBobCredentials } from "./auth";
import { ShipBobClient, type ShipBobClientOptions } from "./client";
import { API_VERSION, type ShipBobConfig } from "./config";
import { inventoryLevelRecords, locationRecord, productRecord } from "./mappers";
import { fulfillmentCenter, inventoryByLocation, product } from "./payloads";
import type { TokenPacers } from "./request-pacer";

// The sync: fulfilment centres (one unpaged list), then the catalogue (products with their
// variants, changed since the last run, less an overlap), then stock per fulfilment centre (ShipBob
// cannot filter it by change: read whole every run; ingest writes only the levels that changed).
// A page is a chunk; a read in progress keeps the next page's path, as ShipBob gave it, in
// `state.next`, so a killed run resumes at the page after the last one stored.

export type ShipBobContext = SyncContext<ShipBobConfig, ShipBobCredentials>;

export type ShipBobSyncOptions = {
  /** Items per page (ShipBob allows 1–250). */
  pageSize?: number;
  onRequest?: ShipBobClientOptions["onRequest"];
  /** The engine's time per batch (0: one page a batch); default the engine's. */
  batchBudgetMs?: number;
};

/** Products changed this long before the newest one seen are read again: ShipBob's change times may trail its writes. */
export const OVERLAP_MS = 5 * 60_000;
const MAX_PAGE_SIZE = 250;

type Progress = { next?: string; newest?: string };

function progressOf(from: StreamPosition): Progress {
  const { next, newest } = from.state;
  return { next: typeof next === "string" ? next : undefined, newest: typeof newest === "string" ? newest : undefined };
}

export function createShipBobSync(pacers: TokenPacers, options: ShipBobSyncOptions = {}): ConnectorSync<ShipBobConfig, ShipBobCredentials> {
  const pageSize = options.pageSize ?? MAX_PAGE_SIZE;
  const clientFor = async (ctx: ShipBobContext) => new ShipBobClient(ctx.config.apiUrl, (await ctx.credentials()).token, { pacers, onRequest: options.onRequest });

  async function* locations(ctx: ShipBobContext): AsyncGenerator<SyncChunk> {
    const observedAt = new Date().toISOString();
    const { body } = await (await clientFor(ctx)).get(`/${API_VERSION}/fulfillment-center`, fulfillmentCenter.array());
    yield { kind: "locations", records: body.map((c) => locationRecord(c, observedAt)), position: { cursor: null, state: {} }, done: true };
  }

  async function* products(ctx: ShipBobContext, from: StreamPosition): AsyncGenerator<SyncChunk> {
    const client = await clientFor(ctx);
    let { next, newest } = progressOf(from);
    const since = from.cursor ? `&LastUpdatedTimestamp=${encodeURIComponent(from.cursor)}` : "";
    let path = next ?? `/${API_VERSION}/product?PageSize=${pageSize}${since}`;
    for (;;) {
      const observedAt = new Date().toISOString();
      const page = await client.cursorPage(path, product);
      for (const p of page.items) if (!newest || Date.parse(p.updated_on) > Date.parse(newest)) newest = p.updated_on;
      next = page.next ?? undefined;
      const records = page.items.map((p) => productRecord(p, observedAt));
      if (!next) {
        const cursor = newest ? new Date(Date.parse(newest) - OVERLAP_MS).toISOString() : from.cursor;
        yield { kind: "products", records, position: { cursor, state: {} }, done: true };
        return;
      }
      yield { kind: "products", records, position: { cursor: from.cursor, state: { next, ...(newest ? { newest } : {}) } } };
      path = next;
    }
  }

  async function* inventoryLevels(ctx: ShipBobContext, from: StreamPosition): AsyncGenerator<SyncChunk> {
    const client = await clientFor(ctx);
    let path = progressOf(from).next ?? `/${API_VERSION}/inventory-level/locations?PageSize=${pageSize}`;
    for (;;) {
      const observedAt = new Date().toISOString();
      const page = await client.cursorPage(path, inventoryByLocation);
      const records = page.items.flatMap((item) => inventoryLevelRecords(item, observedAt));
      if (!page.next) {
        yield { kind: "inventoryLevels", records, position: { cursor: null, state: {} }, done: true };
        return;
      }
      yield { kind: "inventoryLevels", records, position: { cursor: null, state: { next: page.next } } };
      path = page.next;
    }
  }

  return {
    // Personal access tokens open the whole account: no stream waits on a scope.
    streams: [
      { name: "locations", kind: "locations", requiredScopes: [] },
      { name: "products", kind: "products", requiredScopes: [] },
      { name: "inventory", kind: "inventoryLevels", requiredScopes: [] },
    ],
    batchBudgetMs: options.batchBudgetMs,
    read(ctx, stream, from) {
      if (stream === "locations") return locations(ctx);
      if (stream === "products") return products(ctx, from);
      if (stream === "inventory") return inventoryLevels(ctx, from);
      throw new PermanentError(`ShipBob has no stream named ${stream}`);
    },
  };
}
