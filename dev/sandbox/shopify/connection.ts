import { GraphQLError } from "graphql";
import { compareKeys } from "../_kit/collection";

export const MAX_PAGE_SIZE = 250;

export interface ConnectionArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
  reverse?: boolean | null;
}

export interface ConnectionSpec<T> {
  /** Items sorted ascending by (key, id). */
  items: () => readonly T[];
  key: (item: T) => number | string;
  id: (item: T) => number;
  filter?: (item: T) => boolean;
  toNode: (item: T) => unknown;
}

export interface ConnectionPage {
  edges: { cursor: string; node: unknown }[];
  nodes: unknown[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

interface CursorPosition {
  last_id: number;
  last_value: number | string;
}

/** Opaque to clients, like Shopify's: base64 of the keyset position. */
export function encodeCursor(value: number | string, id: number): string {
  return Buffer.from(JSON.stringify({ last_id: id, last_value: value } satisfies CursorPosition)).toString("base64");
}

function decodeCursor(cursor: string): CursorPosition {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, "base64").toString("utf8")) as CursorPosition;
    if (typeof parsed.last_id === "number" && (typeof parsed.last_value === "number" || typeof parsed.last_value === "string")) return parsed;
  } catch {
    // fall through to the error below
  }
  throw new GraphQLError(`Invalid cursor for current pagination sort.`, { extensions: { code: "BAD_REQUEST" } });
}

/**
 * A connection resolved lazily: `page()` for normal queries (keyset pagination over the sorted
 * items, filters applied while scanning), `all()` for bulk operations (every matching node).
 */
export class LazyConnection<T> {
  constructor(private readonly spec: ConnectionSpec<T>) {}

  *all(reverse = false): Generator<unknown> {
    const items = this.spec.items();
    const match = this.spec.filter ?? (() => true);
    for (let i = 0; i < items.length; i++) {
      const item = items[reverse ? items.length - 1 - i : i]!;
      if (match(item)) yield this.spec.toNode(item);
    }
  }

  page(args: ConnectionArgs): ConnectionPage {
    const { first, last } = args;
    if (first == null && last == null) throw new GraphQLError("you must provide one of first or last");
    if (first != null && last != null) throw new GraphQLError("Passing both `first` and `last` to paginate a connection is not supported.");
    const size = (first ?? last)!;
    if (size < 0) throw new GraphQLError(`${first != null ? "first" : "last"} must be greater than or equal to 0`);
    if (size > MAX_PAGE_SIZE) throw new GraphQLError(`The maximum value for ${first != null ? "first" : "last"} is ${MAX_PAGE_SIZE}.`);

    const items = this.spec.items();
    const n = items.length;
    const reverse = !!args.reverse;
    const at = (logical: number) => items[reverse ? n - 1 - logical : logical]!;
    const match = this.spec.filter ?? (() => true);
    // Logical index of the first item that comes after `position` in the requested order.
    const after = (position: CursorPosition): number => {
      let lo = 0;
      let hi = n;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        const item = at(mid);
        const cmp = compareKeys(this.spec.key(item), this.spec.id(item), position.last_value, position.last_id) * (reverse ? -1 : 1);
        if (cmp <= 0) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    const lower = args.after ? after(decodeCursor(args.after)) : 0;
    const upper = args.before ? Math.min(n, beforeIndex(after, decodeCursor(args.before), n, at, this.spec)) : n;

    const picked: T[] = [];
    let hasNextPage = false;
    let hasPreviousPage = false;
    const anyMatch = (from: number, to: number, step: number) => {
      for (let i = from; step > 0 ? i < to : i >= to; i += step) if (match(at(i))) return true;
      return false;
    };
    if (first != null) {
      let i = lower;
      for (; i < upper && picked.length <= size; i++) if (match(at(i))) picked.push(at(i));
      hasNextPage = picked.length > size;
      if (hasNextPage) picked.pop();
      hasPreviousPage = lower > 0 && anyMatch(lower - 1, 0, -1);
    } else {
      for (let i = upper - 1; i >= lower && picked.length <= size; i--) if (match(at(i))) picked.unshift(at(i));
      hasPreviousPage = picked.length > size;
      if (hasPreviousPage) picked.shift();
      hasNextPage = upper < n && anyMatch(upper, n, 1);
    }
    const edges = picked.map((item) => ({ cursor: encodeCursor(this.spec.key(item), this.spec.id(item)), node: this.spec.toNode(item) }));
    return {
      edges,
      nodes: edges.map((e) => e.node),
      pageInfo: {
        hasNextPage,
        hasPreviousPage,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges.at(-1)?.cursor ?? null,
      },
    };
  }
}

function beforeIndex<T>(
  after: (p: CursorPosition) => number,
  position: CursorPosition,
  n: number,
  at: (i: number) => T,
  spec: ConnectionSpec<T>,
): number {
  // `after(p)` is the index past p; the item at p itself (if still present) sits just before it.
  const idx = after(position);
  if (idx > 0 && idx <= n) {
    const item = at(idx - 1);
    if (spec.id(item) === position.last_id) return idx - 1;
  }
  return idx;
}

/** A connection over a small in-memory list (line items, variants): keyed by position. */
export function listConnection<T>(items: readonly T[], toNode: (item: T) => unknown, id: (item: T) => number): LazyConnection<{ item: T; index: number }> {
  const indexed = items.map((item, index) => ({ item, index }));
  return new LazyConnection({ items: () => indexed, key: (e) => e.index, id: (e) => id(e.item), toNode: (e) => toNode(e.item) });
}
