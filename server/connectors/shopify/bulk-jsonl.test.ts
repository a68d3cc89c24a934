import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { buildCommerceScope } from "@/prisma/factories/commerce";
import { inIngestTransaction, stageBulkChildLines, stagedChildren } from "@/server/ingest";
import { TransientError } from "../_core/errors";
import type { StagedChildren } from "../_core/sync";
import { childLinesOf, groupsOf, readJsonlLines, type BulkGroupBatch, type BulkLine } from "./bulk";

// Shopify's ungrouped bulk output: a child line comes anywhere after its parent's. The reader's
// two passes over such files, with the child lines staged in PostgreSQL by server/ingest (the
// stage production uses), on files where children sit far from their parents.

const encoder = new TextEncoder();

/** A byte stream cut into chunks of `size` bytes, so lines straddle chunk boundaries. */
async function* bytes(text: string, size = 7): AsyncGenerator<Uint8Array> {
  const all = encoder.encode(text);
  for (let i = 0; i < all.length; i += size) yield all.slice(i, i + size);
}

const lines = (text: string, size?: number) => readJsonlLines(bytes(text, size));

async function all<T>(source: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of source) items.push(item);
  return items;
}

const order = (n: number) => JSON.stringify({ id: `gid://shopify/Order/${n}`, name: `#${n}` });
const item = (order: number, n: number) => JSON.stringify({ id: `gid://shopify/LineItem/${n}`, quantity: 1, __parentId: `gid://shopify/Order/${order}` });

// Order 1's items after three other parents and mixed with theirs, order 3's at the very end;
// order 2 has none.
const FILE = [order(1), order(2), order(3), item(1, 11), order(4), item(4, 41), item(1, 12), order(5), item(5, 51), item(3, 31), ""].join("\n");
const CHILDREN = { 1: ["11", "12"], 2: [], 3: ["31"], 4: ["41"], 5: ["51"] } as Record<number, string[]>;

/** Pass 1 into a fresh staging, in chunks of `chunkLines`; the stage's answers, and every question it was asked. */
async function staged(file: AsyncIterable<BulkLine[]>, chunkLines = 2) {
  const key = { ...(await buildCommerceScope()), operationId: `gid://shopify/BulkOperation/${randomUUID()}` };
  let stagingId = 0;
  for await (const chunk of childLinesOf(file, { chunkLines })) {
    stagingId = await inIngestTransaction((tx) => stageBulkChildLines(key, chunk.lines, tx));
  }
  const asked: number[] = [];
  const stage: StagedChildren = {
    of: (parentIds, limit) => {
      asked.push(parentIds.length);
      return stagedChildren(stagingId).of(parentIds, limit);
    },
  };
  return { stage, asked };
}

const shape = (batches: BulkGroupBatch[]) =>
  batches.map((b) => b.groups.map((g) => [String(g.node.id).split("/").pop(), g.children.map((c) => String(c.id).split("/").pop())]));

