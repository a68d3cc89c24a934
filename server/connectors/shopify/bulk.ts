import type { CustomerRecord, InventoryLevelRecord, OrderRecord, ProductRecord } from "../_core/records";
import { PermanentError, RateLimitedError, TransientError } from "../_core/errors";
import { abortableSleep, type HttpClient } from "../_core/http";
import type { StagedChildren } from "../_core/sync";
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
// its JSONL (never held whole in memory) in batches of records. The output is ungrouped, Shopify's
// default since 2026-01 (grouping "is costly, causes bulk operations to take longer to complete,
// and increases the chances of failures such as timeouts": the groupObjects argument of
// bulkOperationRunQuery): a child line (`__parentId`) comes somewhere after its parent's, maybe
// at the end of the file. So a record that is a parent with all its children (an order and its
// line items, a product and its variants) is read in two passes over the file: the first hands
// out its child lines to stage by parent (sync.ts hands them to the sync engine, which keeps them
// in PostgreSQL: SyncChunk.stage), the second reads the parents in batches and asks the stage for their children.
// Either pass holds one batch at a time, whatever the file's size.

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

/**
 * How a resource's records sit in its file: one per parent line (customers); one per child line,
 * which carries all it needs (inventory levels, each with its location); or a parent line with
 * all its child lines (orders and line items, products and variants), which takes both passes.
 */
type BulkShape = "parents" | "children" | "assembled";
const SHAPES: Record<BulkResource, BulkShape> = { customers: "parents", inventory: "children", orders: "assembled", products: "assembled" };

/** Whether the resource's child lines must be staged (readBulkChildLines) before its records can be read. */
export const stagesChildren = (resource: BulkResource): boolean => SHAPES[resource] === "assembled";

// ---------- lines ----------

/** One line of a bulk file: its number (from 1), its text, and the id of its parent (child lines only). */
export type BulkLine = { lineNo: number; text: string; parentId: string | null };

const PARENT_KEY = '"__parentId":"';

/**
 * A child line's parent, without parsing the line: Shopify writes compact JSON with `__parentId`
 * last, and gids hold no quotes. Anything else (a space after the colon) is parsed.
 */
function parentIdOf(text: string, lineNo: number): string | null {
  const at = text.lastIndexOf(PARENT_KEY);
  if (at !== -1) return text.slice(at + PARENT_KEY.length, text.indexOf('"', at + PARENT_KEY.length));
  if (!text.includes('"__parentId"')) return null;
  const parentId = parseLine(text, lineNo).__parentId;
  if (typeof parentId !== "string") throw new PermanentError(`Bulk file line ${lineNo}: __parentId is not a string`);
  return parentId;
}

function parseLine(text: string, lineNo: number): Record<string, unknown> {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch (cause) {
    throw new TransientError(`Bulk file line ${lineNo} is not whole JSON (truncated download?)`, { cause });
  }
}

/** A child line as its own object, without the __parentId the file adds. */
function childObject(text: string, lineNo: number): Record<string, unknown> {
  const object = parseLine(text, lineNo);
  delete object.__parentId;
  return object;
}

/**
 * Splits a JSONL byte stream into lines, yielded as they arrive (one array per chunk of the
 * stream). A stream that breaks off, a last line that is not whole JSON, or fewer lines than
 * `expectedLines` (BulkOperation.objectCount) is a TransientError, raised before the lines it
 * casts doubt on go out: the download is retried from the position of the last batch stored.
 */
