import pg from "pg";
import { env } from "@/server/env";
import type { Prisma } from "@/server/generated/prisma/client";
import { logger } from "@/server/observability/logger";
import type { ExportChunk } from "./columns";

// CSV written by PostgreSQL's own CSV writer: `COPY (<select>) TO STDOUT WITH (FORMAT csv)`, its
// bytes handed on as they arrive. Reading the same rows through node-postgres and csv-stringify
// cost JavaScript two to four times what the whole COPY took (every field a string, every record
// an array, then quoted again; see dev/bench/insight/exports.ts), and held pages of them in memory.
//
// The protocol sends each record in a CopyData message of its own ("messages sent from the backend
// will always correspond to single data rows"), ending in "\n": the record end is rewritten as
// "\r\n" (what RFC 4180 and Excel expect) without looking inside the record, where a quoted field
// may hold its own line breaks.

const CHUNK_BYTES = 64 * 1024;
// Chunks waiting for the reader before the socket is paused: PostgreSQL then waits on TCP, and
// memory holds a few chunks whatever the file's size.
const QUEUED_CHUNKS = 4;
const CRLF = Buffer.from("\r\n");

// A COPY holds its connection for as long as its reader takes (a slow download pauses it), so
// exports have connections of their own: a few stalled downloads cannot starve ingest's pool.
const globalForPool = globalThis as unknown as { meridianExportCopyPool?: pg.Pool };

function copyPool(): pg.Pool {
  if (!globalForPool.meridianExportCopyPool) {
    const pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: 4, allowExitOnIdle: true });
    pool.on("error", (error) => logger.warn({ error: error.message }, "exports: idle database connection lost"));
    globalForPool.meridianExportCopyPool = pool;
  }
  return globalForPool.meridianExportCopyPool;
}

type CopyConnection = { query(text: string): void; stream: { pause(): void; resume(): void } };

// A node-postgres submittable (the interface Client.query takes besides its own Query).
class CopyOut {
  private readonly queue: ExportChunk[] = [];
  private buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;
  private rows = 0;
  private headerPending: boolean;
  private stream: CopyConnection["stream"] | null = null;
  private paused = false;
  private finished = false;
  private failure: Error | null = null;
  private wake: (() => void) | null = null;

  constructor(
    private readonly text: string,
    header: boolean,
  ) {
    this.headerPending = header;
  }

  submit(connection: CopyConnection) {
    this.stream = connection.stream;
    connection.query(this.text);
  }

  handleCopyData({ chunk }: { chunk: Buffer }) {
    const record = chunk.subarray(0, chunk.length - 1);
    if (this.used + record.length + CRLF.length > this.buffer.length) this.flush(record.length + CRLF.length);
    this.used += record.copy(this.buffer, this.used);
    this.used += CRLF.copy(this.buffer, this.used);
    if (this.headerPending) this.headerPending = false;
    else this.rows++;
  }

  handleCommandComplete() {
    this.flush(0);
  }

  handleError(error: Error) {
    this.failure = error;
    this.resume();
    this.wake?.();
  }

  handleReadyForQuery() {
    this.finished = true;
    this.wake?.();
  }

  private flush(nextRecordBytes: number) {
    if (this.used > 0) {
      this.queue.push({ bytes: this.buffer.subarray(0, this.used), rows: this.rows });
      if (this.queue.length >= QUEUED_CHUNKS && !this.paused) {
        this.paused = true;
        this.stream?.pause();
      }
      this.wake?.();
    }
    this.buffer = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, nextRecordBytes));
    this.used = 0;
    this.rows = 0;
  }

  private resume() {
    if (!this.paused) return;
    this.paused = false;
    this.stream?.resume();
  }

  async *chunks(): AsyncGenerator<ExportChunk> {
    for (;;) {
      if (this.failure) throw this.failure;
      const next = this.queue.shift();
      if (next) {
        if (this.queue.length < QUEUED_CHUNKS) this.resume();
        yield next;
      } else if (this.finished) {
        return;
      } else {
        await new Promise<void>((resolve) => (this.wake = resolve));
        this.wake = null;
      }
    }
  }
}

// COPY takes no parameters: each value is written into the statement as a literal, quoted by
// node-postgres's escapeLiteral (the same quoting as libpq's PQescapeLiteral).
function literal(client: pg.ClientBase, value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  if (value instanceof Date) return client.escapeLiteral(value.toISOString());
  if (typeof value === "string" || typeof value === "number" || typeof value === "bigint" || typeof value === "boolean") return client.escapeLiteral(String(value));
  throw new Error(`A COPY statement cannot take a ${typeof value} value.`);
}

export function inlineSql(client: pg.ClientBase, query: Prisma.Sql): string {
  return query.strings.reduce((text, part, i) => text + literal(client, query.values[i - 1]) + part);
}

/**
 * The rows of `select` as CSV records (CRLF), in chunks as PostgreSQL writes them, each with how
 * many rows it holds; with `header`, the select's column names first (not counted).
 */
export async function* copyCsv(select: Prisma.Sql, { header }: { header: boolean }): AsyncGenerator<ExportChunk> {
  const client = await copyPool().connect();
  let completed = false;
  try {
    const copy = new CopyOut(`COPY (${inlineSql(client, select)}) TO STDOUT WITH (FORMAT csv${header ? ", HEADER" : ""})`, header);
    client.query(copy as never);
    yield* copy.chunks();
    completed = true;
  } finally {
    // A COPY abandoned part-way (the reader stopped or it failed) leaves the connection mid-stream:
    // it is closed rather than handed to the next query.
    client.release(completed ? undefined : new Error("COPY not completed"));
  }
}
