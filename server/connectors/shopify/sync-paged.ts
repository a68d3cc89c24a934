import type { RecordKind, RecordsByKind, StreamReader } from "../_core/connector";
import type { StreamPosition, SyncChunk } from "../_core/sync";
import type { ShopifyContext } from "./streams";
import { bulkRead, startExport } from "./sync-bulk";
import { withBulk, type ShopifyRead } from "./sync-run";

// Streams read page by page (incremental windows after a backfill, locations, deletions): each
// page a chunk, positioned at the page's next cursor.

export async function* pagedRead<K extends RecordKind>(read: ShopifyRead, reader: StreamReader<ShopifyContext, K>, from: StreamPosition): AsyncGenerator<SyncChunk> {
  let cursor = from.cursor;
  let records = 0;
  for (let first = true; ; first = false) {
    const page = await reader.readPage({ ...read.shop, cursor });
    // Many changed orders: paging costs ~40 points an order (1,000 orders ≈ 400 s at the standard
    // plan's 100 points/s), a bulk query of the same window a few points. One page tells which.
    if (reader.name === "orders" && first && !page.done && windowStart(from.cursor)) {
      const updatedSince = windowSince(from.cursor) ?? undefined;
      const operation = await startExport(read, "orders", { updatedSince });
      const position = withBulk(from, { operationId: operation.id, parentsRead: 0, restarts: 0, updatedSince });
      yield chunk(reader.kind, page.records, { position });
      yield* bulkRead(read, "orders", position);
      return;
    }
    cursor = page.nextCursor;
    records += page.records.length;
    yield chunk(reader.kind, page.records, { position: { cursor, state: from.state }, done: page.done });
    if (page.done || records >= read.settings.pagedRecordsPerBatch) return;
  }
}

/** Records of a reader's kind as a chunk (TypeScript does not tie `kind` to `records` through the generic). */
function chunk<K extends RecordKind>(kind: K, records: RecordsByKind[K][], rest: Omit<SyncChunk, "kind" | "records">): SyncChunk {
  return { kind, records, ...rest } as SyncChunk;
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
