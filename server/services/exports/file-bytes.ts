import type { ExportFormat } from "@/server/generated/prisma/enums";
import type { ExportColumn, ExportPage } from "./columns";
import { csvHeader, csvRows } from "./csv-writer";
import { ndjsonRows } from "./ndjson-writer";
import { xlsxFile } from "./xlsx-writer";

export const CONTENT_TYPE: Record<ExportFormat, string> = {
  CSV: "text/csv; charset=utf-8",
  NDJSON: "application/x-ndjson; charset=utf-8",
  XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

export const EXTENSION: Record<ExportFormat, string> = { CSV: "csv", NDJSON: "ndjson", XLSX: "xlsx" };

/**
 * A file's bytes as its pages come. CSV and NDJSON are line-based, so a file can be written in
 * parts, each continuing the last: only the first (`start`) carries the CSV header and its byte
 * order mark. An .xlsx is one zip, always written whole.
 */
export async function* fileBytes(
  format: ExportFormat,
  sheetName: string,
  columns: readonly ExportColumn[],
  pages: AsyncIterable<ExportPage>,
  { start }: { start: boolean },
): AsyncGenerator<Buffer> {
  if (format === "XLSX") {
    yield* xlsxFile(sheetName, columns, pages);
    return;
  }
  if (format === "CSV" && start) yield Buffer.from(csvHeader(columns));
  for await (const page of pages) yield Buffer.from(format === "CSV" ? csvRows(columns, page.rows) : ndjsonRows(columns, page.rows));
}
