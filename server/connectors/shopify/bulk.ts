import type { CustomerRecord, InventoryLevelRecord, OrderRecord, ProductRecord } from "../_core/records";
import { PermanentError, RateLimitedError, TransientError } from "../_core/errors";
import { abortableSleep, type HttpClient } from "../_core/http";
import {
  BULK_OPERATION_CANCEL,
  BULK_OPERATION_POLL,
  BULK_OPERATION_RUN_QUERY,
  bulkCustomersQuery,
  bulkInventoryLevelsQuery,
  bulkOrdersQuery,
  bulkProductsQuery,
  SHOP_CURRENCY,
} from "./documents";
import { completeBulkOrders } from "./follow-ups";
import { ShopifyAccessDeniedError, type ShopifyGraphqlClient } from "./graphql-client";
import { mapCustomer, mapInventoryLevel, mapOrder, mapProduct } from "./mapper";
import {
  BulkOperationCancel,
  BulkOperationPoll,
  BulkOperationRun,
  CustomerNode,
  InventoryLevelNode,
  LineItemNode,
  OrderBulkLine,
  parsePayload,
  ProductScalars,
  ShopCurrency,
  VariantNode,
  type BulkOperationNode,
} from "./types";

// Backfill through bulk operations: start a bulk query, poll it to a terminal status, then stream
// its JSONL (never held whole in memory) into batches of assembled records. The query asks for
// grouped output, so every child line (`__parentId`) comes right after its parent: a parent is
// complete as soon as the next parent line starts.

export type BulkResource = "orders" | "customers" | "products" | "inventory";

export type BulkRecordOf<R extends BulkResource> = R extends "orders"
  ? OrderRecord
  : R extends "customers"
    ? CustomerRecord
    : R extends "products"
      ? ProductRecord
      : InventoryLevelRecord;

const QUERIES: Record<BulkResource, (updatedSince?: string) => string> = {
  orders: bulkOrdersQuery,
  customers: bulkCustomersQuery,
  products: bulkProductsQuery,
  inventory: bulkInventoryLevelsQuery,
};

const TERMINAL = new Set<BulkOperationNode["status"]>(["COMPLETED", "FAILED", "CANCELED", "EXPIRED"]);

/** Starts a bulk query; `updatedSince` (ISO) limits it to records updated since then. */
export async function startBulkQuery(
  client: ShopifyGraphqlClient,
  resource: BulkResource,
  options: { updatedSince?: string } = {},
): Promise<BulkOperationNode> {
  const data = parsePayload(
    BulkOperationRun,
    await client.request(BULK_OPERATION_RUN_QUERY, { query: QUERIES[resource](options.updatedSince) }),
    "bulkOperationRunQuery",
  );
  const { bulkOperation, userErrors } = data.bulkOperationRunQuery;
  if (userErrors.length || !bulkOperation) {
    const message = userErrors.map((e) => e.message).join("; ") || "no bulk operation returned";
    // Too many bulk queries already running for this shop (5 from 2026-01): later, not never.
    if (userErrors.some((e) => e.code === "LIMIT_REACHED" || e.code === "OPERATION_IN_PROGRESS")) {
      throw new RateLimitedError(`Shopify refused the ${resource} bulk query: ${message}`, { retryAfterMs: 30_000 });
    }
    throw new PermanentError(`Shopify refused the ${resource} bulk query: ${message}`);
  }
  return bulkOperation;
}

/**
 * The operation, or null when Shopify does not know the id: `bulkOperation(id:)` answers null for
 * an operation that is gone (never created on this shop, or no longer kept), which a caller
 * holding a saved id must treat like an expired one and start again.
 */
export async function getBulkOperation(client: ShopifyGraphqlClient, id: string): Promise<BulkOperationNode | null> {
  const data = parsePayload(BulkOperationPoll, await client.request(BULK_OPERATION_POLL, { id }), "bulkOperation");
  return data.bulkOperation;
}

export type PollOptions = {
  /** First delay between polls; grows ×1.5 per poll up to maxIntervalMs. */
  intervalMs?: number;
  maxIntervalMs?: number;
  /** Give up (TransientError, so the step retries and polls again) after this long. */
  timeoutMs?: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  now?: () => number;
  signal?: AbortSignal;
  onProgress?: (operation: BulkOperationNode) => void;
};

