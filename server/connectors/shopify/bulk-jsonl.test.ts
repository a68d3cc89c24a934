import { describe, expect, it } from "vitest";
import { PermanentError, TransientError } from "../_core/errors";
import { readJsonlGroups, type BulkGroup, type JsonlBatch } from "./bulk";

const encoder = new TextEncoder();

/** A byte stream cut into chunks of `size` bytes, so lines straddle chunk boundaries. */
async function* bytes(text: string, size = 7): AsyncGenerator<Uint8Array> {
  const all = encoder.encode(text);
  for (let i = 0; i < all.length; i += size) yield all.slice(i, i + size);
}

const order = (n: number) => JSON.stringify({ id: `gid://shopify/Order/${n}`, name: `#${n}` });
const item = (order: number, n: number) => JSON.stringify({ id: `gid://shopify/LineItem/${n}`, __parentId: `gid://shopify/Order/${order}` });

async function batchesOf(source: AsyncIterable<Uint8Array>, options: Parameters<typeof readJsonlGroups>[1]): Promise<JsonlBatch[]> {
  const batches: JsonlBatch[] = [];
  for await (const batch of readJsonlGroups(source, options)) batches.push(batch);
  return batches;
}

async function collect(source: AsyncIterable<Uint8Array>, options: Parameters<typeof readJsonlGroups>[1]): Promise<BulkGroup[][]> {
  return (await batchesOf(source, options)).map((b) => b.groups);
}

const FILE = [order(1), item(1, 11), item(1, 12), order(2), order(3), item(3, 31), order(4), item(4, 41), ""].join("\n");

