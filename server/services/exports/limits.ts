import type { ExportFormat } from "@/server/generated/prisma/enums";

// Inngest function id of background exports; never renamed once shipped.
export const EXPORT_FUNCTION_ID = "export-list";

// Up to this many rows an export streams from its request: a few seconds at most. Larger ones run
// in the background and end in a link, so a closed tab or a proxy's timeout loses nothing.
export const DIRECT_EXPORT_MAX_ROWS = 20_000;
// An .xlsx takes several times longer per row than CSV (a zip of XML), so it goes to the
// background sooner.
export const DIRECT_XLSX_MAX_ROWS = 5_000;

export function directExportAllowed(format: ExportFormat, rows: number): boolean {
  return rows <= (format === "XLSX" ? DIRECT_XLSX_MAX_ROWS : DIRECT_EXPORT_MAX_ROWS);
}

// How long a signed download link works, and how many rows one background step writes (a step
// that crashed is written again from its start: see write-export-part.ts).
export const EXPORT_LINK_TTL_MS = 24 * 60 * 60 * 1000;
export const EXPORT_ROWS_PER_STEP = 100_000;
export const EXPORT_PAGE_SIZE = 5_000;
// Bytes gathered before a chunk is stored.
export const EXPORT_CHUNK_BYTES = 1024 * 1024;
