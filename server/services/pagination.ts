import { z } from "zod";
import { AppError } from "@/server/errors";
import { containsNul } from "@/server/security/nul-bytes";
import { PAGE_CURSOR_MAX } from "@/server/services/page-cursor/schema";

// Keyset cursor over (createdAt, id): opaque to clients, validated on the way in. Keyset rather
// than offset so pages stay stable while rows are being added. Lists sorted on another column use
// `keysetOn` below.
export type KeysetCursor = { createdAt: Date; id: string };

const pageCursor = z.string().min(1).max(PAGE_CURSOR_MAX).optional();

export const pageInput = {
  cursor: pageCursor,
  limit: z.number().int().min(1).max(100).default(50),
};

export function encodeCursor(cursor: KeysetCursor): string {
  return Buffer.from(`${cursor.createdAt.toISOString()}|${cursor.id}`, "utf8").toString("base64url");
}

// A cursor is opaque base64url, so a NUL (which PostgreSQL text cannot hold) can only show once decoded.
function decodeCursorText(raw: string): string {
  const text = Buffer.from(raw, "base64url").toString("utf8");
  if (containsNul(text)) throw new AppError("BAD_REQUEST", "Invalid page cursor.");
  return text;
}

// PostgreSQL's timestamptz starts in 4713 BC; JavaScript dates reach 271,821 BC, which a forged
// cursor could carry into a query PostgreSQL refuses (a 500 instead of a 400).
const EARLIEST_TIMESTAMP = Date.parse("-004712-01-01T00:00:00.000Z");

function timestampOf(raw: string): Date | undefined {
  const date = new Date(raw);
  return Number.isNaN(date.getTime()) || date.getTime() < EARLIEST_TIMESTAMP ? undefined : date;
}

export function decodeCursor(raw: string): KeysetCursor {
  const [iso, id] = decodeCursorText(raw).split("|");
  const createdAt = timestampOf(iso ?? "");
  if (!id || !createdAt) throw new AppError("BAD_REQUEST", "Invalid page cursor.");
  return { createdAt, id };
}

export type Direction = "asc" | "desc";

export const sortDirection = z.enum(["asc", "desc"]);

/**
 * A list's sort at the edge: `sort` one of its sortable columns (anything else is a 400 naming
 * the field); both optional, as each list has its first sort and each sort its natural direction
 * (listSorts).
 */
export function sortInput<S extends string>(sorts: Record<S, Direction>) {
  return { sort: z.enum(Object.keys(sorts) as [S, ...S[]]).optional(), dir: sortDirection.optional() };
}

/**
 * The page position of a list that pages both ways: `cursor` starts the page after a row (Next),
 * `before` ends it before one (Previous, also after a reload: the URL holds either, never a stack
 * of visited cursors).
 */
export const twoWayPageInput = {
  ...pageInput,
  before: pageCursor,
};
export type TwoWayPage = { cursor?: string; before?: string; limit: number };

// Counting every row of a large list costs a scan of all of them; counting up to a cap costs at
// most the cap's index entries. Lists say "10,000+" beyond it.
export const TOTAL_CAP = 10_000;

/** The total of a list: exact up to TOTAL_CAP (`count(..., take: TOTAL_CAP + 1)`), "at least" beyond. */
export type ListTotal = { count: number; exact: boolean };

export function cappedTotal(counted: number): ListTotal {
  return counted > TOTAL_CAP ? { count: TOTAL_CAP, exact: false } : { count: counted, exact: true };
}

type Codec<V> = { encode: (value: V) => string; decode: (raw: string) => V | undefined };

const CODECS = {
  timestamp: {
    encode: (value: Date) => value.toISOString(),
    decode: timestampOf,
  } satisfies Codec<Date>,
  text: { encode: (value: string) => value, decode: (raw: string) => raw } satisfies Codec<string>,
  integer: {
    encode: (value: number) => String(value),
    decode: (raw: string) => (/^-?\d{1,15}$/.test(raw) ? Number(raw) : undefined),
  } satisfies Codec<number>,
  // Money columns (decimal(18, 4)): Prisma reads them as Decimal and takes the exact digits back as
  // a string, so the value never passes through a float.
  decimal: {
    encode: (value: { toString(): string }) => value.toString(),
    decode: (raw: string) => (/^-?\d{1,14}(\.\d{1,4})?$/.test(raw) ? raw : undefined),
  } satisfies Codec<{ toString(): string }>,
};

type Kind = keyof typeof CODECS;
type ValueOf<K extends Kind> = Parameters<(typeof CODECS)[K]["encode"]>[0];
type Op<V> = { gt?: V; lt?: V };

const reverse = (direction: Direction): Direction => (direction === "asc" ? "desc" : "asc");

/** One query of a keyset's page: the list's own filters go beside `where`. */
export type KeysetQuery = { where: object; orderBy: object[]; take: number };

