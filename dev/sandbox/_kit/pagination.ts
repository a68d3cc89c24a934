import { createHmac, timingSafeEqual } from "node:crypto";
import type { Clock } from "./clock";

// The paging styles providers use: page numbers with RFC 8288 `Link` headers (FreeAgent,
// WooCommerce), page numbers in headers of their own (ShipBob's `Next-Page`), offset + limit with
// a total (GA4), and opaque cursors in the body (ShipBob's `next`, Amazon's `nextToken`).

/** A query parameter the provider would refuse, named, for its 400. */
export class PageParamError extends Error {
  constructor(
    readonly param: string,
    message: string,
  ) {
    super(message);
  }
}

function intParam(url: URL, name: string, fallback: number, min: number, max: number): number {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new PageParamError(name, `${name} must be an integer from ${min} to ${max}`);
  return value;
}

/** `url` with some query parameters replaced (undefined removes one): the address of another page. */
export function withQuery(url: URL, changes: Record<string, string | number | undefined>): URL {
  const next = new URL(url);
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) next.searchParams.delete(key);
    else next.searchParams.set(key, String(value));
  }
  return next;
}

/** Path and query only (`/2026-01/order?Page=2`): how ShipBob writes its paging links. */
export function relative(url: URL): string {
  return `${url.pathname}${url.search}`;
}

export interface PageRequest {
  page: number;
  perPage: number;
}

/** Reads 1-based page number and size parameters; PageParamError names the one out of range. */
export function readPage(url: URL, names: { page: string; perPage: string }, sizes: { default: number; max: number }): PageRequest {
  return { page: intParam(url, names.page, 1, 1, Number.MAX_SAFE_INTEGER), perPage: intParam(url, names.perPage, sizes.default, 1, sizes.max) };
}

export interface Page<T> {
  items: T[];
  page: number;
  perPage: number;
  total: number;
  totalPages: number;
}

/** Page `page` of `items` (a page past the end is empty, as providers answer it). */
export function pageOf<T>(items: readonly T[], { page, perPage }: PageRequest): Page<T> {
  return { items: items.slice((page - 1) * perPage, page * perPage), page, perPage, total: items.length, totalPages: Math.max(1, Math.ceil(items.length / perPage)) };
}

/** The `first`/`prev`/`next`/`last` addresses of a page: `url` with its page parameter changed. */
export function pageLinks(url: URL, page: Page<unknown>, pageParam: string): { first: URL; prev?: URL; next?: URL; last: URL } {
  return {
    first: withQuery(url, { [pageParam]: 1 }),
    prev: page.page > 1 ? withQuery(url, { [pageParam]: Math.min(page.page - 1, page.totalPages) }) : undefined,
    next: page.page < page.totalPages ? withQuery(url, { [pageParam]: page.page + 1 }) : undefined,
    last: withQuery(url, { [pageParam]: page.totalPages }),
  };
}

/** An RFC 8288 `Link` header value: `<url>; rel="next", <url>; rel="last"` (absent links left out). */
export function linkHeader(links: Record<string, URL | string | undefined>): string {
  return Object.entries(links)
    .filter((entry): entry is [string, URL | string] => entry[1] !== undefined)
    .map(([rel, target]) => `<${String(target)}>; rel="${rel}"`)
    .join(", ");
}

/** Reads a `Link` header into rel → URL (a client's view, for tests). */
export function parseLinkHeader(value: string | null): Record<string, string> {
  const links: Record<string, string> = {};
  for (const match of (value ?? "").matchAll(/<([^>]*)>\s*((?:;\s*[^;,]+)*)/g)) {
    const rels = /;\s*rel="?([^";]+)"?/.exec(match[2]!)?.[1];
    for (const rel of rels?.split(/\s+/) ?? []) links[rel] = match[1]!;
  }
  return links;
}

/** Reads offset (0-based) and limit parameters; PageParamError names the one out of range. */
export function readOffset(url: URL, names: { offset: string; limit: string }, sizes: { default: number; max: number }): { offset: number; limit: number } {
  return { offset: intParam(url, names.offset, 0, 0, Number.MAX_SAFE_INTEGER), limit: intParam(url, names.limit, sizes.default, 1, sizes.max) };
}

/**
 * Opaque cursors, as providers hand them out: a position and the query it belongs to, signed so
 * a client cannot forge or edit one, and optionally expiring (Amazon's FBA inventory `nextToken`
 * lives 30 seconds). A client must send a cursor back unmodified.
 */
export class CursorCodec<P> {
  constructor(
    private readonly options: {
      secret: string;
      clock: Clock;
      /** Cursors older than this are refused as expired. Default: never. */
      ttlMs?: number;
    },
  ) {}

  encode(position: P, query = ""): string {
    const payload = Buffer.from(JSON.stringify({ p: position, q: query, t: this.options.clock.now() })).toString("base64url");
    return `${payload}.${this.sign(payload)}`;
  }

  /** The position, or why the cursor is refused: not one of ours (or edited), for another query, or expired. */
  decode(cursor: string, query = ""): { position: P } | { error: "invalid" | "other-query" | "expired" } {
    const [payload, signature] = cursor.split(".");
    if (!payload || !signature) return { error: "invalid" };
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { error: "invalid" };
    const { p, q, t } = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { p: P; q: string; t: number };
    if (q !== query) return { error: "other-query" };
    if (this.options.ttlMs !== undefined && this.options.clock.now() - t > this.options.ttlMs) return { error: "expired" };
    return { position: p };
  }

  private sign(payload: string): string {
    return createHmac("sha256", this.options.secret).update(payload).digest("base64url");
  }
}

/**
 * Keyset paging over items sorted by `key`: the items after `after`, `size` of them, and the key
 * to continue from. Inserts and deletes between pages neither skip nor repeat an item.
 */
export function keysetPage<T, K extends number | string>(items: readonly T[], key: (item: T) => K, after: K | undefined, size: number): { items: T[]; next?: K } {
  let start = 0;
  if (after !== undefined) {
    let lo = 0;
    let hi = items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (key(items[mid]!) <= after) lo = mid + 1;
      else hi = mid;
    }
    start = lo;
  }
  const slice = items.slice(start, start + size);
  return { items: slice, next: start + size < items.length ? key(slice[slice.length - 1]!) : undefined };
}
