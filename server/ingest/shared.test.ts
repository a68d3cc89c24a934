import { describe, expect, it } from "vitest";
import { checkedCounts, contentHash, IngestCountMismatchError, newestPerKey, newId, versionOf } from "./shared";

describe("checkedCounts", () => {
  it("passes counts that add up and throws when a record is unaccounted for", () => {
    const ok = { read: 4, inserted: 1, updated: 1, unchanged: 1, deleted: 1 };
    expect(checkedCounts("orders", ok)).toBe(ok);
    expect(() => checkedCounts("orders", { ...ok, unchanged: 0 })).toThrow(IngestCountMismatchError);
    expect(() => checkedCounts("orders", { ...ok, unchanged: 0 })).toThrow(/orders: read 4 but accounted for 3/);
  });
});

describe("newestPerKey", () => {
  it("keeps the newest copy per key, the later one on a tie, sorted by key", () => {
    const records = [
      { id: "a", t: "2026-01-01T00:00:02Z", v: 1 },
      { id: "b", t: "2026-01-01T00:00:00Z", v: 2 },
      { id: "a", t: "2026-01-01T00:00:01Z", v: 3 },
      { id: "b", t: "2026-01-01T00:00:00Z", v: 4 },
    ];
    expect(newestPerKey(records, (r) => r.id, (r) => [r.t])).toEqual({ records: [records[0], records[3]], dropped: 2 });
    expect(newestPerKey([records[1]!, records[0]!], (r) => r.id, (r) => [r.t])).toEqual({ records: [records[0], records[1]], dropped: 0 });
  });

  it("orders copies of the same source time by when they were seen, whatever their position", () => {
    const seenLater = { externalId: "a", sourceUpdatedAt: "2026-01-01T00:00:00Z", observedAt: "2026-01-01T00:00:00.900Z" };
    const seenEarlier = { externalId: "a", sourceUpdatedAt: "2026-01-01T00:00:00Z", observedAt: "2026-01-01T00:00:00.300Z" };
    expect(newestPerKey([seenLater, seenEarlier], (r) => r.externalId, versionOf).records).toEqual([seenLater]);
    expect(newestPerKey([seenEarlier, seenLater], (r) => r.externalId, versionOf).records).toEqual([seenLater]);
    // The source time comes first: a copy of an older version stays older, however late it was seen.
    const olderVersion = { externalId: "a", sourceUpdatedAt: "2025-12-31T23:59:59Z", observedAt: "2026-01-02T00:00:00Z" };
    expect(newestPerKey([seenEarlier, olderVersion], (r) => r.externalId, versionOf).records).toEqual([seenEarlier]);
  });
});

describe("newId", () => {
  it("makes distinct ids shaped like Prisma's cuid()", () => {
    const ids = Array.from({ length: 10_000 }, newId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids.slice(0, 100)) expect(id).toMatch(/^c[a-z0-9]{24}$/);
  });

  it("starts with the current time, so later ids sort after earlier ones", async () => {
    const first = newId();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const later = newId();
    expect(later.slice(1, 9) > first.slice(1, 9)).toBe(true);
    expect(Number.parseInt(later.slice(1, 9), 36)).toBeGreaterThanOrEqual(Date.now() - 1000);
  });
});

describe("contentHash", () => {
  it("is the same for equal records and differs when anything changes, children included", () => {
    const order = { externalId: "1", total: "9.50", lines: [{ externalId: "1-1", quantity: 1 }] };
    expect(contentHash(structuredClone(order))).toBe(contentHash(order));
    expect(contentHash({ ...order, total: "9.51" })).not.toBe(contentHash(order));
    expect(contentHash({ ...order, lines: [{ externalId: "1-1", quantity: 2 }] })).not.toBe(contentHash(order));
  });

  it("leaves out when the copy was seen: the same content read again is a replay", () => {
    const order = { externalId: "1", total: "9.50", observedAt: "2026-01-01T00:00:00.000Z" };
    expect(contentHash({ ...order, observedAt: "2026-01-02T00:00:00.000Z" })).toBe(contentHash(order));
  });
});
