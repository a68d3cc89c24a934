import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "./clock";
import type { HttpAnswer } from "./http";
import { CursorCodec, keysetPage, linkHeader, pageLinks, pageOf, PageParamError, parseLinkHeader, readOffset, readPage, relative, withQuery } from "./pagination";
import { Router } from "./router";
import { startSandboxServer, type SandboxServer } from "./server";

// Each paging style, served over HTTP the way its provider pages and followed the way a connector
// must follow it: every item exactly once.

const ITEMS = Array.from({ length: 23 }, (_, i) => ({ id: 100 + i * 3 }));
const clock = new ManualClock();
const cursors = new CursorCodec<{ after: number }>({ secret: "cursor-secret", clock, ttlMs: 30_000 });
let items = [...ITEMS];
let server: SandboxServer;

const refuse = (error: unknown): HttpAnswer => {
  if (error instanceof PageParamError) return { status: 400, body: { [error.param]: [error.message] } };
  throw error;
};

beforeAll(async () => {
  const routes = new Router()
    // FreeAgent / WooCommerce: page + per_page, RFC 8288 Link header.
    .on("GET", "/link", (_req, _res, { url }) => {
      try {
        const page = pageOf(items, readPage(url, { page: "page", perPage: "per_page" }, { default: 5, max: 10 }));
        const links = pageLinks(url, page, "page");
        return { status: 200, headers: { Link: linkHeader({ prev: links.prev, next: links.next, first: links.first, last: links.last }) }, body: { items: page.items } };
      } catch (error) {
        return refuse(error);
      }
    })
    // ShipBob's page style: a bare array, the next page's path in `Next-Page` (absent on the last).
    .on("GET", "/headers", (_req, _res, { url }) => {
      try {
        const page = pageOf(items, readPage(url, { page: "Page", perPage: "Limit" }, { default: 50, max: 250 }));
        const next = pageLinks(url, page, "Page").next;
        const headers: Record<string, string> = { "Page-Number": String(page.page), "Total-Pages": String(page.totalPages), "Total-Count": String(page.total), "Page-Size": String(page.perPage) };
        if (next) headers["Next-Page"] = relative(next);
        return { status: 200, headers, body: page.items };
      } catch (error) {
        return refuse(error);
      }
    })
    // GA4: offset + limit, the total in the body.
    .on("GET", "/offset", (_req, _res, { url }) => {
      const { offset, limit } = readOffset(url, { offset: "offset", limit: "limit" }, { default: 10, max: 250_000 });
      return { status: 200, body: { rows: items.slice(offset, offset + limit), rowCount: items.length } };
    })
    // ShipBob's cursor bodies / Amazon's nextToken: opaque, signed, expiring, keyset underneath.
    .on("GET", "/cursor", (_req, _res, { url }) => {
      const cursor = url.searchParams.get("Cursor");
      const query = url.searchParams.get("SearchBy") ?? "";
      let after: number | undefined;
      if (cursor) {
        const decoded = cursors.decode(cursor, query);
        if ("error" in decoded) return { status: 400, body: { title: `Cursor is ${decoded.error}` } };
        after = decoded.position.after;
      }
      const page = keysetPage(items, (item) => item.id, after, 4);
      const next = page.next === undefined ? null : relative(withQuery(url, { Cursor: cursors.encode({ after: page.next }, query) }));
      return { status: 200, body: { items: page.items, next } };
    });
  server = await startSandboxServer({ routes });
});
afterAll(() => server.stop());

const get = async (path: string) => {
  const response = await fetch(new URL(path, server.url));
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> & unknown[] };
};

describe("page numbers with Link headers", () => {
  it("links first, prev, next and last; following next yields every item once", async () => {
    const first = await get("/link?per_page=5&filter=x");
    const links = parseLinkHeader(first.headers.get("link"));
    expect(Object.keys(links).sort()).toEqual(["first", "last", "next"]);
    expect(new URL(links.last!).searchParams.get("page")).toBe("5");
    expect(new URL(links.next!).searchParams.get("filter")).toBe("x");
    const seen = [...(first.body.items as { id: number }[])];
    for (let next = links.next; next; ) {
      const page = await get(next);
      seen.push(...(page.body.items as { id: number }[]));
      next = parseLinkHeader(page.headers.get("link")).next;
    }
    expect(seen).toEqual(ITEMS);
  });

  it("refuses a page size over the maximum, naming the parameter", async () => {
    expect(await get("/link?per_page=11")).toMatchObject({ status: 400, body: { per_page: ["per_page must be an integer from 1 to 10"] } });
    expect((await get("/link?page=0")).status).toBe(400);
  });
});

describe("page numbers in headers (Next-Page)", () => {
  it("sends the next page's path until the last page, with the totals", async () => {
    const seen: unknown[] = [];
    let path: string | null = "/headers?Limit=10";
    let pages = 0;
    while (path) {
      const page = await get(path);
      expect(page.headers.get("total-count")).toBe("23");
      expect(page.headers.get("total-pages")).toBe("3");
      seen.push(...page.body);
      path = page.headers.get("next-page");
      pages++;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(ITEMS);
  });
});

describe("offset and limit", () => {
  it("pages by offset until rowCount", async () => {
    const seen: unknown[] = [];
    let total = Infinity;
    for (let offset = 0; offset < total; offset += 10) {
      const page = await get(`/offset?offset=${offset}&limit=10`);
      total = page.body.rowCount as number;
      seen.push(...(page.body.rows as unknown[]));
    }
    expect(seen).toEqual(ITEMS);
  });
});

describe("cursor bodies", () => {
  it("follows next verbatim; an insert between pages neither skips nor repeats an item", async () => {
    const seen: { id: number }[] = [];
    let next: string | null = "/cursor";
    let pages = 0;
    while (next) {
      const page = await get(next);
      seen.push(...(page.body.items as { id: number }[]));
      next = page.body.next as string | null;
      // A record created during the sync, before the cursor's position: keyset paging is not shifted by it.
      if (++pages === 2) items = [{ id: 101 }, ...items].sort((a, b) => a.id - b.id);
    }
    items = [...ITEMS];
    expect(seen).toEqual(ITEMS);
  });

  it("refuses a cursor that was edited, is for another query, or expired", async () => {
    const next = (await get("/cursor?SearchBy=tee")).body.next as string;
    const cursor = new URL(next, server.url).searchParams.get("Cursor")!;
    expect((await get(`/cursor?SearchBy=tee&Cursor=${cursor.replace(/^./, (c) => (c === "e" ? "f" : "e"))}`)).body).toEqual({ title: "Cursor is invalid" });
    expect((await get(`/cursor?SearchBy=mug&Cursor=${cursor}`)).body).toEqual({ title: "Cursor is other-query" });
    expect((await get(next)).status).toBe(200);
    clock.advance(30_001);
    expect((await get(next)).body).toEqual({ title: "Cursor is expired" });
  });
});
