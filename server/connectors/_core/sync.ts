import type { ConnectionContext, RecordBatch, RecordKind } from "./connector";

// A connector's sync part: what the sync engine (server/services/sync/) drives the same way for
// every provider. The connector reads; the engine writes. For each batch (one Inngest step) the
// engine loads the stream's saved position, asks `read` for chunks, and commits each chunk in one
// transaction: its records (through server/ingest, by kind), the stream's new position, the other
// positions and staged lines it carries, and the run's counts and progress. It asks for the next
// chunk only once the previous one is committed, and stops between chunks when the batch's time
// is up; the next batch reads from the position last committed. So a chunk's position must say
// exactly where to go on once its records are stored, and a process killed at any instant loses
// at most the chunk being committed, which the next read produces again.

/** A stream as a sync reads it, in the connector's order (what later streams refer to first). */
export type SyncStream = {
  name: string;
  /** How people know it ("Refund details"): the Connections page names each stream's state by it. */
  label: string;
  /** The records its chunks carry (server/ingest writes them by kind). */
  kind: RecordKind;
  /** Scopes it cannot be read without: the engine skips it, with a warning on the stream, when one was not granted. */
  requiredScopes: readonly string[];
  /** Scopes it reads without, but only in part: `without` says what is missing then (the stream's warning). */
  recommendedScopes?: { scopes: readonly string[]; without: string };
};

/**
 * Where a stream stands (its StreamState row): `cursor`, the incremental position a finished read
 * leaves for the next run (null: from the start), and `state`, the connector's own notes of a
 * read in progress (JSON; e.g. a bulk export being read). The engine keeps its own notes of the
 * stream beside them, under the keys `warning` and `recordsRead`, which a connector never sees
 * or uses.
 */
export type StreamPosition = { cursor: string | null; state: Readonly<Record<string, unknown>> };

/** A line of a large file kept by parent until the file is read (see SyncChunk.stage). */
export type StagedLine = { parentId: string; lineNo: number; text: string };

/**
 * Lines staged under one key: those of `parentIds`, in that order then the file's, at most `limit`
 * of them (the last parent answered may then be cut short). `parent` is an index into `parentIds`.
 */
export type StagedChildren = {
  of(parentIds: readonly string[], limit: number): Promise<{ parent: number; lineNo: number; line: string }[]>;
};

/** What the engine commits in one transaction: records of the stream's kind (possibly none) and what goes with them. */
export type SyncChunk = RecordBatch & {
  /** The stream's position once these records are stored. */
  position: StreamPosition;
  /** The last chunk of the stream's read: the sync goes on with the next stream. */
  done?: boolean;
  /** How far the stream is, for the run's progress bar (total null: not known yet). */
  progress?: { done: number; total: number | null };
  /** Other streams' positions, saved in the same transaction (a second pass that starts with the end of the first). */
  positions?: Readonly<Record<string, StreamPosition>>;
  /**
   * Lines to stage under `key` (a file being read in two passes: a child line may come anywhere
   * after its parent's): the staging begins with the first chunk, even one without lines.
   * `ctx.staged(key)` answers them later.
   */
  stage?: { key: string; lines: readonly StagedLine[] };
  /** A staging no longer needed (its file is read, or replaced by another), dropped with this chunk. */
  unstage?: string;
};

/** What `read` and the optional capabilities get: the connection, and the batch's limits. */
export type SyncContext<Config = unknown, Credentials = unknown> = ConnectionContext<Config, Credentials> & {
  /** Epoch ms at which the batch should end: wait (for an export to build) no later, and yield what is ready. */
  deadline: number;
  /**
   * The lines staged under `key` (SyncChunk.stage), or null when there is no such staging: never
   * begun, dropped, or lost (staging tables are not crash-safe: the file is staged again).
   */
  staged(key: string): Promise<StagedChildren | null>;
};

/**
 * Members are methods so that each connector's own Config and Credentials satisfy the registry's
 * `Record<Provider, Connector>` (see auth.ts).
 */
export type ConnectorSync<Config = unknown, Credentials = unknown> = {
  /** Every stream, in the order a sync reads them. */
  streams: readonly SyncStream[];
  /**
   * Chunks of `stream` from `from` (as last committed), in order; the last one of the read is
   * `done`. Ending without a `done` chunk ends the batch there: the next batch reads again from
   * the last position committed (e.g. an export still building, after a chunk with its progress).
   * An iterator the engine stops early is returned (`finally` blocks run).
   */
  read(ctx: SyncContext<Config, Credentials>, stream: string, from: StreamPosition): AsyncIterable<SyncChunk>;
  /**
   * The scopes the account granted, asked once when a run begins (kept with the run for the
   * batches that begin its other streams): without it the engine checks none. A stream missing a required scope is skipped with a warning (kept on the stream
   * until a run reads it), and the others are read.
   */
  grantedScopes?(ctx: SyncContext<Config, Credentials>): Promise<readonly string[]>;
  /**
   * The warning of a stream skipped for lacking `missing` of its required scopes, `granted` being
   * what the account has: for a connector whose "scopes" are not what a sign-in grants (FreeAgent's
   * access levels), what is missing in its own words and how to get it. Without it: "<Provider>
   * did not grant <scopes>. Connect it again with this scope to sync <stream>."
   */
  describeMissingScopes?(stream: SyncStream, missing: readonly string[], granted: ReadonlySet<string>): string;
  /**
   * Runs before a run's first batch reads: e.g. starting the exports of streams never synced, so
   * they build at the provider in parallel while earlier streams are read. Gets the streams the
   * run will read (scopes granted) with their positions; yields positions to save, each saved
   * before the next is asked for.
   */
  prepareRun?(ctx: SyncContext<Config, Credentials>, streams: readonly { name: string; position: StreamPosition }[]): AsyncIterable<{ stream: string; position: StreamPosition }>;
  /**
   * How long a batch reads before it stops at the next chunk; default the engine's 20 s, well
   * inside the HTTP request of one Inngest step. 0: one chunk a batch.
   */
  batchBudgetMs?: number;
};