describe("readJsonlLines", () => {
  it("numbers the lines and names each child's parent, CRLF and a missing last line feed included", async () => {
    const spaced = '{"id": "gid://shopify/LineItem/99", "__parentId": "gid://shopify/Order/2"}';
    const crlf = `${FILE.trimEnd()}\n${spaced}`.replaceAll("\n", "\r\n");
    const read = (await all(lines(crlf))).flat();
    expect(read.map((l) => [l.lineNo, l.parentId])).toEqual([
      [1, null],
      [2, null],
      [3, null],
      [4, "gid://shopify/Order/1"],
      [5, null],
      [6, "gid://shopify/Order/4"],
      [7, "gid://shopify/Order/1"],
      [8, null],
      [9, "gid://shopify/Order/5"],
      [10, "gid://shopify/Order/3"],
      // Not compact JSON: read by parsing the line.
      [11, "gid://shopify/Order/2"],
    ]);
    expect(read[0]!.text).toBe(order(1));
  });

  it("never hands out a last line cut in half, nor the lines of a file shorter than its objectCount", async () => {
    const cut = FILE.slice(0, FILE.lastIndexOf("}") - 3);
    const handed: BulkLine[] = [];
    const error = await (async () => {
      for await (const chunk of lines(cut, 1_000)) handed.push(...chunk);
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientError);
    // The whole lines before it went out as they came.
    expect(handed.map((l) => l.lineNo)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);

    const short = FILE.split("\n").slice(0, 6).join("\n");
    await expect(all(readJsonlLines(bytes(short, 1_000), { expectedLines: 10 }))).rejects.toThrow(/ended after 6 of 10 lines/);
  });

  it("treats a stream that breaks off as a truncated download", async () => {
    async function* breaking() {
      yield encoder.encode(`${order(1)}\n`);
      throw Object.assign(new TypeError("terminated"), { cause: { code: "UND_ERR_SOCKET" } });
    }
    const error = await all(readJsonlLines(breaking())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientError);
    expect((error as Error).message).toMatch(/broke off after 1 lines/);
  });
});

describe("pass 1: the child lines, to be staged", () => {
  it("hands out every child line in chunks, and goes on after any chunk without a line twice or missed", async () => {
    const chunks = await all(childLinesOf(lines(FILE), { chunkLines: 2 }));
    expect(chunks.map((c) => [c.lines.map((l) => l.lineNo), c.linesRead])).toEqual([
      [[4, 6], 6],
      [[7, 9], 9],
      [[10], 10],
    ]);
    for (const { linesRead } of chunks) {
      const rest = await all(childLinesOf(lines(FILE), { chunkLines: 2, skipLines: linesRead }));
      const before = chunks.flatMap((c) => c.lines).filter((l) => l.lineNo <= linesRead);
      expect([...before, ...rest.flatMap((c) => c.lines)].map((l) => l.lineNo)).toEqual([4, 6, 7, 9, 10]);
    }
  });
});

describe("pass 2: parents with their staged children", () => {
  it("gives every order its line items wherever they are in the file, in batches", async () => {
    const { stage } = await staged(lines(FILE));
    const batches = await all(groupsOf(lines(FILE), "orders", { batchSize: 2, staged: stage }));
    expect(shape(batches)).toEqual([
      [
        ["1", CHILDREN[1]],
        ["2", CHILDREN[2]],
      ],
      [
        ["3", CHILDREN[3]],
        ["4", CHILDREN[4]],
      ],
      [["5", CHILDREN[5]]],
    ]);
    expect(batches.map((b) => b.parentsRead)).toEqual([2, 4, 5]);
    expect(batches[0]!.groups[0]!.children[0]).toEqual({ id: "gid://shopify/LineItem/11", quantity: 1 });
  });

  it("resumes after the parents of any batch, without a parent twice or missed", async () => {
    const { stage } = await staged(lines(FILE));
    const batches = await all(groupsOf(lines(FILE), "orders", { batchSize: 2, staged: stage }));
    for (let i = 0; i < batches.length; i++) {
      const rest = await all(groupsOf(lines(FILE), "orders", { batchSize: 2, staged: stage, skipParents: batches[i]!.parentsRead }));
      expect([...shape(batches.slice(0, i + 1)), ...shape(rest)].flat()).toEqual(shape(batches).flat());
    }
  });

  it("ends a batch before a parent whose children would pass maxLines; one with more on its own goes whole", async () => {
    // Order 1 has 5 line items, 2 has 2, 3 has 2: at most 4 lines a batch.
    const file = [order(1), order(2), order(3), ...[1, 2, 3, 4, 5].map((n) => item(1, 10 + n)), item(2, 21), item(3, 31), item(2, 22), item(3, 32), ""].join("\n");
    const { stage } = await staged(lines(file));
    const batches = await all(groupsOf(lines(file), "orders", { batchSize: 10, maxLines: 4, staged: stage }));
    expect(shape(batches)).toEqual([[["1", ["11", "12", "13", "14", "15"]]], [["2", ["21", "22"]], ["3", ["31", "32"]]]]);
    expect(batches.map((b) => b.parentsRead)).toEqual([1, 3]);
  });

  it("holds at most a batch of parents, the first batch long before the end: 20,000 orders, every line item at the end of the file", async () => {
    const ORDERS = 20_000;
    // One line a chunk, so what the reader has pulled is known at every batch.
    let pulledParents = 0;
    async function* file(): AsyncGenerator<Uint8Array> {
      for (let n = 1; n <= ORDERS; n++) {
        pulledParents++;
        yield encoder.encode(`${order(n)}\n`);
      }
      for (let n = ORDERS; n >= 1; n--) yield encoder.encode(`${item(n, n * 10)}\n${item(n, n * 10 + 1)}\n`);
    }
    const { stage, asked } = await staged(readJsonlLines(file()), 5_000);
    pulledParents = 0;
    let handedOut = 0;
    let mostHeld = 0;
    let firstAfter = 0;
    for await (const batch of groupsOf(readJsonlLines(file()), "orders", { batchSize: 500, staged: stage })) {
      firstAfter ||= pulledParents;
      mostHeld = Math.max(mostHeld, pulledParents - handedOut);
      handedOut += batch.groups.length;
      for (const group of batch.groups) expect(group.children).toHaveLength(2);
    }
    expect(handedOut).toBe(ORDERS);
    expect(firstAfter).toBeLessThanOrEqual(501);
    expect(mostHeld).toBeLessThanOrEqual(501);
    expect(Math.max(...asked)).toBe(500);
  }, 60_000);
});

describe("inventory: each child line a record of its own", () => {
  const location = (n: number) => JSON.stringify({ id: `gid://shopify/Location/${n}` });
  const level = (loc: number, item: number) =>
    JSON.stringify({ item: { id: `gid://shopify/InventoryItem/${item}` }, location: { id: `gid://shopify/Location/${loc}` }, __parentId: `gid://shopify/Location/${loc}` });
  // Locations first, their levels mixed after them; location 2 has none.
  const STOCK = [location(1), location(2), location(3), level(3, 31), level(1, 11), level(3, 32), level(1, 12), level(3, 33), level(3, 34), level(1, 13), ""].join("\n");
  const items = (batches: BulkGroupBatch[]) => batches.flatMap((b) => b.groups.map((g) => (g.node.item as { id: string }).id.split("/").pop()));

  it("hands out the levels in file order, at most maxLines a batch, without their __parentId", async () => {
    const batches = await all(groupsOf(lines(STOCK), "inventory", { batchSize: 100, maxLines: 3 }));
    expect(batches.map((b) => b.groups.length)).toEqual([3, 3, 1]);
    expect(items(batches)).toEqual(["31", "11", "32", "12", "33", "34", "13"]);
    expect(batches.map((b) => b.childrenRead)).toEqual([3, 6, 7]);
    expect(batches[0]!.groups[0]!.node).not.toHaveProperty("__parentId");
  });

  it("resumes after the levels of any batch", async () => {
    const batches = await all(groupsOf(lines(STOCK), "inventory", { batchSize: 100, maxLines: 3 }));
    for (let i = 0; i < batches.length; i++) {
      const rest = await all(groupsOf(lines(STOCK), "inventory", { batchSize: 100, maxLines: 3, skipChildren: batches[i]!.childrenRead }));
      expect([...items(batches.slice(0, i + 1)), ...items(rest)]).toEqual(items(batches));
    }
  });
});