/** Polls until the operation is COMPLETED, FAILED, CANCELED or EXPIRED, and returns it. */
export async function pollBulkOperation(client: ShopifyGraphqlClient, id: string, options: PollOptions = {}): Promise<BulkOperationNode> {
  const { intervalMs = 1_000, maxIntervalMs = 15_000, timeoutMs = 10 * 60_000, sleep = abortableSleep, now = Date.now, signal } = options;
  const started = now();
  for (let delay = intervalMs; ; delay = Math.min(maxIntervalMs, Math.ceil(delay * 1.5))) {
    const operation = await getBulkOperation(client, id);
    if (!operation) throw new PermanentError(`Bulk operation ${id} does not exist`);
    options.onProgress?.(operation);
    if (TERMINAL.has(operation.status)) return operation;
    if (now() - started > timeoutMs) {
      throw new TransientError(`Bulk operation ${id} still ${operation.status} after ${Math.round((now() - started) / 1000)} s`);
    }
    await sleep(delay, signal);
  }
}

export async function cancelBulkOperation(client: ShopifyGraphqlClient, id: string): Promise<BulkOperationNode | null> {
  const data = parsePayload(BulkOperationCancel, await client.request(BULK_OPERATION_CANCEL, { id }), "bulkOperationCancel");
  const { bulkOperation, userErrors } = data.bulkOperationCancel;
  // Cancelling an operation that already finished is not an error worth failing a run for.
  if (!bulkOperation && userErrors.length) throw new PermanentError(`Could not cancel ${id}: ${userErrors.map((e) => e.message).join("; ")}`);
  return bulkOperation;
}

/** A failed bulk operation, raised after whatever partial data it had was read. */
export class BulkOperationFailedError extends TransientError {
  constructor(readonly operation: BulkOperationNode) {
    super(`Bulk operation ${operation.id} ended ${operation.status}${operation.errorCode ? ` (${operation.errorCode})` : ""}`);
  }
}

export type BulkGroup = { parent: Record<string, unknown>; children: Record<string, unknown>[] };

/**
 * How far a read of a bulk file got: the parents read whole (with all their children), then the
 * children already read of the parent after them, when a batch ended inside its group (only with
 * `splitGroups`; otherwise always 0). Passed back as skipParents/skipChildren, a read resumes
 * right after the last line it handed out.
 */
export type BulkPosition = { parentsRead: number; childrenRead: number };

/** A batch of groups, and the position right after it. With `splitGroups` the first and the last group may be parts of one. */
export type JsonlBatch = BulkPosition & { groups: BulkGroup[] };

export type JsonlOptions = {
  /** Parents per batch. */
  batchSize: number;
  /**
   * Lines per batch, because one parent can bring thousands of children (a location's inventory
   * levels). A batch ends at the first parent boundary past this many, or, with `splitGroups`,
   * as soon as it holds this many lines (with 1, a parent line and its first child still share
   * a batch). Default: no limit.
   */
  maxLines?: number;
  /**
   * The child lines are self-contained (an inventory level carries its location and item): a
   * batch may end inside a group, which goes on in the next batch (the same parent, the children
   * after). Never for orders or products, whose records are a parent with all of its children.
   */
  splitGroups?: boolean;
  /** Parents to skip from the start (a resumed read). */
  skipParents?: number;
  /** Children of the parent after the skipped ones to skip as well (a read resumed inside a group; `splitGroups` only). */
  skipChildren?: number;
  /** Lines the file must hold (BulkOperation.objectCount): fewer means it was cut short. */
  expectedLines?: number;
  /** Partial data of a failed run: its last parent may be missing children, so it is held back. */
  partial?: boolean;
  signal?: AbortSignal;
};

/**
 * Splits a JSONL byte stream into parent groups and yields them in batches, holding only the
 * current batch. A stream that breaks off, a last line that is not whole JSON, or fewer lines
 * than expected is a TransientError: the download is retried from the start (or the position
 * of the last batch stored).
 */
