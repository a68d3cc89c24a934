import { stringify } from "csv-stringify/sync";
import type { ExportCell, ExportColumn, ExportColumnType, ExportRow } from "./columns";
import { neutraliseFormula } from "./neutralise-formula";

// CSV as Excel opens it correctly: UTF-8 with a byte order mark (without one Excel reads the file
// in the machine's legacy code page), CRLF line ends, ISO-8601 timestamps in UTC, decimals as
// stored. csv-stringify does the quoting; each page becomes one piece of text, so the file is
// written as it is read.

const FORMAT: Record<ExportColumnType, (value: NonNullable<ExportCell>) => string> = {
  text: (value) => neutraliseFormula(value as string),
  integer: (value) => String(value),
  decimal: (value) => value as string,
  timestamp: (value) => value as string,
  date: (value) => value as string,
  boolean: (value) => (value ? "true" : "false"),
};

// csv-stringify quotes a field holding the record delimiter (CRLF), not one holding a lone CR or
// LF, which spreadsheets read as a line break all the same.
const OPTIONS = { record_delimiter: "windows", quoted_match: /[\r\n]/ } as const;

/** The header line, with the byte order mark that starts the file. */
export function csvHeader(columns: readonly ExportColumn[]): string {
  return stringify([columns.map((column) => neutraliseFormula(column.header))], { ...OPTIONS, bom: true });
}

export function csvRows(columns: readonly ExportColumn[], rows: readonly ExportRow[]): string {
  const formats = columns.map((column) => FORMAT[column.type]);
  const records = rows.map((row) => row.map((value, i) => (value === null ? "" : formats[i]!(value))));
  return stringify(records, OPTIONS);
}
