import type { ExportFormat } from "@/server/generated/prisma/enums";
import type { ExportChunk, ExportColumn, ExportPage, ExportSource } from "./columns";
import { EXPORT_PAGE_SIZE } from "./limits";
import { ndjsonRows } from "./ndjson-writer";
import { xlsxFile } from "./xlsx-writer";

export const CONTENT_TYPE: Record<ExportFormat, string> = {
  CSV: "text/csv; charset=utf-8",
  NDJSON: "application/x-ndjson; charset=utf-8",
  XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

export const EXTENSION: Record<ExportFormat, string> = { CSV: "csv", NDJSON: "ndjson", XLSX: "xlsx" };

// Excel reads a CSV file without a byte order mark in the machine's legacy code page.
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** Which rows a file (or a part of one) holds: after `cursor`, up to and including `through`; `start` if it begins the file. */
export type ExportRange = { cursor: string | null; through?: string | null; start: boolean };

/**
 * A file's bytes as they are written, each chunk with the rows it completes. CSV and NDJSON are
 * line-based, so a file can be written in parts, each continuing the last: only the first
 * (`start`) carries the CSV header and its byte order mark. An .xlsx is one zip, always written whole.
 * CSV (UTF-8, CRLF, ISO-8601 timestamps in UTC, decimals as stored) is PostgreSQL's to write:
 * see copy-csv.ts.
 */
export async function* exportChunks<F extends object>(format: ExportFormat, source: ExportSource<F>, workspaceId: string, filters: F, range: ExportRange, pageSize = EXPORT_PAGE_SIZE): AsyncGenerator<ExportChunk> {
  const { cursor, through, start } = range;
  if (format === "CSV") {
    if (start) yield { bytes: UTF8_BOM, rows: 0 };
    yield* source.csv(workspaceId, filters, { cursor, through, header: start });
    return;
  }
  let rows = 0;
  async function* counted(): AsyncGenerator<ExportPage> {
    for await (const page of source.pages(workspaceId, filters, { cursor, through, pageSize })) {
      rows += page.rows.length;
      yield page;
    }
  }
  let reported = 0;
  for await (const bytes of fileBytes(format, source.fileStem, source.columns, counted())) {
    // The writer may take more pages while this chunk is with the reader: what it took so far is settled first.
    const taken = rows - reported;
    reported = rows;
    yield { bytes, rows: taken };
  }
}

/** NDJSON's or an .xlsx's bytes as its pages come. */
export async function* fileBytes(format: Exclude<ExportFormat, "CSV">, sheetName: string, columns: readonly ExportColumn[], pages: AsyncIterable<ExportPage>): AsyncGenerator<Buffer> {
  if (format === "XLSX") {
    yield* xlsxFile(sheetName, columns, pages);
    return;
  }
  for await (const page of pages) yield Buffer.from(ndjsonRows(columns, page.rows));
}