export async function* readJsonlLines(body: AsyncIterable<Uint8Array>, options: { expectedLines?: number; signal?: AbortSignal } = {}): AsyncGenerator<BulkLine[]> {
  const decoder = new TextDecoder();
  let lineNo = 0;
  let pending = "";
  const split = (final: boolean): BulkLine[] => {
    const lines: BulkLine[] = [];
    let start = 0;
    for (let newline = pending.indexOf("\n"); ; newline = pending.indexOf("\n", start)) {
      if (newline === -1) {
        if (!final) break;
        newline = pending.length;
      }
      const text = pending.slice(start, newline).trim();
      start = newline + 1;
      if (text) {
        lineNo++;
        lines.push({ lineNo, text, parentId: parentIdOf(text, lineNo) });
      }
      if (start >= pending.length) break;
    }
    pending = start >= pending.length ? "" : pending.slice(start);
    return lines;
  };
  try {
    for await (const chunk of body) {
      options.signal?.throwIfAborted();
      pending += decoder.decode(chunk, { stream: true });
      const lines = split(false);
      if (lines.length) yield lines;
    }
  } catch (error) {
    if (error instanceof PermanentError || error instanceof TransientError || options.signal?.aborted) throw error;
    throw new TransientError(`Bulk download broke off after ${lineNo} lines`, { cause: error });
  }
  pending += decoder.decode();
  const unterminated = pending.trim();
  const last = split(true);
  // Checked before the last lines go out: a caller that stores them would resume after them.
  if (options.expectedLines !== undefined && lineNo < options.expectedLines) {
    throw new TransientError(`Bulk download ended after ${lineNo} of ${options.expectedLines} lines`);
  }
  // A last line without its line feed may have been cut: it goes out only when it is whole JSON.
  if (unterminated) parseLine(unterminated, lineNo);
  if (last.length) yield last;
}

// ---------- pass 1: child lines, to be staged ----------

/**
 * Child lines of a file, and the position after them: pass `linesRead` as `skipLines` to go on
 * after this chunk. The `last` chunk ends at the end of the file.
 */
export type BulkChildChunk = { lines: (BulkLine & { parentId: string })[]; linesRead: number; last: boolean };

/**
 * Pass 1 of an assembled resource: every child line of a completed operation's file, in chunks
 * of at most `chunkLines`, after the first `skipLines` lines of the file (a resumed pass), for
 * the caller to stage.
 */
export async function* readBulkChildLines(
  http: HttpClient,
  operation: BulkOperationNode,
  options: { skipLines?: number; chunkLines?: number; idleTimeoutMs?: number; signal?: AbortSignal } = {},
): AsyncGenerator<BulkChildChunk> {
  if (operation.status !== "COMPLETED") throw new PermanentError(`Bulk operation ${operation.id} is ${operation.status}: only a completed file is staged`);
  if (!operation.url) return;
  yield* childLinesOf(download(http, operation.url, operation.objectCount, options), options);
}

/** readBulkChildLines over the lines of a file (readJsonlLines). */
export async function* childLinesOf(file: AsyncIterable<BulkLine[]>, options: { skipLines?: number; chunkLines?: number }): AsyncGenerator<BulkChildChunk> {
  const { skipLines = 0, chunkLines = 5_000 } = options;
  let chunk: BulkChildChunk["lines"] = [];
  let linesRead = skipLines;
  for await (const lines of file) {
    for (const line of lines) {
      if (line.lineNo <= skipLines) continue;
      linesRead = line.lineNo;
      if (line.parentId === null) continue;
      chunk.push(line as BulkChildChunk["lines"][number]);
      if (chunk.length >= chunkLines) {
        yield { lines: chunk, linesRead, last: false };
        chunk = [];
      }
    }
  }
  yield { lines: chunk, linesRead, last: true };
}

// ---------- pass 2: records ----------

/** A record's lines: its node (the parent line, or for inventory the child line) and its children. */
export type BulkGroup = { node: Record<string, unknown>; children: Record<string, unknown>[] };

/**
 * How far a read got: the parent lines handed out (orders, products, customers: a read resumes
 * after that many, child lines not counted), and the child lines handed out (inventory levels,
 * each a record: a read resumes after that many).
 */
export type BulkPosition = { parentsRead: number; childrenRead: number };

/** A batch of groups, and the position right after it. */
export type BulkGroupBatch = BulkPosition & { groups: BulkGroup[] };

