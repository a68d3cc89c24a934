import { z } from "zod";
import { AppError } from "@/server/errors";
import { containsNul } from "@/server/security/nul-bytes";

// Keyset cursor over (createdAt, id): opaque to clients, validated on the way in. Keyset rather
// than offset so pages stay stable while rows are being added. Lists sorted on another column use
// `keysetOn` below.
export type KeysetCursor = { createdAt: Date; id: string };

export const pageInput = {
  cursor: z.string().min(1).max(200).optional(),
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

type Direction = "asc" | "desc";

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
};

type Kind = keyof typeof CODECS;
type ValueOf<K extends Kind> = Parameters<(typeof CODECS)[K]["encode"]>[0];
type Op<V> = { gt?: V; lt?: V };

// Keyset pagination over (<column>, id) for any sortable column: the same cursor format as
// encodeCursor (the value, "|", the id), with the column and its type named once. Ids never
// contain "|", so a text value may.
export function keysetOn<C extends string, K extends Kind = "timestamp">(column: C, kind: K = "timestamp" as K) {
  const codec = CODECS[kind] as unknown as Codec<ValueOf<K>>;
  type Row = { [P in C]: ValueOf<K> } & { id: string };

  function decode(raw: string): { value: ValueOf<K>; id: string } {
    const text = decodeCursorText(raw);
    const split = text.lastIndexOf("|");
    const value = split >= 0 ? codec.decode(text.slice(0, split)) : undefined;
    const id = text.slice(split + 1);
    if (value === undefined || !id) throw new AppError("BAD_REQUEST", "Invalid page cursor.");
    return { value, id };
  }

  function afterKey({ value, id }: { value: ValueOf<K>; id: string }, direction: Direction) {
    const op = direction === "asc" ? "gt" : "lt";
    return {
      OR: [{ [column]: { [op]: value } }, { [column]: value, id: { [op]: id } }],
    } as { OR: ({ [P in C]: Op<ValueOf<K>> } | ({ [P in C]: ValueOf<K> } & { id: Op<string> }))[] };
  }

  return {
    /** Rows strictly after the (opaque) cursor in the given direction. */
    after(cursor: string, direction: Direction) {
      return afterKey(decode(cursor), direction);
    },
    afterKey,
    orderBy(direction: Direction) {
      return [{ [column]: direction }, { id: direction }] as [{ [P in C]: Direction }, { id: Direction }];
    },
    /** Fetch limit + 1 rows; the extra one only tells whether there is a next page. */
    toPage<T extends Row, U>(rows: T[], limit: number, map: (row: T) => U) {
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      const next = rows.length > limit && last ? `${codec.encode(last[column])}|${last.id}` : null;
      return { items: page.map(map), nextCursor: next && Buffer.from(next, "utf8").toString("base64url") };
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