describe("readJsonlGroups", () => {
  it("assembles each parent with the child lines that follow it, in batches", async () => {
    const batches = await collect(bytes(FILE), { batchSize: 3, expectedLines: 8 });
    expect(batches.map((b) => b.map((g) => [g.parent.id, g.children.map((c) => c.id)]))).toEqual([
      [
        ["gid://shopify/Order/1", ["gid://shopify/LineItem/11", "gid://shopify/LineItem/12"]],
        ["gid://shopify/Order/2", []],
        ["gid://shopify/Order/3", ["gid://shopify/LineItem/31"]],
      ],
      [["gid://shopify/Order/4", ["gid://shopify/LineItem/41"]]],
    ]);
    expect(batches[0]![0]!.children[0]).not.toHaveProperty("__parentId");
  });

  it("also ends a batch at the first parent boundary past maxLines, however few parents it holds", async () => {
    // FILE's groups hold 3, 1, 2 and 2 lines.
    const batches = await collect(bytes(FILE), { batchSize: 10, maxLines: 3 });
    expect(batches.map((b) => b.map((g) => g.parent.id))).toEqual([
      ["gid://shopify/Order/1"],
      ["gid://shopify/Order/2", "gid://shopify/Order/3"],
      ["gid://shopify/Order/4"],
    ]);
  });

  it("accepts a file without a final newline and with CRLF line ends", async () => {
    const batches = await collect(bytes(FILE.trimEnd().replaceAll("\n", "\r\n")), { batchSize: 10, expectedLines: 8 });
    expect(batches.flat()).toHaveLength(4);
  });

  it("resumes after the parents an earlier attempt already read", async () => {
    const batches = await collect(bytes(FILE), { batchSize: 10, skipParents: 2 });
    expect(batches.flat().map((g) => [g.parent.id, g.children.length])).toEqual([
      ["gid://shopify/Order/3", 1],
      ["gid://shopify/Order/4", 1],
    ]);
  });

  it("treats a last line cut in half as a truncated download", async () => {
    const cut = FILE.slice(0, FILE.lastIndexOf("}") - 3);
    await expect(collect(bytes(cut), { batchSize: 10 })).rejects.toBeInstanceOf(TransientError);
  });

  it("treats fewer lines than the operation's objectCount as a truncated download", async () => {
    const cut = FILE.split("\n").slice(0, 6).join("\n") + "\n";
    await expect(collect(bytes(cut), { batchSize: 10, expectedLines: 8 })).rejects.toThrow(/ended after 6 of 8 lines/);
  });

  it("treats a stream that breaks off as a truncated download", async () => {
    async function* breaking() {
      yield encoder.encode(`${order(1)}\n`);
      throw Object.assign(new TypeError("terminated"), { cause: { code: "UND_ERR_SOCKET" } });
    }
    const error = await collect(breaking(), { batchSize: 10 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientError);
    expect((error as Error).message).toMatch(/broke off after 1 lines/);
  });

  it("holds back the last parent of partial data, whose children may be missing", async () => {
    const partial = [order(1), item(1, 11), order(2), item(2, 21), ""].join("\n");
    const batches = await collect(bytes(partial), { batchSize: 10, partial: true });
    expect(batches.flat().map((g) => g.parent.id)).toEqual(["gid://shopify/Order/1"]);
  });

  it("refuses ungrouped output instead of attaching a child to the wrong parent", async () => {
    const ungrouped = [order(1), order(2), item(1, 11), ""].join("\n");
    await expect(collect(bytes(ungrouped), { batchSize: 10 })).rejects.toBeInstanceOf(PermanentError);
  });

  it("yields the first batch long before the end of a large file", async () => {
    let pulled = 0;
    async function* large() {
      for (let n = 1; n <= 50_000; n++) {
        pulled++;
        yield encoder.encode(`${order(n)}\n${item(n, n * 10)}\n${item(n, n * 10 + 1)}\n`);
      }
    }
    const groups = readJsonlGroups(large(), { batchSize: 100 });
    const first = await groups.next();
    expect(first.value?.groups).toHaveLength(100);
    expect(pulled).toBeLessThan(200);
    let total = 100;
    for await (const batch of groups) total += batch.groups.length;
    expect(total).toBe(50_000);
  });
});

// Inventory: a location's levels are self-contained lines (each carries its location and item).
const location = (n: number) => JSON.stringify({ id: `gid://shopify/Location/${n}` });
const level = (loc: number, item: number) =>
  JSON.stringify({ item: { id: `gid://shopify/InventoryItem/${item}` }, location: { id: `gid://shopify/Location/${loc}` }, __parentId: `gid://shopify/Location/${loc}` });
// Locations 1 (2 levels), 2 (none), 3 (11 levels), 4 (1 level): 18 lines.
const STOCK = [location(1), level(1, 1), level(1, 2), location(2), location(3), ...Array.from({ length: 11 }, (_, i) => level(3, 100 + i)), location(4), level(4, 200), ""].join("\n");
const STOCK_LEVELS = ["1", "2", ...Array.from({ length: 11 }, (_, i) => String(100 + i)), "200"].map((n) => `gid://shopify/InventoryItem/${n}`);

const levelsOf = (batches: JsonlBatch[]) => batches.flatMap((b) => b.groups.flatMap((g) => g.children.map((c) => (c.item as { id: string }).id)));

/** Lines each batch holds: its children, and the parent lines it is the first to hold (a group split across batches has its parent line in the first). */
function linesPerBatch(batches: JsonlBatch[]): number[] {
  let previous: unknown;
  return batches.map((b) => {
    const lines = b.groups.reduce((n, g, i) => n + g.children.length + (i === 0 && g.parent.id === previous ? 0 : 1), 0);
    previous = b.groups.at(-1)?.parent.id;
    return lines;
  });
}

describe("readJsonlGroups with self-contained children (splitGroups)", () => {
  it("ends a batch inside a group once it holds maxLines lines, and says where it stopped", async () => {
    const batches = await batchesOf(bytes(STOCK), { batchSize: 100, maxLines: 4, splitGroups: true, expectedLines: 18 });
    expect(linesPerBatch(batches)).toEqual([4, 4, 4, 4, 2]);
    expect(batches.map((b) => b.groups.map((g) => [g.parent.id, g.children.length]))).toEqual([
      [
        ["gid://shopify/Location/1", 2],
        ["gid://shopify/Location/2", 0],
      ],
      [["gid://shopify/Location/3", 3]],
      [["gid://shopify/Location/3", 4]],
      [["gid://shopify/Location/3", 4]],
      [["gid://shopify/Location/4", 1]],
    ]);
    // Parents read whole, then children of the next one already handed out.
    expect(batches.map((b) => [b.parentsRead, b.childrenRead])).toEqual([
      [2, 0],
      [2, 3],
      [2, 7],
      [3, 0],
      [4, 0],
    ]);
    expect(levelsOf(batches)).toEqual(STOCK_LEVELS);
    expect(batches.flatMap((b) => b.groups.flatMap((g) => g.children))).not.toContainEqual(expect.objectContaining({ __parentId: expect.anything() }));
  });

  it("resumes from the position after any batch without reading a line twice or skipping one", async () => {
    const batches = await batchesOf(bytes(STOCK), { batchSize: 100, maxLines: 4, splitGroups: true });
    for (let i = 0; i < batches.length; i++) {
      const { parentsRead, childrenRead } = batches[i]!;
      const rest = await batchesOf(bytes(STOCK), { batchSize: 100, maxLines: 4, splitGroups: true, skipParents: parentsRead, skipChildren: childrenRead, expectedLines: 18 });
      expect([...levelsOf(batches.slice(0, i + 1)), ...levelsOf(rest)]).toEqual(STOCK_LEVELS);
      // The same batches as the uninterrupted read's from there on.
      expect(rest.map((b) => [b.parentsRead, b.childrenRead])).toEqual(batches.slice(i + 1).map((b) => [b.parentsRead, b.childrenRead]));
      if (rest.length) expect(rest.at(-1)).toMatchObject({ parentsRead: 4, childrenRead: 0 });
    }
  });

  it("never splits a group without splitGroups (an order keeps its line items), nor resumes inside one", async () => {
    const batches = await collect(bytes(STOCK), { batchSize: 100, maxLines: 4 });
    expect(batches.flat().map((g) => [g.parent.id, g.children.length])).toEqual([
      ["gid://shopify/Location/1", 2],
      ["gid://shopify/Location/2", 0],
      ["gid://shopify/Location/3", 11],
      ["gid://shopify/Location/4", 1],
    ]);
    await expect(collect(bytes(STOCK), { batchSize: 100, skipParents: 2, skipChildren: 3 })).rejects.toBeInstanceOf(PermanentError);
  });

  it("holds back the rest of the last group of partial data, its position before what was held back", async () => {
    // Cut after 6 of location 3's 11 levels.
    const partial = STOCK.split("\n").slice(0, 11).join("\n") + "\n";
    const batches = await batchesOf(bytes(partial), { batchSize: 100, maxLines: 4, splitGroups: true, partial: true });
    expect(levelsOf(batches)).toEqual(STOCK_LEVELS.slice(0, 5));
    expect(batches.at(-1)).toMatchObject({ parentsRead: 2, childrenRead: 3 });
  });

  it("streams one location with 100,000 levels in batches of at most maxLines, the first long before the end", async () => {
    let pulled = 0;
    async function* huge() {
      yield encoder.encode(`${location(1)}\n`);
      for (let n = 1; n <= 100_000; n++) {
        pulled++;
        yield encoder.encode(`${level(1, n)}\n`);
      }
    }
    const groups = readJsonlGroups(huge(), { batchSize: 1_000, maxLines: 1_000, splitGroups: true });
    const first = await groups.next();
    expect(first.value?.groups[0]!.children).toHaveLength(999);
    expect(pulled).toBeLessThan(1_100);
    const sizes = [first.value!.groups[0]!.children.length];
    for await (const batch of groups) sizes.push(batch.groups.reduce((n, g) => n + g.children.length, 0));
    expect(Math.max(...sizes)).toBe(1_000);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(100_000);
    // 100,001 lines, the location's own first: 999 levels, then 1,000 a batch, then the last one.
    expect(sizes).toHaveLength(101);
  });
});
