import { describe, expect, it } from "vitest";
import { AppError } from "@/server/errors";
import { cappedTotal, decodeCursor, encodeCursor, keysetOn, TOTAL_CAP, type KeysetQuery } from "./pagination";

describe("keysetOn", () => {
  it("speaks the same cursor format as encodeCursor for timestamps", () => {
    const processed = keysetOn("processedAt");
    const at = new Date("2026-01-02T03:04:05.678Z");
    const page = processed.toPage([{ processedAt: at, id: "a" }, { processedAt: at, id: "b" }], 1, (row) => row.id);
    expect(page).toEqual({ items: ["a"], nextCursor: encodeCursor({ createdAt: at, id: "a" }) });
    expect(decodeCursor(page.nextCursor!)).toEqual({ createdAt: at, id: "a" });
    // The column's own bound first, which PostgreSQL can start the index scan at.
    expect(processed.after(page.nextCursor!, "desc")).toEqual({
      AND: [{ processedAt: { lte: at } }, { OR: [{ processedAt: { lt: at } }, { processedAt: at, id: { lt: "a" } }] }],
    });
  });

  it("round-trips text values containing the separator, and integers", () => {
    const byTitle = keysetOn("title", "text");
    const { nextCursor } = byTitle.toPage([{ title: "A|B", id: "x" }, { title: "C", id: "y" }], 1, (r) => r);
    expect(byTitle.after(nextCursor!, "asc")).toEqual({ AND: [{ title: { gte: "A|B" } }, { OR: [{ title: { gt: "A|B" } }, { title: "A|B", id: { gt: "x" } }] }] });

    const byAvailable = keysetOn("available", "integer");
    const next = byAvailable.toPage([{ available: -3, id: "x" }, { available: 0, id: "y" }], 1, (r) => r).nextCursor!;
    expect(byAvailable.after(next, "asc")).toEqual({ AND: [{ available: { gte: -3 } }, { OR: [{ available: { gt: -3 } }, { available: -3, id: { gt: "x" } }] }] });
  });

  it("has no next cursor on the last page", () => {
    expect(keysetOn("title", "text").toPage([{ title: "A", id: "x" }], 1, (r) => r.id)).toEqual({ items: ["x"], nextCursor: null });
  });

  it("rejects a malformed cursor as BAD_REQUEST", () => {
    const bad = Buffer.from("not-a-date|id", "utf8").toString("base64url");
    expect(() => keysetOn("processedAt").after(bad, "desc")).toThrow(AppError);
    expect(() => keysetOn("available", "integer").after(Buffer.from("1.5|id").toString("base64url"), "asc")).toThrow(AppError);
    expect(() => keysetOn("title", "text").after(Buffer.from("no-separator").toString("base64url"), "asc")).toThrow(AppError);
    // A date JavaScript holds but PostgreSQL's timestamptz cannot (before 4713 BC).
    const ancient = Buffer.from("-200000-01-01T00:00:00.000Z|id", "utf8").toString("base64url");
    expect(() => keysetOn("processedAt").after(ancient, "desc")).toThrow(AppError);
    expect(() => decodeCursor(ancient)).toThrow(AppError);
  });
});

describe("keysetOn, the parts lists that sort and page both ways use", () => {
  const cursorOf = (text: string) => Buffer.from(text, "utf8").toString("base64url");

  it("keeps a decimal's exact digits, and refuses one PostgreSQL's decimal(18, 4) cannot hold", () => {
    const byTotal = keysetOn("totalPrice", "decimal");
    const { nextCursor } = byTotal.twoWay([{ totalPrice: "12.3400", id: "x" }, { totalPrice: "1", id: "y" }], { limit: 1 }, (r) => r);
    expect(byTotal.after(nextCursor!, "desc")).toEqual({ AND: [{ totalPrice: { lte: "12.3400" } }, { OR: [{ totalPrice: { lt: "12.3400" } }, { totalPrice: "12.3400", id: { lt: "x" } }] }] });
    expect(() => byTotal.after(cursorOf("1e5|x"), "asc")).toThrow(AppError);
    expect(() => byTotal.after(cursorOf("1.23456|x"), "asc")).toThrow(AppError);
  });

  it("sorts NULL above every value: last ascending, first descending, as one index serves both", () => {
    const byOrders = keysetOn("numberOfOrders", "integer", { nullable: true });
    const after3 = (op: "gt" | "lt") => ({ OR: [{ numberOfOrders: { [op]: 3 } }, { numberOfOrders: 3, id: { [op]: "x" } }] });
    expect(byOrders.after(cursorOf("3|x"), "asc")).toEqual({ OR: [{ AND: [{ numberOfOrders: { gte: 3 } }, after3("gt")] }, { numberOfOrders: null }] });
    expect(byOrders.after(cursorOf("3|x"), "desc")).toEqual({ AND: [{ numberOfOrders: { lte: 3 } }, after3("lt")] });
    // A NULL row's cursor is its id alone.
    const { nextCursor } = byOrders.twoWay([{ numberOfOrders: null, id: "n1" }, { numberOfOrders: null, id: "n2" }], { limit: 1 }, (r) => r);
    expect(Buffer.from(nextCursor!, "base64url").toString()).toBe("n1");
    expect(byOrders.after(nextCursor!, "asc")).toEqual({ OR: [{ numberOfOrders: null, id: { gt: "n1" } }] });
    expect(byOrders.after(nextCursor!, "desc")).toEqual({ OR: [{ numberOfOrders: null, id: { lt: "n1" } }, { numberOfOrders: { not: null } }] });
    // Only a nullable keyset reads a cursor without a value.
    expect(() => keysetOn("numberOfOrders", "integer").after(nextCursor!, "asc")).toThrow(AppError);
  });

  it("reads a Previous page in reverse and turns it around, with cursors for both ways", async () => {
    const byTitle = keysetOn("title", "text");
    const before = cursorOf("D|d");
    const queries: KeysetQuery[] = [];
    await byTitle.read({ before, limit: 2 }, "asc", async (query) => {
      queries.push(query);
      return [];
    });
    const reversed = [{ title: "desc" }, { id: "desc" }];
    expect(queries).toEqual([
      { where: { title: "D", id: { lt: "d" } }, orderBy: reversed, take: 3 },
      { where: { title: { lt: "D" } }, orderBy: reversed, take: 3 },
    ]);
    const rows = [{ title: "C", id: "c" }, { title: "B", id: "b" }, { title: "A", id: "a" }];
    const page = byTitle.twoWay(rows, { before, limit: 2 }, (r) => r.id);
    expect(page.items).toEqual(["b", "c"]);
    expect(page.previousCursor).toBe(cursorOf("B|b"));
    expect(page.nextCursor).toBe(cursorOf("C|c"));
    // The first page, read from the start, has no Previous.
    expect(byTitle.twoWay(rows.slice(0, 2), { before, limit: 2 }, (r) => r.id).previousCursor).toBeNull();
    await expect(byTitle.read({ cursor: before, before, limit: 2 }, "asc", async () => [])).rejects.toThrow(AppError);
  });
});

