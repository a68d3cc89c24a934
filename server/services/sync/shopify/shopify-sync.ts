import "server-only";
import type { RecordKind, RecordsByKind } from "@/server/connectors/_core/connector";
import { PermanentError } from "@/server/connectors/_core/errors";
import { HttpClient } from "@/server/connectors/_core/http";
import { BulkOperationFailedError, shopifyConnector, shopOrigin, type BulkOperationNode, type BulkResource, type ShopifyContext } from "@/server/connectors/shopify";
import { readBulkChildLines, stagesChildren, type StagedChildren } from "@/server/connectors/shopify/bulk";
import type { Prisma } from "@/server/generated/prisma/client";
import {
  applyDeletions,
  dropBulkStaging,
  findBulkStaging,
  ingestCustomers,
  ingestInventoryLevels,
  ingestLocations,
  ingestOrders,
  ingestProducts,
  readStreamState,
  saveStreamState,
  inIngestTransaction,
  stageBulkChildLines,
  stagedChildren,
  type IngestCounts,
  type IngestScope,
  type IngestTransaction,
} from "@/server/ingest";
import { updateJobRunProgress } from "@/server/services/jobs/update-job-run-progress";
import { getConnectionAccess, type AccessDeps } from "@/server/services/connections/get-connection-access";
import { commitSyncBatch, type SyncProgress } from "../commit-sync-batch";
import type { ProviderSync, SyncBatchInput, SyncBatchResult } from "../registry";
import { ordersWithoutRefundLines, refundedOrdersComplete } from "./bulk-orders";

// Shopify's ProviderSync. The truth about where a stream stands is its StreamState row, written
// with every ingest, in its transaction (with the run's counts, see commit-sync-batch.ts): `cursor` is the connector's incremental cursor (null until the stream's
// backfill finished), `state` holds a bulk operation being read (its id and how far its file is
// stored), the warning of a skipped stream and the records read so far. The cursor a batch hands
// back to the engine only says where the stream is (for the run's history and tests); a retried
// step or a new run after a crash resumes from the row, so a batch stored before a failure is
// not read again.

/**
 * The connector's streams, with inventory moved after orders, then the second pass of the orders
 * backfill (see bulk-orders.ts). An inventory backfill is a bulk export like the other large
 * streams', but incremental runs read the changed levels page by page, location by location,
 * paced by the cost bucket: after orders, a large restock does not hold fresh orders back. Every
 * stream still comes after what it refers to (inventory: locations and variants).
 */
export const ORDER_REFUNDS_STREAM = "order-refunds";
export const SHOPIFY_SYNC_STREAMS = ["locations", "products", "customers", "orders", "inventory", "deletions", ORDER_REFUNDS_STREAM] as const;


const BULK_RESOURCES = shopifyConnector.backfill.resources;
const TERMINAL = new Set<BulkOperationNode["status"]>(["COMPLETED", "FAILED", "CANCELED", "EXPIRED"]);

