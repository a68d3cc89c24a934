import type { ExportColumn, ExportRow } from "./columns";

// One JSON object per line, keyed by the columns' keys: decimals stay strings (exact), timestamps
// ISO-8601, nulls null. Nothing to neutralise: no spreadsheet evaluates it.
export function ndjsonRows(columns: readonly ExportColumn[], rows: readonly ExportRow[]): string {
  let text = "";
  for (const row of rows) {
    const record: Record<string, unknown> = {};
    for (let i = 0; i < columns.length; i++) record[columns[i]!.key] = row[i];
    text += `${JSON.stringify(record)}\n`;
  }
  return text;
}