// The order a page is read in, and the cursor it starts after.
function windowBound(page: TwoWayPage, direction: Direction) {
  if (page.cursor && page.before) throw new AppError("BAD_REQUEST", "Give a page cursor or a before cursor, not both.");
  return { read: page.before ? reverse(direction) : direction, bound: page.before ?? page.cursor };
}

// Keyset pagination over (<column>, id) for any sortable column: the same cursor format as
// encodeCursor (the value, "|", the id), with the column and its type named once. Ids never
// contain "|", so a text value may.
//
// A nullable column sorts NULL above every value, as PostgreSQL does by default in both
// directions (so one (workspaceId, column, id) index serves both); a row whose value is NULL has a
// cursor without the "|".
export function keysetOn<C extends string, K extends Kind = "timestamp">(column: C, kind: K = "timestamp" as K, options: { nullable?: boolean } = {}) {
  const codec = CODECS[kind] as unknown as Codec<ValueOf<K>>;
  type Value = ValueOf<K>;
  type Key = { value: Value; id: string };
  type Row = { [P in C]: Value } & { id: string };
  type NullableRow = { [P in C]: Value | null } & { id: string };

  function decode(raw: string): { value: Value | null; id: string } {
    const text = decodeCursorText(raw);
    const split = text.lastIndexOf("|");
    if (split < 0 && options.nullable && text) return { value: null, id: text };
    const value = split >= 0 ? codec.decode(text.slice(0, split)) : undefined;
    const id = text.slice(split + 1);
    if (value === undefined || !id) throw new AppError("BAD_REQUEST", "Invalid page cursor.");
    return { value, id };
  }

  function encode(row: NullableRow): string {
    const value = row[column];
    const text = value === null ? row.id : `${codec.encode(value)}|${row.id}`;
    return Buffer.from(text, "utf8").toString("base64url");
  }

  function afterKey({ value, id }: Key, direction: Direction) {
    const op = direction === "asc" ? "gt" : "lt";
    return {
      OR: [{ [column]: { [op]: value } }, { [column]: value, id: { [op]: id } }],
    } as { OR: ({ [P in C]: Op<Value> } | ({ [P in C]: Value } & { id: Op<string> }))[] };
  }

  // The same rows as afterKey, with the column's own bound first: PostgreSQL takes only that term
  // as the index scan's start (an OR is a filter), so without it a page deep in a list reads every
  // row before it (3.2 s against 0.4 ms at 1M orders sorted by total).
  function boundedAfterKey(key: Key, direction: Direction) {
    const bound = { [column]: { [direction === "asc" ? "gte" : "lte"]: key.value } } as { [P in C]: { gte?: Value; lte?: Value } };
    return { AND: [bound, afterKey(key, direction)] };
  }

  // NULLs come last ascending and first descending.
  function afterNullableKey({ value, id }: { value: Value | null; id: string }, direction: Direction) {
    const op = direction === "asc" ? "gt" : "lt";
    if (value === null) {
      const nullsAfter = direction === "asc" ? [] : [{ [column]: { not: null } }];
      return { OR: [{ [column]: null, id: { [op]: id } }, ...nullsAfter] };
    }
    const bounded = boundedAfterKey({ value, id }, direction);
    return direction === "asc" ? { OR: [bounded, { [column]: null }] } : bounded;
  }

  function after(cursor: string, direction: Direction) {
    const key = decode(cursor);
    if (options.nullable) return afterNullableKey(key, direction) as ReturnType<typeof boundedAfterKey>;
    return boundedAfterKey(key as Key, direction);
  }

  // The rows after a key as index ranges, in the list's order: the key's value with the ids beyond
  // its id, then the values beyond it, then (ascending) the NULLs. Read one after another (`read`),
  // each is an exact bound on a (workspaceId, column, id) index: one condition with an OR, or a
  // column bound with the id check as a filter, makes PostgreSQL read every row it skips (535 ms
  // for a deep page of a nullable column ascending, 101 ms deep inside 40k tied values, at 200k rows).
  function afterParts({ value, id }: { value: Value | null; id: string }, direction: Direction): object[] {
    const op = direction === "asc" ? "gt" : "lt";
    if (value === null) return [{ [column]: null, id: { [op]: id } }, ...(direction === "desc" ? [{ [column]: { not: null } }] : [])];
    const nulls = direction === "asc" && options.nullable ? [{ [column]: null }] : [];
    return [{ [column]: value, id: { [op]: id } }, { [column]: { [op]: value } }, ...nulls];
  }

  function orderBy(direction: Direction) {
    return [{ [column]: direction }, { id: direction }] as [{ [P in C]: Direction }, { id: Direction }];
  }

  return {
    /** Rows strictly after the (opaque) cursor in the given direction. */
    after,
    /** The cursor of a row: pages (and a record's neighbours) start after or before it. */
    cursorOf: encode,
    afterKey,
    orderBy,
    /** Fetch limit + 1 rows; the extra one only tells whether there is a next page. */
    toPage<T extends Row, U>(rows: T[], limit: number, map: (row: T) => U) {
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return { items: page.map(map), nextCursor: rows.length > limit && last ? encode(last) : null };
    },
    /**
     * The rows of a page in `direction` order that steps either way: after `page.cursor`, or the
     * rows just before `page.before` (read in the reverse order, then turned around by `twoWay`).
     * Read as index ranges one after another (`find` runs one query: the list's filters AND its
     * `where`) until the page and its extra row are there.
     */
    async read<T>(page: TwoWayPage, direction: Direction, find: (query: KeysetQuery) => Promise<T[]>): Promise<T[]> {
      const { read, bound } = windowBound(page, direction);
      const rows: T[] = [];
      for (const where of bound ? afterParts(decode(bound), read) : [{}]) {
        if (rows.length > page.limit) break;
        rows.push(...(await find({ where, orderBy: orderBy(read), take: page.limit + 1 - rows.length })));
      }
      return rows;
    },
    /** A page read with `read`: its rows in the list's order, with the cursors of Next and Previous. */
    twoWay<T extends NullableRow, U>(rows: T[], page: TwoWayPage, map: (row: T) => U) {
      return twoWayPage(rows, page, map, encode);
    },
  };
}