type BulkProgress = {
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

/** StreamState.state of a Shopify stream. */
export type ShopifyStreamExtras = {
  /** Why the stream was skipped on its last run (missing scopes); absent when it ran. */
  warning?: string;
  /** Records read by the stream since the connection was created. */
  recordsRead?: number;
  /** A bulk operation being read. */
  bulk?: BulkProgress;
};

export type ShopifySyncOptions = {
  /** Time limit of one GraphQL request (to its response headers for downloads). */
  httpTimeoutMs?: number;
  /** A step stops reading once it has worked this long, and returns its cursor. */
  stepBudgetMs?: number;
  /** Records a paged step reads at most. */
  pagedRecordsPerStep?: number;
  /** Parents per bulk batch (one ingest call). */
  bulkBatchSize?: number;
  /** Child lines staged per transaction in a bulk file's first pass (orders, products). */
  bulkStageLines?: number;
  /**
   * JSONL lines per bulk batch: inventory batches end as soon as they hold this many, even inside
   * one location's levels; orders and products at the parent that crosses it (see JsonlOptions.maxLines).
   */
  bulkBatchLines?: number;
  /** Bulk operations restarted after a failure at most this often before the run fails. */
  maxBulkRestarts?: number;
  /** How often a running bulk operation is polled. */
  pollIntervalMs?: number;
  access?: AccessDeps;
  /** Told about every batch stored (records written and milliseconds to commit them), e.g. by the benchmark. */
  onIngest?: (stream: string, records: number, ms: number) => void;
};

const DEFAULTS = {
  httpTimeoutMs: 30_000,
  stepBudgetMs: 20_000,
  pagedRecordsPerStep: 2_000,
  bulkBatchSize: 1_000,
  bulkStageLines: 10_000,
  bulkBatchLines: 10_000,
  maxBulkRestarts: 3,
  pollIntervalMs: 1_000,
} satisfies Omit<Required<ShopifySyncOptions>, "access" | "onIngest">;

type Settings = typeof DEFAULTS & Pick<ShopifySyncOptions, "onIngest">;
type Ctx = { scope: IngestScope; jobRunId: string; shop: ShopifyContext; http: HttpClient; options: Settings; started: number };

const STREAM_KIND = Object.fromEntries(shopifyConnector.streams.map((s) => [s.name, s.kind])) as Record<string, RecordKind>;

function requiredScopes(stream: string): readonly string[] {
  if (stream === ORDER_REFUNDS_STREAM) return shopifyConnector.stream("orders").requiredScopes;
  return shopifyConnector.streams.find((s) => s.name === stream)?.requiredScopes ?? [];
}

export function createShopifySync(options: ShopifySyncOptions = {}): ProviderSync {
  const { access, ...rest } = options;
  const settings = { ...DEFAULTS, ...rest };
  return {
    streams: SHOPIFY_SYNC_STREAMS,
    async syncBatch(input: SyncBatchInput): Promise<SyncBatchResult> {
      if (!SHOPIFY_SYNC_STREAMS.includes(input.stream as (typeof SHOPIFY_SYNC_STREAMS)[number])) {
        throw new PermanentError(`Shopify has no stream named ${input.stream}`);
      }
      const ctx = await contextFor(input, settings, access);
      if (input.cursor === null) {
        const skipped = await checkScopesAndStartBackfills(ctx, input.stream);
        if (skipped) return skipped;
      }
      if (input.stream === ORDER_REFUNDS_STREAM) return completeRefunds(ctx);
      const saved = await readStreamState(ctx.scope, input.stream);
      const extras = extrasOf(saved?.state);
      if (extras.bulk) return bulkBatch(ctx, input.stream as BulkResource, extras);
      return pagedBatch(ctx, input.stream, saved?.cursor ?? null, extras);
    },
  };
}

async function contextFor({ connection, jobRunId }: SyncBatchInput, options: Settings, access?: AccessDeps): Promise<Ctx> {
  const connectionAccess = await getConnectionAccess(connection.id, { ...access, provider: "SHOPIFY" });
  // Fails with AuthExpiredError (and marks the connection) before any request when the token is gone.
  await connectionAccess.credentials();
  const http = new HttpClient({ timeoutMs: options.httpTimeoutMs });
  return {
    scope: { workspaceId: connection.workspaceId, connectionId: connection.id },
    jobRunId,
    shop: {
      shopOrigin: shopOrigin(connectionAccess.config, connection.externalAccountId),
      // Asked before each request: answered from memory until the token nears expiry, then refreshed.
      accessToken: async () => (await connectionAccess.credentials()).accessToken,
      http,
    },
    http,
    options,
    started: Date.now(),
  };
}

// ---------- stream state ----------

function extrasOf(state: Prisma.JsonObject | undefined): ShopifyStreamExtras {
  return (state ?? {}) as ShopifyStreamExtras;
}

async function saveExtras(ctx: Ctx, stream: string, cursor: string | null, extras: ShopifyStreamExtras, tx?: IngestTransaction): Promise<void> {
  const state = Object.fromEntries(Object.entries(extras).filter(([, v]) => v !== undefined)) as Prisma.InputJsonObject;
  await saveStreamState(ctx.scope, stream, { cursor, state }, tx);
}

// ---------- run start: scopes, and the backfills that build in parallel ----------

/**
 * On a stream's first batch of the run: skips it (with the warning kept in its StreamState) when
 * a scope it needs was not granted, and starts the bulk operation of every large stream that was
 * never synced, so the four exports build at Shopify (five may run at once) while earlier streams
 * are read; each is read when its stream's turn comes.
 */
async function checkScopesAndStartBackfills(ctx: Ctx, stream: string): Promise<SyncBatchResult | null> {
  const granted = new Set(await shopifyConnector.checkScopes(ctx.shop));
  const missing = (s: string) => requiredScopes(s).filter((scope) => !granted.has(scope));

  const saved = await readStreamState(ctx.scope, stream);
  const extras = extrasOf(saved?.state);
  const lacking = missing(stream);
  if (lacking.length) {
    const warning = `Skipped: Shopify did not grant ${lacking.join(", ")}. Reinstall the app with ${lacking.length > 1 ? "these scopes" : "this scope"} to sync ${stream}.`;
    await saveExtras(ctx, stream, saved?.cursor ?? null, { ...extras, warning });
    return { cursor: null, done: true, counts: { read: 0 } };
  }
  // Orders sync without read_all_orders, but Shopify then shows only the last 60 days of them.
  const partial = stream === "orders" && shopifyConnector.recommendedScopes.filter((scope) => !granted.has(scope));
  const warning = partial && partial.length ? `Only the last 60 days of orders are visible: Shopify did not grant ${partial.join(", ")}.` : undefined;
  if (extras.warning !== warning) await saveExtras(ctx, stream, saved?.cursor ?? null, { ...extras, warning });

  if (stream === ORDER_REFUNDS_STREAM || stream === "deletions") return null;
  for (const resource of BULK_RESOURCES) {
    if (missing(resource).length) continue;
    const state = await readStreamState(ctx.scope, resource);
    const resourceExtras = extrasOf(state?.state);
    if ((state?.cursor ?? null) !== null || resourceExtras.bulk) continue;
    const operation = await shopifyConnector.backfill.start(ctx.shop, resource);
    await saveExtras(ctx, resource, null, { ...resourceExtras, bulk: { operationId: operation.id, parentsRead: 0, restarts: 0 } });
  }
  return null;
}

// ---------- storing a batch ----------

type Totals = IngestCounts;
const zero = (): Totals => ({ read: 0, inserted: 0, updated: 0, unchanged: 0, deleted: 0 });

function add(totals: Totals, counts: IngestCounts): void {
  totals.read += counts.read;
  totals.inserted += counts.inserted;
  totals.updated += counts.updated;
  totals.unchanged += counts.unchanged;
  totals.deleted += counts.deleted;
}

type StateSave = { stream: string; cursor: string | null; extras: ShopifyStreamExtras };

/**
 * Stores a batch's records (possibly none) with the stream states they move the streams to, and
 * adds their counts (and the progress, when given) to the run, in one transaction; `also` writes
 * in it too (staged lines of a bulk file, or their removal).
 */
async function store<K extends RecordKind>(
  ctx: Ctx,
  batch: { stream: string; kind: K; records: RecordsByKind[K][]; saves: StateSave[]; progress?: SyncProgress; also?: (tx: IngestTransaction) => Promise<unknown> },
): Promise<IngestCounts> {
  const started = performance.now();
  const counts = await commitSyncBatch(
    ctx.jobRunId,
    `Shopify ${batch.stream}`,
    async (tx) => {
      const counts = batch.records.length ? await ingestBy(ctx.scope, batch.kind, batch.records, tx) : zero();
      for (const save of batch.saves) await saveExtras(ctx, save.stream, save.cursor, save.extras, tx);
      await batch.also?.(tx);
      return counts;
    },
    batch.progress,
  );
  if (batch.records.length) ctx.options.onIngest?.(batch.stream, batch.records.length, performance.now() - started);
  return counts;
}

function ingestBy<K extends RecordKind>(scope: IngestScope, kind: K, records: RecordsByKind[K][], tx: IngestTransaction): Promise<IngestCounts> {
  switch (kind) {
    case "orders":
      return ingestOrders(scope, records as RecordsByKind["orders"][], tx);
    case "customers":
      return ingestCustomers(scope, records as RecordsByKind["customers"][], tx);
    case "products":
      return ingestProducts(scope, records as RecordsByKind["products"][], tx);
    case "locations":
      return ingestLocations(scope, records as RecordsByKind["locations"][], tx);
    case "inventoryLevels":
      return ingestInventoryLevels(scope, records as RecordsByKind["inventoryLevels"][], tx);
    case "deletions":
      return applyDeletions(scope, records as RecordsByKind["deletions"][], tx);
  }
  throw new Error(`No ingest for ${kind satisfies never}`);
}

function outOfBudget(ctx: Ctx): boolean {
  return Date.now() - ctx.started > ctx.options.stepBudgetMs;
}

// ---------- paged streams (incremental windows, locations, deletions) ----------

async function pagedBatch(ctx: Ctx, stream: string, startCursor: string | null, extras: ShopifyStreamExtras): Promise<SyncBatchResult> {
  const reader = shopifyConnector.streams.find((s) => s.name === stream)!;
  const kind = STREAM_KIND[stream]!;
  const totals = zero();
  let cursor = startCursor;
  let done = false;
  let recordsRead = extras.recordsRead ?? 0;
  for (let first = true; !done; first = false) {
    const page = await reader.readPage({ ...ctx.shop, cursor });
    const records = page.records as RecordsByKind[typeof kind][];
    recordsRead += records.length;
    // Many changed orders: paging costs ~40 points an order (1,000 orders ≈ 400 s at the standard
    // plan's 100 points/s), a bulk query of the same window a few points. One page tells which.
    if (stream === "orders" && first && !page.done && windowStart(startCursor)) {
      const updatedSince = windowSince(startCursor) ?? undefined;
      const operation = await shopifyConnector.backfill.start(ctx.shop, "orders", { updatedSince });
      const bulk: BulkProgress = { operationId: operation.id, parentsRead: 0, restarts: 0, updatedSince };
      add(totals, await store(ctx, { stream, kind, records, saves: [{ stream, cursor: startCursor, extras: { ...extras, recordsRead, bulk } }] }));
      return { cursor: JSON.stringify({ bulk: operation.id, parentsRead: 0 }), done: false, counts: totals };
    }
    cursor = page.nextCursor;
    done = page.done;
    add(totals, await store(ctx, { stream, kind, records, saves: [{ stream, cursor, extras: { ...extras, recordsRead } }] }));
    if (totals.read >= ctx.options.pagedRecordsPerStep || outOfBudget(ctx)) break;
  }
  return { cursor: JSON.stringify({ page: cursor }), done, counts: totals };
}

type Window = { since: string | null; after: string | null };

function parseWindow(cursor: string | null): Window | null {
  if (cursor === null) return null;
  try {
    const parsed = JSON.parse(cursor) as Partial<Window>;
    return { since: parsed.since ?? null, after: parsed.after ?? null };
  } catch {
    return null;
  }
}

/** A window that has not been paged into yet (the first page of an incremental read). */
function windowStart(cursor: string | null): boolean {
  const window = parseWindow(cursor);
  return window !== null && window.after === null;
}

function windowSince(cursor: string | null): string | null {
  return parseWindow(cursor)?.since ?? null;
}

// ---------- bulk reads (backfills, and large incremental order windows) ----------

async function bulkBatch(ctx: Ctx, resource: BulkResource, saved: ShopifyStreamExtras): Promise<SyncBatchResult> {
  const operation = await waitForOperation(ctx, saved.bulk!.operationId);
  if (!operation) {
    const next = await restartExport(ctx, resource, resource, saved, gone(saved.bulk!.operationId));
    return { cursor: JSON.stringify({ bulk: next, parentsRead: 0, restartedAfter: saved.bulk!.operationId }), done: false, counts: { read: 0 } };
  }
  if (!TERMINAL.has(operation.status)) {
    // Nothing stored meanwhile: the run shows how far the stream is, with no total until the file is ready.
    await updateJobRunProgress(ctx.jobRunId, saved.bulk!.parentsRead, null);
    return { cursor: JSON.stringify({ bulk: operation.id, parentsRead: saved.bulk!.parentsRead, status: operation.status }), done: false, counts: { read: 0 } };
  }

  const staging = await stagedFile(ctx, resource, resource, operation, saved);
  if (staging === "later") return { cursor: JSON.stringify({ bulk: operation.id, staging: true }), done: false, counts: { read: 0 } };
  const { extras, staged } = staging;
  const bulk = extras.bulk!;
  const totals = zero();
  let recordsRead = extras.recordsRead ?? 0;
  let parentsRead = bulk.parentsRead;
  let childrenRead = bulk.childrenRead ?? 0;
  const readable = operation.status === "COMPLETED" || (operation.status === "FAILED" && operation.partialDataUrl);
  const kind = STREAM_KIND[resource]!;
  // A backfill's orders land without refund line items; `order-refunds` completes them, from the same staged file.
  const refundsPassFollows = resource === "orders" && !bulk.updatedSince;
  try {
    if (readable) {
      const options = { skipParents: parentsRead, skipChildren: childrenRead, batchSize: ctx.options.bulkBatchSize, maxLines: ctx.options.bulkBatchLines, staged };
      const batches: AsyncIterable<{ records: unknown[]; parentsRead: number; childrenRead?: number }> = refundsPassFollows
        ? ordersWithoutRefundLines(ctx.http, operation, options)
        : shopifyConnector.backfill.read(ctx.shop, resource, operation, options);
      for await (const batch of readAhead(batches)) {
        recordsRead += batch.records.length;
        parentsRead = batch.parentsRead;
        childrenRead = batch.childrenRead ?? 0;
        add(
          totals,
          await store(ctx, {
            stream: resource,
            kind,
            records: batch.records as RecordsByKind[typeof kind][],
            saves: [{ stream: resource, cursor: null, extras: { ...extras, recordsRead, bulk: { ...bulk, parentsRead, childrenRead } } }],
            progress: { done: parentsRead, total: operation.rootObjectCount || null },
          }),
        );
        if (outOfBudget(ctx)) {
          return { cursor: JSON.stringify({ bulk: operation.id, parentsRead, childrenRead }), done: false, counts: totals };
        }
      }
    }
    if (operation.status !== "COMPLETED") throw new BulkOperationFailedError(operation);
  } catch (error) {
    if (!(error instanceof BulkOperationFailedError)) throw error;
    // What the failed operation delivered is stored; a new operation reads the rest.
    const next = await restartExport(ctx, resource, resource, { ...extras, recordsRead }, error.message);
    return { cursor: JSON.stringify({ bulk: next, parentsRead: 0, restartedAfter: operation.id }), done: false, counts: totals };
  }

  const cursor = shopifyConnector.backfill.cursorAfter(operation);
  const saves: StateSave[] = [{ stream: resource, cursor, extras: { ...extras, recordsRead, bulk: undefined } }];
  if (refundsPassFollows) {
    // The refunds pass starts with the backfill's end, in the same transaction: never one without the other.
    const refunds = await readStreamState(ctx.scope, ORDER_REFUNDS_STREAM);
    saves.push({
      stream: ORDER_REFUNDS_STREAM,
      cursor: null,
      extras: { ...extrasOf(refunds?.state), bulk: { operationId: operation.id, parentsRead: 0, restarts: 0, staged: bulk.staged } },
    });
  }
  await store(ctx, {
    stream: resource,
    kind,
    records: [],
    saves,
    progress: { done: parentsRead, total: operation.rootObjectCount || parentsRead },
    also: refundsPassFollows ? undefined : (tx) => dropBulkStaging(ctx.scope, operation.id, tx),
  });
  return { cursor, done: true, counts: totals };
}

/**
 * The first pass over the file of an assembled resource's export (orders, products): its child
 * lines staged (server/ingest/bulk-staging.ts), chunk by chunk, each chunk with the position it
 * reached in the stream's state, in one transaction. Answers the stream's state and the stage
 * once the whole file is staged (at once for other resources and files that cannot be staged),
 * or "later" when the step's budget ran out first. A stage lost to a crash (its tables are
 * unlogged) is begun again from the start of the file.
 */
async function stagedFile(
  ctx: Ctx,
  stream: string,
  resource: BulkResource,
  operation: BulkOperationNode,
  extras: ShopifyStreamExtras,
): Promise<{ extras: ShopifyStreamExtras; staged?: StagedChildren } | "later"> {
  if (!stagesChildren(resource) || operation.status !== "COMPLETED" || !operation.url) return { extras };
  const key = { ...ctx.scope, operationId: operation.id };
  const found = await findBulkStaging(key);
  if (found !== null && extras.bulk!.staged?.done) return { extras, staged: stagedChildren(found) };

  const skipLines = found === null ? 0 : (extras.bulk!.staged?.linesRead ?? 0);
  for await (const chunk of readAhead(readBulkChildLines(ctx.http, operation, { skipLines, chunkLines: ctx.options.bulkStageLines }))) {
    const bulk: BulkProgress = { ...extras.bulk!, staged: { linesRead: chunk.linesRead, done: chunk.last } };
    let stagingId = 0;
    await store(ctx, {
      stream,
      kind: STREAM_KIND[resource]!,
      records: [],
      saves: [{ stream, cursor: null, extras: { ...extras, bulk } }],
      also: async (tx) => (stagingId = await stageBulkChildLines(key, chunk.lines, tx)),
    });
    if (chunk.last) return { extras: { ...extras, bulk }, staged: stagedChildren(stagingId) };
    if (outOfBudget(ctx)) return "later";
  }
  throw new Error(`Bulk operation ${operation.id}: its file ended without a last chunk`);
}

/**
 * The source's items, the next one read while the caller works on the current one: downloading
 * and parsing a batch (this process's CPU) overlaps with ingesting the previous one (the
 * database's), which on two cores is most of the difference. At most one batch is read ahead.
 */
async function* readAhead<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]();
  const request = () => {
    const next = iterator.next();
    // Raised when awaited below; until then it must not count as an unhandled rejection.
    next.catch(() => undefined);
    return next;
  };
  let pending = request();
  try {
    for (;;) {
      const next = await pending;
      if (next.done) return;
      pending = request();
      yield next.value;
    }
  } finally {
    await iterator.return?.(undefined);
  }
}