describe("keysetOn's read: a page as index ranges, one after another", () => {
  const cursorOf = (text: string) => Buffer.from(text, "utf8").toString("base64url");
  // Answers each query with `available` rows of its own, recording what was asked.
  const recorder = (available: number[]) => {
    const queries: { where: object; take: number }[] = [];
    const find = async ({ where, take }: { where: object; take: number }) => {
      queries.push({ where, take });
      return Array.from({ length: Math.min(take, available[queries.length - 1] ?? 0) }, (_, i) => `${queries.length}.${i}`);
    };
    return { queries, find };
  };

  it("reads the cursor's tied value with the ids beyond it, then the values beyond, then the NULLs ascending", async () => {
    const bySpent = keysetOn("amountSpent", "decimal", { nullable: true });
    const { queries, find } = recorder([1, 1, 5]);
    const rows = await bySpent.read({ cursor: cursorOf("9.5|x"), limit: 2 }, "asc", find);
    expect(queries).toEqual([
      { where: { amountSpent: "9.5", id: { gt: "x" } }, take: 3 },
      { where: { amountSpent: { gt: "9.5" } }, take: 2 },
      { where: { amountSpent: null }, take: 1 },
    ]);
    expect(rows).toEqual(["1.0", "2.0", "3.0"]);
  });

  it("stops once the page and its extra row are there, and reads descending with the NULLs first", async () => {
    const byDuration = keysetOn("durationMs", "integer", { nullable: true });
    const full = recorder([0, 3]);
    await byDuration.read({ cursor: cursorOf("40|x"), limit: 2 }, "desc", full.find);
    expect(full.queries).toEqual([
      { where: { durationMs: 40, id: { lt: "x" } }, take: 3 },
      { where: { durationMs: { lt: 40 } }, take: 3 },
    ]);
    // Previous from a NULL row, descending, reads ascending: the NULLs beyond it only.
    const back = recorder([5]);
    await byDuration.read({ before: cursorOf("n1"), limit: 2 }, "desc", back.find);
    expect(back.queries).toEqual([{ where: { durationMs: null, id: { gt: "n1" } }, take: 3 }]);
    // Next from a NULL row descending: the NULLs beyond it, then every value.
    const next = recorder([0, 0]);
    await byDuration.read({ cursor: cursorOf("n1"), limit: 2 }, "desc", next.find);
    expect(next.queries.map((q) => q.where)).toEqual([{ durationMs: null, id: { lt: "n1" } }, { durationMs: { not: null } }]);
  });

  it("reads the first page as one query, and a column without NULLs has no NULL part", async () => {
    const byAction = keysetOn("action", "text");
    const first = recorder([3]);
    await byAction.read({ limit: 2 }, "asc", first.find);
    expect(first.queries).toEqual([{ where: {}, take: 3 }]);
    const deep = recorder([0, 0]);
    expect(await byAction.read({ cursor: cursorOf("a|x"), limit: 2 }, "asc", deep.find)).toEqual([]);
    expect(deep.queries.map((q) => q.where)).toEqual([{ action: "a", id: { gt: "x" } }, { action: { gt: "a" } }]);
  });
});

describe("cappedTotal", () => {
  it("is exact up to the cap and a lower bound beyond it", () => {
    expect(cappedTotal(TOTAL_CAP)).toEqual({ count: TOTAL_CAP, exact: true });
    expect(cappedTotal(TOTAL_CAP + 1)).toEqual({ count: TOTAL_CAP, exact: false });
  });
});
