import type { z } from "zod";
import type { Action } from "@/server/auth/permissions";
import type { ExportList } from "./schema";

// What an export is made of: typed columns, and rows whose cells follow them. Writers format each
// type for its file (ndjson-writer, xlsx-writer; for CSV, PostgreSQL through the source's csv()),
// so a source's columns never format a value themselves.
//
// Cell values by type: text → string; integer → number; decimal → string, the exact value as
// PostgreSQL prints it (never a float); timestamp → ISO-8601 string in UTC (to the millisecond);
// date → "YYYY-MM-DD" (a calendar day, no time zone); boolean → boolean. Any cell may be null.
export type ExportColumnType = "text" | "integer" | "decimal" | "timestamp" | "date" | "boolean";

export type ExportColumn = {
  /** The NDJSON property name. */
  key: string;
  /** The CSV/XLSX header. */
  header: string;
  type: ExportColumnType;
};

export type ExportCell = string | number | boolean | null;
export type ExportRow = ExportCell[];

/** A page of rows, and the keyset position after its last row (where the next page starts). */
export type ExportPage = { rows: ExportRow[]; cursor: string };

/** Bytes of a file as it is written, and how many rows they complete. */
export type ExportChunk = { bytes: Buffer; rows: number };

/** Only these rows of the list (selected on its page), within its filters. */
export type ExportSelection = { ids?: readonly string[] };

export type ExportSource<F extends object = object> = {
  list: ExportList;
  /** The file name's stem ("orders" → orders-2026-12-06.csv). */
  fileStem: string;
  /** What the list's page requires of the caller's role: the export requires the same. */
  requires: Action;
  /** The list page's own input schema (its cursor and limit are ignored). */
  filters: z.ZodType<F, unknown>;
  columns: readonly ExportColumn[];
  /** How many rows the export will have; refuses filters the list refuses (e.g. another workspace's connection). */
  count(workspaceId: string, filters: F): Promise<number>;
  /**
   * The rows in the list's order, a page at a time, from after `cursor` (a previous page's or
   * part's) or the start, up to and including `through` (a part's end) or the last.
   */
  pages(workspaceId: string, filters: F, options: { cursor: string | null; through?: string | null; pageSize: number }): AsyncGenerator<ExportPage>;
  /** Where a part of `rows` rows after `cursor` ends (its last row's position); null when the rest is fewer. */
  partEnd(workspaceId: string, filters: F, options: { cursor: string | null; rows: number }): Promise<string | null>;
  /** The same rows as pages() as CSV records written by PostgreSQL (copy-csv.ts), with the header line first when asked. */
  csv(workspaceId: string, filters: F, options: { cursor: string | null; through?: string | null; header: boolean }): AsyncGenerator<ExportChunk>;
};