export async function* readJsonlGroups(body: AsyncIterable<Uint8Array>, options: JsonlOptions): AsyncGenerator<JsonlBatch> {
  const { batchSize, maxLines = Infinity, splitGroups = false, skipParents = 0, skipChildren = 0, expectedLines, partial = false } = options;
  if (skipChildren > 0 && !splitGroups) throw new PermanentError("A bulk read can only resume inside a group whose children are self-contained (splitGroups)");
  const decoder = new TextDecoder();
  let batch: BulkGroup[] = [];
  // Lines held by `batch` and `current`.
  let batchLines = 0;
  let current: BulkGroup | undefined;
  let parents = 0;
  // Children of the latest parent seen so far, and how many of them went out in earlier batches
  // (skipped ones included).
  let children = 0;
  let childrenOut = 0;
  let lines = 0;
  let pending = "";

  function parseLine(text: string): Record<string, unknown> {
    try {
      return JSON.parse(text) as Record<string, unknown>;
    } catch (cause) {
      throw new TransientError(`Bulk file line ${lines} is not whole JSON (truncated download?)`, { cause });
    }
  }

  function flush(position: BulkPosition): JsonlBatch {
    const full = { groups: batch, ...position };
    batch = [];
    batchLines = 0;
    return full;
  }

  // Returns a batch when one filled up.
  function take(text: string): JsonlBatch | undefined {
    if (!text) return undefined;
    lines++;
    const object = parseLine(text);
    const parentId = object.__parentId;
    if (typeof parentId === "string") {
      if (parents <= skipParents) return undefined;
      if (!current || current.parent.id !== parentId) {
        throw new PermanentError(`Bulk file line ${lines}: child of ${parentId} does not follow its parent (output not grouped)`);
      }
      children++;
      if (parents === skipParents + 1 && children <= skipChildren) {
        childrenOut = children;
        return undefined;
      }
      delete object.__parentId;
      let full: JsonlBatch | undefined;
      // Full inside this group: the batch ends with its children so far, the next one goes on (a
      // batch that would hold nothing but this group's parent line takes this child too).
      if (splitGroups && batchLines >= maxLines && (batch.length > 0 || current.children.length > 0)) {
        batch.push(current);
        childrenOut = children - 1;
        full = flush({ parentsRead: parents - 1, childrenRead: childrenOut });
        current = { parent: current.parent, children: [] };
      }
      current.children.push(object);
      batchLines++;
      return full;
    }
    parents++;
    let full: JsonlBatch | undefined;
    if (current) {
      batch.push(current);
      if (batch.length >= batchSize || batchLines >= maxLines) full = flush({ parentsRead: parents - 1, childrenRead: 0 });
    }
    children = 0;
    childrenOut = 0;
    current = parents > skipParents ? { parent: object, children: [] } : undefined;
    // A group resumed inside goes on as if never interrupted: its parent line went out before.
    if (current && !(parents === skipParents + 1 && skipChildren > 0)) batchLines++;
    return full;
  }

  try {
    for await (const chunk of body) {
      options.signal?.throwIfAborted();
      pending += decoder.decode(chunk, { stream: true });
      let start = 0;
      for (let newline = pending.indexOf("\n"); newline !== -1; newline = pending.indexOf("\n", start)) {
        const full = take(pending.slice(start, newline).trim());
        start = newline + 1;
        if (full) yield full;
      }
      pending = pending.slice(start);
    }
  } catch (error) {
    if (error instanceof PermanentError || error instanceof TransientError || options.signal?.aborted) throw error;
    throw new TransientError(`Bulk download broke off after ${lines} lines`, { cause: error });
  }
  pending += decoder.decode();
  const last = take(pending.trim());
  if (last) yield last;
  if (expectedLines !== undefined && lines < expectedLines) {
    throw new TransientError(`Bulk download ended after ${lines} of ${expectedLines} lines`);
  }
  if (current && partial) {
    // Held back: the position stays before the children of the last parent not handed out.
    if (batch.length) yield flush({ parentsRead: parents - 1, childrenRead: childrenOut });
    return;
  }
  if (current) batch.push(current);
  if (batch.length) yield flush({ parentsRead: parents, childrenRead: 0 });
}

/** Resources whose child lines map on their own, so a batch may end inside a group (see JsonlOptions.splitGroups). */
const SELF_CONTAINED_CHILDREN: ReadonlySet<BulkResource> = new Set(["inventory"]);

export type BulkReadOptions = {
  batchSize?: number;
  /** See JsonlOptions.maxLines: for inventory a hard limit, even inside one location's levels. */
  maxLines?: number;
  /** Parents already read by an earlier attempt (the resume position, with skipChildren). */
  skipParents?: number;
  /** Children of the next parent already read by an earlier attempt (inventory only; see BulkPosition). */
  skipChildren?: number;
  /** A download that delivers nothing for this long is given up (TransientError). Default 60 s. */
  idleTimeoutMs?: number;
  signal?: AbortSignal;
};