export type BulkReadOptions = {
  /** Records per batch (parents, or inventory levels). Default 250. */
  batchSize?: number;
  /** Lines per batch: a cap on the children of one batch's parents (a product may have 2,048 variants), and on inventory levels. */
  maxLines?: number;
  /** Parents already read by an earlier attempt (orders, products, customers). */
  skipParents?: number;
  /** Children already read by an earlier attempt (inventory). */
  skipChildren?: number;
  /** The child lines of an assembled resource's file, staged by pass 1 (by parent: see StagedChildren). */
  staged?: StagedChildren;
  /** A download that delivers nothing for this long is given up (TransientError). Default 60 s. */
  idleTimeoutMs?: number;
  signal?: AbortSignal;
};

/**
 * Pass 2: a finished operation's file in batches of groups. A failed operation's partial data is
 * read too, except for an assembled resource: its children may be anywhere after the point where
 * the file stops, so none of its parents is known to be whole.
 */
export async function* readBulkGroups(http: HttpClient, resource: BulkResource, operation: BulkOperationNode, options: BulkReadOptions = {}): AsyncGenerator<BulkGroupBatch> {
  const failed = operation.status !== "COMPLETED";
  const url = failed ? operation.partialDataUrl : operation.url;
  if (!url || (failed && SHAPES[resource] === "assembled")) return;
  yield* groupsOf(download(http, url, failed ? undefined : operation.objectCount, options), resource, options);
}

/** readBulkGroups over the lines of a file (readJsonlLines). */
export async function* groupsOf(lines: AsyncIterable<BulkLine[]>, resource: BulkResource, options: BulkReadOptions): AsyncGenerator<BulkGroupBatch> {
  const shape = SHAPES[resource];
  if (shape === "assembled" && !options.staged) throw new PermanentError(`Bulk ${resource} are read with their staged child lines`);
  const { batchSize = 250, maxLines = Infinity, skipParents = 0, skipChildren = 0 } = options;
  const perBatch = Math.max(1, Math.min(batchSize, maxLines));
  let parentsSeen = 0;
  let childrenSeen = 0;

  if (shape !== "assembled") {
    // One record per line of one kind; the other kind is skipped.
    let groups: BulkGroup[] = [];
    for await (const chunk of lines) {
      for (const line of chunk) {
        if (line.parentId === null) parentsSeen++;
        else childrenSeen++;
        const isRecord = shape === "parents" ? line.parentId === null && parentsSeen > skipParents : line.parentId !== null && childrenSeen > skipChildren;
        if (!isRecord) continue;
        groups.push({ node: shape === "parents" ? parseLine(line.text, line.lineNo) : childObject(line.text, line.lineNo), children: [] });
        if (groups.length >= perBatch) {
          yield { groups, parentsRead: parentsSeen, childrenRead: childrenSeen };
          groups = [];
        }
      }
    }
    if (groups.length) yield { groups, parentsRead: parentsSeen, childrenRead: childrenSeen };
    return;
  }

  // Assembled: parents wait here (at most a batch of them) until their children are asked for.
  let waiting: { node: BulkLine; seen: number }[] = [];
  const assemble = async function* (final: boolean): AsyncGenerator<BulkGroupBatch> {
    while (waiting.length >= batchSize || (final && waiting.length)) {
      const parents = waiting.slice(0, batchSize);
      const ids = parents.map((p) => idOf(p.node));
      let rows = await options.staged!.of(ids, maxLines + 1);
      let taken = parents.length;
      if (rows.length > maxLines) {
        // The last parent answered may be cut short: it waits for the next batch. A parent with
        // more children than maxLines on its own still goes, whole.
        taken = rows[maxLines]!.parent;
        if (taken === 0) {
          taken = 1;
          rows = await options.staged!.of(ids.slice(0, 1), Infinity);
        }
        rows = rows.filter((row) => row.parent < taken);
      }
      const groups: BulkGroup[] = parents.slice(0, taken).map((p) => ({ node: parseLine(p.node.text, p.node.lineNo), children: [] }));
      for (const row of rows) groups[row.parent]!.children.push(childObject(row.line, row.lineNo));
      waiting = waiting.slice(taken);
      yield { groups, parentsRead: parents[taken - 1]!.seen, childrenRead: 0 };
    }
  };
  for await (const chunk of lines) {
    for (const line of chunk) {
      if (line.parentId !== null) continue;
      parentsSeen++;
      if (parentsSeen > skipParents) waiting.push({ node: line, seen: parentsSeen });
    }
    yield* assemble(false);
  }
  yield* assemble(true);
}