/**
 * Starts the stream's export again after its operation ended without a readable file (failed,
 * expired, cancelled) or is gone (Shopify no longer knows the saved id: a sandbox restarted, an
 * operation Shopify dropped), at most maxBulkRestarts times. The new export reads the shop from
 * the start, with the same filter: what was stored stays, and the upserts leave the rows read
 * again unchanged. Returns the new operation's id.
 */
async function restartExport(ctx: Ctx, stream: string, resource: BulkResource, extras: ShopifyStreamExtras, last: string): Promise<string> {
  const bulk = extras.bulk!;
  if (bulk.restarts >= ctx.options.maxBulkRestarts) {
    throw new PermanentError(`Shopify ${stream} bulk export ended without a readable file ${bulk.restarts + 1} times; last: ${last}`);
  }
  const next = await shopifyConnector.backfill.start(ctx.shop, resource, { updatedSince: bulk.updatedSince });
  await inIngestTransaction(async (tx) => {
    await saveExtras(ctx, stream, null, { ...extras, bulk: { ...bulk, operationId: next.id, parentsRead: 0, childrenRead: 0, staged: undefined, restarts: bulk.restarts + 1 } }, tx);
    await dropBulkStaging(ctx.scope, bulk.operationId, tx);
  });
  return next.id;
}

