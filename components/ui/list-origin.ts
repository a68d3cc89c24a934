import { readListPosition } from "./list-url-state";

// The list a record was opened from, so j and k on its page step through that list (its filters
// and sort) rather than the list's first order. It travels in the record's URL as
// ?list=<the list's query without its page> (viewQuery): a shared or reloaded link steps the
// same way, and it holds nothing the list's own URL does not show. Read back with the list's own
// readers (values they do not know are dropped), and checked again by the server as the list's input.
const PARAM = "list";

/** A record's path, carrying the list's query when it has one (a list as it starts adds nothing). */
export function recordHref(path: string, listQuery: string): string {
  return listQuery ? `${path}?${new URLSearchParams({ [PARAM]: listQuery })}` : path;
}

/** The query of the list a record page was opened from, or null when it came from elsewhere. */
export function listQueryOf(params: Pick<URLSearchParams, "get">): string | null {
  return params.get(PARAM) || null;
}

/** The sort and direction in a list's query (none when it names an unknown one). */
export function listSortOf<S extends string>(list: URLSearchParams, sorts: Record<S, unknown>) {
  const { sort, dir } = readListPosition(list, Object.keys(sorts) as S[]).position;
  return { sort, dir };
}
