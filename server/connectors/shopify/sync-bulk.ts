import type { RecordKind } from "../_core/connector";
import { PermanentError } from "../_core/errors";
import { readAhead } from "../_core/read-ahead";
import type { StagedChildren, StreamPosition, SyncChunk } from "../_core/sync";
import { BulkOperationFailedError, getBulkOperation, readBulkChildLines, readBulkRecords, startBulkQuery, stagesChildren, type BulkResource } from "./bulk";
import { ordersWithoutRefundLines, refundedOrdersComplete } from "./bulk-orders";
import { clientFor, cursorSince } from "./streams";
import { stateOf, withBulk, type BulkProgress, type ShopifyRead } from "./sync-run";
import type { BulkOperationNode } from "./types";

// Streams read through bulk operations: the backfills of the large streams, a large incremental
// window of orders, and the orders backfill's second pass (`order-refunds`, see bulk-orders.ts).
// A stream reading one keeps it in its state (BulkProgress); each chunk's position says how far
// its file is stored, so a killed read goes on in the same file where the last chunk ended.

export const ORDER_REFUNDS_STREAM = "order-refunds";

const TERMINAL = new Set<BulkOperationNode["status"]>(["COMPLETED", "FAILED", "CANCELED", "EXPIRED"]);

const KIND: Record<BulkResource, RecordKind> = { orders: "orders", customers: "customers", products: "products", inventory: "inventoryLevels" };

const gone = (operationId: string) => `${operationId} is gone (Shopify no longer knows it)`;

/** Starts a bulk export of the resource (RateLimitedError while the shop already runs its maximum). */
export function startExport(read: Pick<ShopifyRead, "shop">, resource: BulkResource, options?: { updatedSince?: string }): Promise<BulkOperationNode> {
  return startBulkQuery(clientFor(read.shop), resource, options);
}

/** The stream of `resource`, reading the bulk operation its state holds. */
export async function* bulkRead(read: ShopifyRead, resource: BulkResource, from: StreamPosition): AsyncGenerator<SyncChunk> {
  const kind = KIND[resource];
  const saved = stateOf(from).bulk!;
  const operation = await waitForOperation(read, saved.operationId);
  if (!operation) {
    yield await restartedExport(read, resource, kind, from, gone(saved.operationId));
    return;
  }
  if (!TERMINAL.has(operation.status)) {
    // Nothing to store yet: the run shows how far the stream is, with no total until the file is ready.
    yield { kind, records: [], position: from, progress: { done: saved.parentsRead, total: null } };
    return;
  }

  const staging = yield* stagedFile(read, resource, kind, operation, from);
  const bulk = stateOf(staging.position).bulk!;
  let position = staging.position;
  let parentsRead = bulk.parentsRead;
  const readable = operation.status === "COMPLETED" || (operation.status === "FAILED" && operation.partialDataUrl);
  // A backfill's orders land without refund line items; `order-refunds` completes them, from the same staged file.
  const refundsPassFollows = resource === "orders" && !bulk.updatedSince;
  try {
    if (readable) {
      const { bulkBatchSize, bulkBatchLines } = read.settings;
      const options = { skipParents: parentsRead, skipChildren: bulk.childrenRead ?? 0, batchSize: bulkBatchSize, maxLines: bulkBatchLines, staged: staging.staged };
      const batches: AsyncIterable<{ records: readonly object[]; parentsRead: number; childrenRead?: number }> = refundsPassFollows
        ? ordersWithoutRefundLines(read.http, operation, options)
        : readBulkRecords(clientFor(read.shop), read.http, resource, operation, options);
      for await (const batch of readAhead(batches)) {
        parentsRead = batch.parentsRead;
        position = withBulk(position, { ...bulk, parentsRead, childrenRead: batch.childrenRead ?? 0 });
        // The reader's records are the resource's kind: TypeScript cannot tie the two through `resource`.
        yield { kind, records: batch.records, position, progress: { done: parentsRead, total: operation.rootObjectCount || null } } as SyncChunk;
      }
    }
    if (operation.status !== "COMPLETED") throw new BulkOperationFailedError(operation);
  } catch (error) {
    if (!(error instanceof BulkOperationFailedError)) throw error;
    // What the failed operation delivered is stored; a new operation reads the rest.
    yield await restartedExport(read, resource, kind, position, error.message);
    return;
  }

  const end = withBulk(position, undefined, cursorSince(operation.createdAt));
  const progress = { done: parentsRead, total: operation.rootObjectCount || parentsRead };
  if (!refundsPassFollows) {
    yield { kind, records: [], position: end, progress, unstage: operation.id, done: true };
    return;
  }
  // The refunds pass starts with the backfill's end, in the same transaction: never one without the other.
  const refunds: BulkProgress = { operationId: operation.id, parentsRead: 0, restarts: 0, staged: bulk.staged };
  yield { kind, records: [], position: end, progress, positions: { [ORDER_REFUNDS_STREAM]: withBulk({ cursor: null, state: {} }, refunds) }, done: true };
}

