"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { PAGE_CURSOR_MAX } from "@/server/services/page-cursor/schema";
import type { TableSort } from "./sortable-head";
import { urlFilterReader, type RejectedFilter } from "./url-filters";

// Where a table is, kept in the URL beside its filters, so Back, a reload and a shared link land on
// the same rows: ?sort=total&dir=desc&page=3&after=<cursor> (or &before=<cursor> after Previous).
// Keyset pages are reached from a row, not by number: `after` is the last row of the page before,
// `before` the first row of the page after, and the server reads either way (keysetOn's read), so
// Previous keeps working after a reload without a stack of visited cursors. `page` only numbers
// the rows shown ("51–75 of 5,000"); Previous from page 2 drops the cursors for the true first page.

export type SortDirection = "asc" | "desc";

export type ListPosition<S extends string> = {
  sort?: S;
  dir?: SortDirection;
  page: number;
  after?: string;
  before?: string;
};

const POSITION_PARAMS = ["sort", "dir", "page", "after", "before"] as const;
const PAGE_PARAMS = ["page", "after", "before"] as const;

type Params = Pick<URLSearchParams, "get">;

/** The position in the URL, and its parameters the list cannot use (reported beside the filters'). */
export function readListPosition<S extends string>(params: Params, sorts: readonly S[]): { position: ListPosition<S>; rejected: RejectedFilter[] } {
  const read = urlFilterReader(params);
  const sort = read.oneOf("sort", "sort", sorts);
  const dir = read.oneOf("dir", "sort direction", ["asc", "desc"] as const);
  const after = read.text("after", "Page cursor", PAGE_CURSOR_MAX);
  const before = after ? undefined : read.text("before", "Page cursor", PAGE_CURSOR_MAX);
  const number = read.int("page", "Page", 1, 1_000_000);
  // A page number without a cursor to reach it from is the first page.
  const page = after || before ? Math.max(number ?? 2, 2) : 1;
  return { position: { sort, dir, page, after, before }, rejected: read.result({}).rejected };
}

/** What the list's query takes of the position. */
export function positionQuery<S extends string>(position: ListPosition<S>) {
  return { sort: position.sort, dir: position.dir, cursor: position.after, before: position.before };
}

function withParams(current: URLSearchParams, drop: readonly string[], set: Record<string, string | undefined>): string {
  const next = new URLSearchParams(current);
  for (const name of drop) next.delete(name);
  for (const [name, value] of Object.entries(set)) if (value !== undefined) next.set(name, value);
  return next.toString();
}

/** The list's URL query without its page position: what a saved view keeps (filters and sort). */
export function viewQuery(params: URLSearchParams): string {
  return withParams(params, PAGE_PARAMS, {});
}

/**
 * The table's position in the URL, and the moves that change it. Paging pushes a history entry
 * (Back steps back through pages); a new sort or new filters replace the URL and start again at
 * the first page, keeping the other.
 */
export function useListUrl<S extends string>(sorts: Record<S, SortDirection>, fallback: NoInfer<S>) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const { position, rejected } = readListPosition(params, Object.keys(sorts) as S[]);
  const sort = position.sort ?? fallback;
  const current = new URLSearchParams(params.toString());
  const go = (query: string, how: "push" | "replace") => router[how](query ? `${pathname}?${query}` : pathname, { scroll: false });

  const sortBy = (sort: S, dir: SortDirection) => go(withParams(current, [...PAGE_PARAMS, "sort", "dir"], { sort, dir }), "replace");
  return {
    position,
    rejected,
    /** The sort shown (the list's own when the URL names none), for SortableHead. */
    table: { sort, dir: position.dir ?? sorts[sort], first: sorts, onSort: sortBy } satisfies TableSort<S>,
    /** The URL query as it is, for a saved view. */
    viewQuery: () => viewQuery(current),
    next: (cursor: string) => go(withParams(current, PAGE_PARAMS, { page: String(position.page + 1), after: cursor }), "push"),
    previous: (cursor: string) =>
      go(withParams(current, PAGE_PARAMS, position.page <= 2 ? {} : { page: String(position.page - 1), before: cursor }), "push"),
    /** New filters (their own query string): from the first page, in the same sort. */
    applyFilters: (filtersQuery: string) =>
      go(withParams(new URLSearchParams(filtersQuery), [], { sort: position.sort, dir: position.dir }), "replace"),
    /** A saved view's query: its filters and sort, from the first page. */
    applyView: (query: string) => go(withParams(new URLSearchParams(query), POSITION_PARAMS.filter((p) => p !== "sort" && p !== "dir"), {}), "push"),
  };
}

export type ListUrl<S extends string> = ReturnType<typeof useListUrl<S>>;