const gone = (operationId: string) => `${operationId} is gone (Shopify no longer knows it)`;

/** Polls a bulk operation until it ends or this step's budget runs out; null when it is gone. */
async function waitForOperation(ctx: Ctx, id: string): Promise<BulkOperationNode | null> {
  for (let delay = ctx.options.pollIntervalMs; ; delay = Math.min(delay * 2, 10_000)) {
    const operation = await shopifyConnector.backfill.get(ctx.shop, id);
    if (!operation || TERMINAL.has(operation.status) || Date.now() + delay - ctx.started > ctx.options.stepBudgetMs) return operation;
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

// ---------- order-refunds: the backfill's second pass ----------

async function completeRefunds(ctx: Ctx): Promise<SyncBatchResult> {
  const saved = await readStreamState(ctx.scope, ORDER_REFUNDS_STREAM);
  const extras = extrasOf(saved?.state);
  const bulk = extras.bulk;
  if (!bulk) return { cursor: null, done: true, counts: { read: 0 } };

  const operation = await waitForOperation(ctx, bulk.operationId);
  if (operation && !TERMINAL.has(operation.status)) {
    return { cursor: JSON.stringify({ bulk: operation.id, parentsRead: bulk.parentsRead, status: operation.status }), done: false, counts: { read: 0 } };
  }
  if (operation?.status !== "COMPLETED") {
    // Shopify keeps a bulk file for a week: a pass that outlived it (or whose operation is gone)
    // reads a new export of the orders.
    const last = operation ? `${operation.id} ${operation.status}` : gone(bulk.operationId);
    const next = await restartExport(ctx, ORDER_REFUNDS_STREAM, "orders", extras, last);
    return { cursor: JSON.stringify({ bulk: next, parentsRead: 0, restartedAfter: bulk.operationId }), done: false, counts: { read: 0 } };
  }

  const staging = await stagedFile(ctx, ORDER_REFUNDS_STREAM, "orders", operation, extras);
  if (staging === "later") return { cursor: JSON.stringify({ bulk: operation.id, staging: true }), done: false, counts: { read: 0 } };
  const totals = zero();
  let recordsRead = extras.recordsRead ?? 0;
  let parentsRead = bulk.parentsRead;
  // Small batches: each one waits for the cost bucket, and the step's budget is checked between them.
  const batches = refundedOrdersComplete(ctx.shop, ctx.http, operation, { skipParents: parentsRead, batchSize: 100, staged: staging.staged });
  for await (const batch of batches) {
    recordsRead += batch.records.length;
    parentsRead = batch.parentsRead;
    add(
      totals,
      await store(ctx, {
        stream: ORDER_REFUNDS_STREAM,
        kind: "orders",
        records: batch.records,
        saves: [{ stream: ORDER_REFUNDS_STREAM, cursor: null, extras: { ...staging.extras, recordsRead, bulk: { ...staging.extras.bulk!, parentsRead } } }],
        progress: { done: parentsRead, total: operation.rootObjectCount || null },
      }),
    );
    if (outOfBudget(ctx)) return { cursor: JSON.stringify({ bulk: operation.id, parentsRead }), done: false, counts: totals };
  }
  await store(ctx, {
    stream: ORDER_REFUNDS_STREAM,
    kind: "orders",
    records: [],
    saves: [{ stream: ORDER_REFUNDS_STREAM, cursor: null, extras: { ...extras, recordsRead, bulk: undefined } }],
    progress: { done: parentsRead, total: parentsRead },
    also: (tx) => dropBulkStaging(ctx.scope, operation.id, tx),
  });
  return { cursor: null, done: true, counts: totals };
}
