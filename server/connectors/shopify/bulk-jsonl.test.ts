import { describe, expect, it } from "vitest";
import { PermanentError, TransientError } from "../_core/errors";
import { readJsonlGroups, type BulkGroup } from "./bulk";

const encoder = new TextEncoder();

/** A byte stream cut into chunks of `size` bytes, so lines straddle chunk boundaries. */
async function* bytes(text: string, size = 7): AsyncGenerator<Uint8Array> {
  const all = encoder.encode(text);
  for (let i = 0; i < all.length; i += size) yield all.slice(i, i + size);
}

const order = (n: number) => JSON.stringify({ id: `gid://shopify/Order/${n}`, name: `#${n}` });
const item = (order: number, n: number) => JSON.stringify({ id: `gid://shopify/LineItem/${n}`, __parentId: `gid://shopify/Order/${order}` });

async function collect(source: AsyncIterable<Uint8Array>, options: Parameters<typeof readJsonlGroups>[1]): Promise<BulkGroup[][]> {
  const batches: BulkGroup[][] = [];
  for await (const batch of readJsonlGroups(source, options)) batches.push(batch);
  return batches;
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
    expect(first.value).toHaveLength(100);
    expect(pulled).toBeLessThan(200);
    let total = 100;
    for await (const batch of groups) total += batch.length;
    expect(total).toBe(50_000);
  });
});