/** A parent line's id, read from the front of the line where Shopify writes it (else parsed). */
function idOf(line: BulkLine): string {
  const match = /^\{"id":"([^"\\]+)"/.exec(line.text);
  const id = match ? match[1] : parseLine(line.text, line.lineNo).id;
  if (typeof id !== "string") throw new PermanentError(`Bulk file line ${line.lineNo}: a parent line without an id`);
  return id;
}

/** The lines of a download; see readJsonlLines. */
async function* download(
  http: HttpClient,
  url: string,
  expectedLines: number | undefined,
  options: { idleTimeoutMs?: number; signal?: AbortSignal },
): AsyncGenerator<BulkLine[]> {
  const { body } = await http.stream(url, { signal: options.signal });
  yield* readJsonlLines(chunksOf(body, options.idleTimeoutMs ?? 60_000), { expectedLines, signal: options.signal });
}

/**
 * A batch of records, and the position after it (skipped parts included): pass its parentsRead
 * and childrenRead as `skipParents` and `skipChildren` to resume after this batch.
 */
export type BulkBatch<R extends BulkResource> = BulkPosition & { records: BulkRecordOf<R>[] };

/**
 * Reads a finished bulk operation's records in batches (orders and products: after their child
 * lines were staged, see `staged`). COMPLETED: the whole file. FAILED with `partialDataUrl`: the
 * partial data where its records are whole, then BulkOperationFailedError (or
 * ShopifyAccessDeniedError for ACCESS_DENIED) so the run reports the failure instead of calling
 * it a success. Records are as seen when the operation was created (`observedAt`): it reads the
 * shop as it is from then on.
 */
export async function* readBulkRecords<R extends BulkResource>(
  client: ShopifyGraphqlClient,
  http: HttpClient,
  resource: R,
  operation: BulkOperationNode,
  options: BulkReadOptions = {},
): AsyncGenerator<BulkBatch<R>> {
  const failed = operation.status !== "COMPLETED";
  const failure = () =>
    operation.errorCode === "ACCESS_DENIED"
      ? new ShopifyAccessDeniedError(`Bulk ${resource} query was denied access`, [resource], undefined)
      : new BulkOperationFailedError(operation);
  // A completed operation that matched nothing has no file.
  if (failed && !operation.partialDataUrl) throw failure();

  const shopCurrency = resource === "products" ? parsePayload(ShopCurrency, await client.request(SHOP_CURRENCY), "shop").shop.currencyCode : "";
  for await (const { groups, parentsRead, childrenRead } of readBulkGroups(http, resource, operation, options)) {
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
      return batch.map((g) => mapCustomer(parsePayload(CustomerNode, g.node, "bulk customer"), observedAt));
    case "products":
      return batch.map((g) =>
        mapProduct(
          parsePayload(ProductScalars, g.node, "bulk product"),
          g.children.map((c) => parsePayload(VariantNode, c, "bulk product variant")),
          shopCurrency,
          observedAt,
        ),
      );
    case "orders": {
      const groups = batch.map((g) => ({
        order: parsePayload(OrderBulkLine, g.node, "bulk order"),
        lineItems: g.children.map((c) => parsePayload(LineItemNode, c, "bulk line item")),
      }));
      return (await completeBulkOrders(client, groups)).map((order) => mapOrder(order, observedAt));
    }
    case "inventory":
      return batch.map((g) => mapInventoryLevel(parsePayload(InventoryLevelNode, g.node, "bulk inventory level"), observedAt));
  }
}