/** `order-refunds`: the refunded orders of the backfill's file, complete with their refund line items. */
export async function* refundsPass(read: ShopifyRead, from: StreamPosition): AsyncGenerator<SyncChunk> {
  const saved = stateOf(from).bulk;
  if (!saved) {
    yield { kind: "orders", records: [], position: from, done: true };
    return;
  }
  const operation = await waitForOperation(read, saved.operationId);
  if (operation && !TERMINAL.has(operation.status)) return;
  if (operation?.status !== "COMPLETED") {
    // Shopify keeps a bulk file for a week: a pass that outlived it (or whose operation is gone)
    // reads a new export of the orders.
    yield await restartedExport(read, "orders", "orders", from, operation ? `${operation.id} ${operation.status}` : gone(saved.operationId));
    return;
  }

  const staging = yield* stagedFile(read, "orders", "orders", operation, from);
  const bulk = stateOf(staging.position).bulk!;
  let parentsRead = bulk.parentsRead;
  // Small batches: each one waits for the cost bucket, and the engine checks the batch's time between them.
  const batches = refundedOrdersComplete(read.shop, read.http, operation, { skipParents: parentsRead, batchSize: 100, staged: staging.staged });
  for await (const batch of batches) {
    parentsRead = batch.parentsRead;
    const position = withBulk(staging.position, { ...bulk, parentsRead });
    yield { kind: "orders", records: batch.records, position, progress: { done: parentsRead, total: operation.rootObjectCount || null } };
  }
  const end = withBulk(from, undefined, null);
  yield { kind: "orders", records: [], position: end, progress: { done: parentsRead, total: parentsRead }, unstage: operation.id, done: true };
}

/**
 * The first pass over the file of an assembled resource's export (orders, products): its child
 * lines staged, chunk by chunk, each chunk with the position it reached. Returns the position and
 * the stage once the whole file is staged (at once for other resources and files that cannot be
 * staged). A stage lost to a crash (its tables are unlogged) is begun again from the start of the file.
 */
async function* stagedFile(
  read: ShopifyRead,
  resource: BulkResource,
  kind: RecordKind,
  operation: BulkOperationNode,
  from: StreamPosition,
): AsyncGenerator<SyncChunk, { position: StreamPosition; staged?: StagedChildren }> {
  if (!stagesChildren(resource) || operation.status !== "COMPLETED" || !operation.url) return { position: from };
  const bulk = stateOf(from).bulk!;
  const found = await read.staged(operation.id);
  if (found !== null && bulk.staged?.done) return { position: from, staged: found };

  const skipLines = found === null ? 0 : (bulk.staged?.linesRead ?? 0);
  for await (const chunk of readAhead(readBulkChildLines(read.http, operation, { skipLines, chunkLines: read.settings.bulkStageLines }))) {
    const position = withBulk(from, { ...bulk, staged: { linesRead: chunk.linesRead, done: chunk.last } });
    yield { kind, records: [], position, stage: { key: operation.id, lines: chunk.lines } };
    if (chunk.last) {
      const staged = await read.staged(operation.id);
      if (!staged) throw new Error(`Bulk operation ${operation.id}: its staged lines are gone right after the last chunk was stored`);
      return { position, staged };
    }
  }
  throw new Error(`Bulk operation ${operation.id}: its file ended without a last chunk`);
}

/**
 * The stream's export started again after its operation ended without a readable file (failed,
 * expired, cancelled) or is gone (Shopify no longer knows the saved id: a sandbox restarted, an
 * operation Shopify dropped), at most maxBulkRestarts times. The new export reads the shop from
 * the start, with the same filter: what was stored stays, and the upserts leave the rows read
 * again unchanged. The old operation's stage goes with the chunk that saves the new one.
 */
async function restartedExport(read: ShopifyRead, resource: BulkResource, kind: RecordKind, from: StreamPosition, last: string): Promise<SyncChunk> {
  const bulk = stateOf(from).bulk!;
  if (bulk.restarts >= read.settings.maxBulkRestarts) {
    throw new PermanentError(`Shopify ${resource} bulk export ended without a readable file ${bulk.restarts + 1} times; last: ${last}`);
  }
  const next = await startExport(read, resource, { updatedSince: bulk.updatedSince });
  const restarted: BulkProgress = { ...bulk, operationId: next.id, parentsRead: 0, childrenRead: 0, staged: undefined, restarts: bulk.restarts + 1 };
  return { kind, records: [], position: withBulk(from, restarted, null), unstage: bulk.operationId };
}

/** Polls a bulk operation until it ends or the batch's time is up; null when it is gone. */
async function waitForOperation(read: ShopifyRead, id: string): Promise<BulkOperationNode | null> {
  const client = clientFor(read.shop);
  for (let delay = read.settings.pollIntervalMs; ; delay = Math.min(delay * 2, 10_000)) {
    const operation = await getBulkOperation(client, id);
    if (!operation || TERMINAL.has(operation.status) || Date.now() + delay > read.deadline) return operation;
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}
