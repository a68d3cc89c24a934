import { z } from "zod";
import { AppError } from "@/server/errors";
import type { ExportSource, ExportSelection } from "./columns";
import type { ExportList } from "./schema";

// Rows picked on the list's page (its row selection): at most a few pages of them.
export const MAX_SELECTED_IDS = 1000;
const selectionOf = (id: z.ZodString) => z.array(id).min(1).max(MAX_SELECTED_IDS).optional();
const selectedIds = selectionOf(z.string().trim().min(1).max(64));

// The By SKU view selects SKUs, not record ids: a SKU is matched exactly as stored, so " A-1 " is
// not "A-1" (trimming would export another row, or none), and may run to 255 characters at the
// sources; 1,000 is the length its page's keys accept (inventory/schema.ts).
const SELECTED_BY_LIST: Partial<Record<ExportList, typeof selectedIds>> = {
  "inventory-sku": selectionOf(z.string().min(1).max(1000)),
};

function badFilter(error: z.ZodError, prefix: (string | number)[] = []): AppError {
  const issue = error.issues[0]!;
  const path = [...prefix, ...issue.path];
  return new AppError("BAD_REQUEST", `Filter "${path.length ? path.join(".") : "filters"}": ${issue.message}`);
}

// The list page's filters, checked with the list's own schema, and the ids of the rows selected on
// it when only those are exported. Its page position (cursor, before, limit) means nothing to an
// export that takes every row. A bad filter is a 400 naming the field.
export function parseExportFilters<F extends object>(source: ExportSource<F>, raw: Record<string, unknown>): F & ExportSelection {
  const { cursor: _cursor, before: _before, limit: _limit, ids, ...filters } = raw;
  const parsed = source.filters.safeParse(filters);
  if (!parsed.success) throw badFilter(parsed.error);
  const selection = (SELECTED_BY_LIST[source.list] ?? selectedIds).safeParse(ids);
  if (!selection.success) throw badFilter(selection.error, ["ids"]);
  return selection.data ? { ...parsed.data, ids: selection.data } : parsed.data;
}