/**
 * A page of up to `page.limit + 1` rows read after `page.cursor` or, reversed, before `page.before`:
 * its rows in the list's order, with the cursors (`cursorOf` a row) of Next and Previous.
 */
export function twoWayPage<T, U>(rows: T[], page: TwoWayPage, map: (row: T) => U, cursorOf: (row: T) => string) {
  const hasMore = rows.length > page.limit;
  const ordered = rows.slice(0, page.limit);
  if (page.before) ordered.reverse();
  const [first, last] = [ordered.at(0), ordered.at(-1)];
  // Stepping back from a row means rows follow; stepping forward from one means rows precede.
  const hasNext = page.before ? true : hasMore;
  const hasPrevious = page.before ? hasMore : Boolean(page.cursor);
  return {
    items: ordered.map(map),
    nextCursor: hasNext && last !== undefined ? cursorOf(last) : null,
    previousCursor: hasPrevious && first !== undefined ? cursorOf(first) : null,
  };
}

/** A keyset of keysetOn with its column's type erased, so a list can choose among several by name. */
export type SortKeyset = {
  cursorOf(row: { id: string }): string;
  read<T>(page: TwoWayPage, direction: Direction, find: (query: KeysetQuery) => Promise<T[]>): Promise<T[]>;
  twoWay<T extends { id: string }, U>(rows: T[], page: TwoWayPage, map: (row: T) => U): { items: U[]; nextCursor: string | null; previousCursor: string | null };
};

/**
 * A list's sorts: each name's keyset (keysetOn; its column must be in the rows the list selects),
 * the direction each starts in (the list's schema.ts, which the UI reads too) and the sort a list
 * without one is in. `read` reads a page in the chosen sort.
 */
export function listSorts<S extends string>(keysets: Record<S, { read: unknown; twoWay: unknown }>, directions: Record<S, Direction>, fallback: NoInfer<S>) {
  type Order = { sort?: S; dir?: Direction };
  const chosen = (order: Order) => {
    const sort = order.sort ?? fallback;
    return { keyset: keysets[sort] as SortKeyset, direction: order.dir ?? directions[sort] };
  };
  return {
    /** The rows of a page in the chosen sort (SortKeyset.read), with the sort's keyset to page them. */
    async read<T extends { id: string }>(order: Order, page: TwoWayPage, find: (query: KeysetQuery) => Promise<T[]>) {
      const { keyset, direction } = chosen(order);
      return { keyset, rows: await keyset.read(page, direction, find) };
    },
    /** The cursor of a row in the sort (the row must carry the sort's column). */
    cursorOf(order: { sort?: S }, row: { id: string }) {
      return chosen(order).keyset.cursorOf(row);
    },
  };
}

// Keyset on the id alone, for small sets ordered by their key: opaque like the others.
export const byIdCursor = {
  encode: (id: string) => Buffer.from(id, "utf8").toString("base64url"),
  decode(raw: string): string {
    const id = decodeCursorText(raw);
    if (!id) throw new AppError("BAD_REQUEST", "Invalid page cursor.");
    return id;
  },
};

const byCreatedAt = keysetOn("createdAt");

// Rows strictly after the cursor in the given direction.
export function afterCursor(cursor: KeysetCursor, direction: Direction) {
  return byCreatedAt.afterKey({ value: cursor.createdAt, id: cursor.id }, direction);
}

// Fetch limit + 1 rows; the extra one only tells whether there is a next page.
export function toPage<T extends KeysetCursor, U>(rows: T[], limit: number, map: (row: T) => U) {
  return byCreatedAt.toPage(rows, limit, map);
}
