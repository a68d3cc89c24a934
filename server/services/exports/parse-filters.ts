import { z } from "zod";
import { AppError } from "@/server/errors";
import type { ExportSource, ExportSelection } from "./columns";

// Rows picked on the list's page (its row selection): at most a few pages of them.
export const MAX_SELECTED_IDS = 1000;
const selectedIds = z.array(z.string().trim().min(1).max(64)).min(1).max(MAX_SELECTED_IDS).optional();

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
  const selection = selectedIds.safeParse(ids);
  if (!selection.success) throw badFilter(selection.error, ["ids"]);
  return selection.data ? { ...parsed.data, ids: selection.data } : parsed.data;
}
