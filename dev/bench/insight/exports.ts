// bench:insight's exports part, on the seeded workspace's orders:
//   - CSV of every order through the export's own path (exportChunks: the orders source's CSV,
//     written by PostgreSQL's COPY and streamed, what the streaming route and the background job
//     both run), against
//     `COPY (the same SELECT) TO STDOUT` in the same run: throughput, target ≥ 50 % of COPY's, and
//     the process's peak RSS growth while exporting, target < 150 MiB;
//   - the background job's path for the same CSV (parts written to ExportFileChunk), for information;
//   - .xlsx of XLSX_ROWS orders through the streaming workbook writer, target ≥ 20,000 rows/s.
import type pg from "pg";
import type { InsightBenchPart } from "./part";

const TARGET_COPY_SHARE = 0.5;
const TARGET_RSS_MIB = 150;
const TARGET_XLSX_ROWS_PER_SECOND = 20_000;
const XLSX_ROWS = 200_000;
const MIB = 1024 * 1024;

// COPY … TO STDOUT on node-postgres without a dependency: a submittable that counts the CopyData
// messages (what pg-copy-streams does, minus the stream). Simple-query protocol, so no parameters.
class CopyOutCounter {
  bytes = 0;
  private settle!: { resolve: () => void; reject: (error: Error) => void };
  private failure: Error | null = null;
  readonly done = new Promise<void>((resolve, reject) => (this.settle = { resolve, reject }));
  constructor(private readonly text: string) {}
  submit(connection: { query(text: string): void }) {
    connection.query(this.text);
  }
  handleCopyData(message: { chunk: Buffer }) {
    this.bytes += message.chunk.length;
  }
  handleCommandComplete() {}
  handleError(error: Error) {
    this.failure = error;
  }
  handleReadyForQuery() {
    if (this.failure) this.settle.reject(this.failure);
    else this.settle.resolve();
  }
}

const seconds = (since: number) => (performance.now() - since) / 1000;
const perSecond = (rows: number, s: number) => Math.round(rows / s).toLocaleString("en-GB");

export const run: InsightBenchPart = async ({ seed, log }) => {
  const { ingestPool } = await import("@/server/ingest/pool");
  const { ordersSource: source } = await import("@/server/services/exports/sources/orders");
  const { exportChunks, fileBytes } = await import("@/server/services/exports/file-bytes");
  const { EXPORT_PAGE_SIZE } = await import("@/server/services/exports/limits");
  const { db } = await import("@/server/db");
  const superjson = (await import("superjson")).default;
  const { EXPORT_START, writeExportPart } = await import("@/server/services/exports/write-export-file");

  const all = source.filters.parse({});
  const rows = await source.count(seed.workspaceId, all);
  const select = await source.selectSql(seed.workspaceId, all);
  const client: pg.PoolClient = await ingestPool().connect();
  const literalSelect = select.text.replace(/\$(\d+)/g, (_, n: string) => client.escapeLiteral(String(select.values[Number(n) - 1])));
  const copy = async () => {
    const counter = new CopyOutCounter(`COPY (${literalSelect}) TO STDOUT WITH (FORMAT csv, HEADER)`);
    const started = performance.now();
    client.query(counter as never);
    await counter.done;
    return { seconds: seconds(started), bytes: counter.bytes };
  };

  const exportCsv = async () => {
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    let bytes = 0;
    const started = performance.now();
    for await (const chunk of exportChunks("CSV", source, seed.workspaceId, all, { cursor: null, start: true })) {
      bytes += chunk.bytes.length;
      peak = Math.max(peak, process.memoryUsage().rss);
    }
    return { seconds: seconds(started), bytes, rssGrowthMiB: (peak - baseline) / MIB };
  };

  try {
    log(`${rows.toLocaleString("en-GB")} orders`);
    await copy(); // warms the cache for both
    const copied = await copy();
    log(`COPY (SELECT …) TO STDOUT: ${copied.seconds.toFixed(2)} s, ${perSecond(rows, copied.seconds)} rows/s, ${(copied.bytes / MIB).toFixed(0)} MiB`);
    const exported = await exportCsv();
    const share = copied.seconds / exported.seconds;
    log(
      `CSV export: ${exported.seconds.toFixed(2)} s, ${perSecond(rows, exported.seconds)} rows/s, ${(exported.bytes / MIB).toFixed(0)} MiB: ` +
        `${(share * 100).toFixed(0)} % of COPY (target ≥ ${TARGET_COPY_SHARE * 100} %) ${share >= TARGET_COPY_SHARE ? "PASS" : "FAIL"}; ` +
        `peak RSS growth ${exported.rssGrowthMiB.toFixed(0)} MiB (target < ${TARGET_RSS_MIB}) ${exported.rssGrowthMiB < TARGET_RSS_MIB ? "PASS" : "FAIL"}`,
    );
  } finally {
    client.release();
  }

  // The background job's path: the same file written in parts to ExportFileChunk.
  const file = await db.exportFile.create({ data: { workspaceId: seed.workspaceId, list: "orders", format: "CSV", fileName: "bench.csv", filters: superjson.serialize({}) as never, status: "RUNNING" } });
  try {
    const started = performance.now();
    let progress = EXPORT_START;
    let parts = 0;
    while (!progress.done) {
      progress = await writeExportPart(file.id, progress);
      parts++;
    }
    const s = seconds(started);
    log(`background CSV (${parts} parts into ExportFileChunk): ${s.toFixed(2)} s, ${perSecond(progress.rowsWritten, s)} rows/s, ${(progress.bytes / MIB).toFixed(0)} MiB stored`);
  } finally {
    await db.exportFile.delete({ where: { id: file.id } });
  }

  // XLSX of the newest XLSX_ROWS orders.
  {
    const started = performance.now();
    let written = 0;
    let bytes = 0;
    async function* limited() {
      for await (const page of source.pages(seed.workspaceId, all, { cursor: null, pageSize: EXPORT_PAGE_SIZE })) {
        yield page;
        written += page.rows.length;
        if (written >= XLSX_ROWS) return;
      }
    }
    for await (const part of fileBytes("XLSX", "orders", source.columns, limited())) bytes += part.length;
    const s = seconds(started);
    const rate = written / s;
    log(`XLSX export: ${written.toLocaleString("en-GB")} rows in ${s.toFixed(2)} s, ${perSecond(written, s)} rows/s, ${(bytes / MIB).toFixed(0)} MiB (target ≥ ${TARGET_XLSX_ROWS_PER_SECOND.toLocaleString("en-GB")} rows/s) ${rate >= TARGET_XLSX_ROWS_PER_SECOND ? "PASS" : "FAIL"}`);
  }
};