/**
 * A batch of records, and the position after it (skipped parts included): pass its parentsRead
 * and childrenRead as `skipParents` and `skipChildren` to resume after this batch.
 */
export type BulkBatch<R extends BulkResource> = BulkPosition & { records: BulkRecordOf<R>[] };

/**
 * Reads a finished bulk operation's records in batches. COMPLETED: the whole file. FAILED with
 * `partialDataUrl`: the partial data, then BulkOperationFailedError (or ShopifyAccessDeniedError
 * for ACCESS_DENIED) so the run reports the failure instead of calling it a success. Records are
 * as seen when the operation was created (`observedAt`): it reads the shop as it is from then on.
 */
export async function* readBulkRecords<R extends BulkResource>(
  client: ShopifyGraphqlClient,
  http: HttpClient,
  resource: R,
  operation: BulkOperationNode,
  options: BulkReadOptions = {},
): AsyncGenerator<BulkBatch<R>> {
  const failed = operation.status !== "COMPLETED";
  const url = failed ? operation.partialDataUrl : operation.url;
  const failure = () =>
    operation.errorCode === "ACCESS_DENIED"
      ? new ShopifyAccessDeniedError(`Bulk ${resource} query was denied access`, [resource], undefined)
      : new BulkOperationFailedError(operation);
  if (!url) {
    // A completed operation that matched nothing has no file.
    if (!failed) return;
    throw failure();
  }

  const shopCurrency = resource === "products" ? parsePayload(ShopCurrency, await client.request(SHOP_CURRENCY), "shop").shop.currencyCode : "";
  const { body } = await http.stream(url, { signal: options.signal });
  const batches = readJsonlGroups(chunksOf(body, options.idleTimeoutMs ?? 60_000), {
    batchSize: options.batchSize ?? 250,
    maxLines: options.maxLines,
    splitGroups: SELF_CONTAINED_CHILDREN.has(resource),
    skipParents: options.skipParents,
    skipChildren: options.skipChildren,
    expectedLines: failed ? undefined : operation.objectCount,
    partial: failed,
    signal: options.signal,
  });
  for await (const { groups, parentsRead, childrenRead } of batches) {
    yield { records: (await toRecords(client, resource, groups, shopCurrency, operation.createdAt)) as BulkRecordOf<R>[], parentsRead, childrenRead };
  }
  if (failed) throw failure();
}

/** Reads a body chunk by chunk; a body that stops moving for `idleTimeoutMs` is a TransientError. */
async function* chunksOf(stream: ReadableStream<Uint8Array>, idleTimeoutMs: number): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (;;) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const stalled = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new TransientError(`Bulk download stalled for ${idleTimeoutMs} ms`)), idleTimeoutMs);
      });
      const { done, value } = await Promise.race([reader.read(), stalled]).finally(() => clearTimeout(timer));
      if (done) return;
      yield value;
    }
  } finally {
    // Stopping early (a failed batch, an aborted run, a stall) releases the connection.
    await reader.cancel().catch(() => undefined);
  }
}

async function toRecords(client: ShopifyGraphqlClient, resource: BulkResource, batch: BulkGroup[], shopCurrency: string, observedAt: string) {
  switch (resource) {
    case "customers":
      return batch.map((g) => mapCustomer(parsePayload(CustomerNode, g.parent, "bulk customer"), observedAt));
    case "products":
      return batch.map((g) =>
        mapProduct(
          parsePayload(ProductScalars, g.parent, "bulk product"),
          g.children.map((c) => parsePayload(VariantNode, c, "bulk product variant")),
          shopCurrency,
          observedAt,
        ),
      );
    case "orders": {
      const groups = batch.map((g) => ({
        order: parsePayload(OrderBulkLine, g.parent, "bulk order"),
        lineItems: g.children.map((c) => parsePayload(LineItemNode, c, "bulk line item")),
      }));
      return (await completeBulkOrders(client, groups)).map((order) => mapOrder(order, observedAt));
    }
    case "inventory":
      // A location's line only delimits its levels, which carry their location themselves.
      return batch.flatMap((g) => g.children.map((c) => mapInventoryLevel(parsePayload(InventoryLevelNode, c, "bulk inventory level"), observedAt)));
  }
}
