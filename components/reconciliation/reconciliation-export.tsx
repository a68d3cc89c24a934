"use client";

import { ExportMenu } from "@/components/exports/export-menu";

// A reconciliation list's export (CSV, NDJSON, XLSX) with the filters it is showing, above its table.
export function ReconciliationExport({ list, filters, what }: { list: "reconciliation-days" | "reconciliation-issues"; filters: Record<string, unknown>; what: string }) {
  return (
    <div className="flex justify-end px-5 pt-3">
      <ExportMenu list={list} filters={filters} what={what} />
    </div>
  );
}
