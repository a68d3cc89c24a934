import { AppError } from "@/server/errors";
import type { ExportSource } from "./columns";

// The list page's filters, checked with the list's own schema. Its page position (cursor, limit)
// means nothing to an export that takes every row. A bad filter is a 400 naming the field.
export function parseExportFilters<F extends object>(source: ExportSource<F>, raw: Record<string, unknown>): F {
  const { cursor: _cursor, limit: _limit, ...filters } = raw;
  const parsed = source.filters.safeParse(filters);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.path.length ? issue.path.join(".") : "filters";
  throw new AppError("BAD_REQUEST", `Filter "${field}": ${issue.message}`);
}
