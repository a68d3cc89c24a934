import { describe, expect, it } from "vitest";
import { at, buildCommerceScope } from "@/prisma/factories/commerce";
import type { AnalyticsPurchaseDayRecord, AnalyticsPurchaseRow } from "@/server/connectors/_core/records";
import { db } from "@/server/db";
import { ingestAnalyticsPurchaseDays } from "./analytics-purchases";
import { ingestRecords } from "./ingest-records";
import { IngestRecordError, type IngestScope } from "./shared";

// A day's copy of an analytics property's purchase report replaces the stored day exactly: new
// rows inserted, changed ones updated, identical ones not written (nor locked), rows gone from the property
// deleted (only that day's), and a copy older than the stored day ignored. Counts are in rows.

const row = (transactionId: string, overrides: Partial<AnalyticsPurchaseRow> = {}): AnalyticsPurchaseRow => ({
  transactionId,
  sourceMedium: "google / cpc",
  deviceCategory: "mobile",
  revenue: "59.90",
  tax: "4.90",
  shipping: "0.00",
  purchases: 1,
  transactions: 1,
  ...overrides,
});
const day = (date: string, rows: AnalyticsPurchaseRow[], seen = 100): AnalyticsPurchaseDayRecord => ({ date, currency: "USD", rows, observedAt: at(seen) });

async function stored(scope: IngestScope) {
  const rows = await db.analyticsPurchase.findMany({ where: scope, orderBy: [{ date: "asc" }, { transactionId: "asc" }, { sourceMedium: "asc" }] });
  return rows.map((r) => [r.date.toISOString().slice(0, 10), r.transactionId, r.sourceMedium, r.revenue.toString(), r.tax.toString(), r.purchases, r.transactions]);
}
const updatedAts = async (scope: IngestScope) => (await db.analyticsPurchase.findMany({ where: scope, orderBy: { id: "asc" }, select: { id: true, updatedAt: true } })).map((r) => `${r.id}@${r.updatedAt.toISOString()}`);
/** Rows a transaction locked or replaced since they were written (xmax: its id; 0 when none did). */
const touched = async (scope: IngestScope) =>
  (await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "AnalyticsPurchase" WHERE "connectionId" = ${scope.connectionId} AND xmax::text <> '0'`)[0]!.n;

describe("ingestAnalyticsPurchaseDays", () => {
  it("stores a day's rows exactly as reported, (not set) and duplicates included, with exact decimals", async () => {
    const scope = await buildCommerceScope();
    const counts = await ingestRecords(scope, {
      kind: "analyticsPurchaseDays",
      records: [
        day("2026-11-02", [row("5001", { revenue: "1234567.8912" }), row("5002", { purchases: 2, transactions: 2, revenue: "119.80" }), row("(not set)", { transactions: 0, revenue: "0.10" })]),
        day("2026-11-03", []),
      ],
    });
    expect(counts).toEqual({ read: 3, inserted: 3, updated: 0, unchanged: 0, deleted: 0 });
    expect(await stored(scope)).toEqual([
      ["2026-11-02", "(not set)", "google / cpc", "0.1", "4.9", 1, 0],
      ["2026-11-02", "5001", "google / cpc", "1234567.8912", "4.9", 1, 1],
      ["2026-11-02", "5002", "google / cpc", "119.8", "4.9", 2, 2],
    ]);
  });

  it("a re-read day: unchanged rows written not at all, a changed one updated, one gone deleted, a new one inserted; other days untouched", async () => {
    const scope = await buildCommerceScope();
    const other = await buildCommerceScope();
    await ingestAnalyticsPurchaseDays(other, [day("2026-11-02", [row("5001")])]);
    await ingestAnalyticsPurchaseDays(scope, [day("2026-11-01", [row("4001")]), day("2026-11-02", [row("5001"), row("5002"), row("5003", { sourceMedium: "(direct) / (none)" })])]);
    const before = await updatedAts(scope);

    const same = await ingestAnalyticsPurchaseDays(scope, [day("2026-11-02", [row("5003", { sourceMedium: "(direct) / (none)" }), row("5001", { revenue: "59.9000" }), row("5002")], 200)]);
    expect(same).toEqual({ read: 3, inserted: 0, updated: 0, unchanged: 3, deleted: 0 });
    expect(await updatedAts(scope)).toEqual(before);
    // Not even locked: an unchanged re-read only reads.
    expect(await touched(scope)).toBe(0);

    // 5001's late duplicate arrived, 5002 is no longer reported, 5004 is new.
    const reread = await ingestAnalyticsPurchaseDays(scope, [day("2026-11-02", [row("5001", { purchases: 2, transactions: 2, revenue: "119.80" }), row("5003", { sourceMedium: "(direct) / (none)" }), row("5004")], 300)]);
    expect(reread).toEqual({ read: 4, inserted: 1, updated: 1, unchanged: 1, deleted: 1 });
    expect(await stored(scope)).toEqual([
      ["2026-11-01", "4001", "google / cpc", "59.9", "4.9", 1, 1],
      ["2026-11-02", "5001", "google / cpc", "119.8", "4.9", 2, 2],
      ["2026-11-02", "5003", "(direct) / (none)", "59.9", "4.9", 1, 1],
      ["2026-11-02", "5004", "google / cpc", "59.9", "4.9", 1, 1],
    ]);

    // A day now reported empty loses its rows; another connection's same day keeps its own.
    expect(await ingestAnalyticsPurchaseDays(scope, [day("2026-11-01", [], 400)])).toEqual({ read: 1, inserted: 0, updated: 0, unchanged: 0, deleted: 1 });
    expect((await stored(scope)).map((r) => r[0])).not.toContain("2026-11-01");
    expect(await stored(other)).toHaveLength(1);
  });

  it("ignores a copy of a day seen before the stored one, and keeps one copy per day and one row per key within a batch", async () => {
    const scope = await buildCommerceScope();
    await ingestAnalyticsPurchaseDays(scope, [day("2026-11-02", [row("5001", { revenue: "70.00" })], 300)]);
    expect(await ingestAnalyticsPurchaseDays(scope, [day("2026-11-02", [row("5001"), row("5002")], 200)])).toEqual({ read: 2, inserted: 0, updated: 0, unchanged: 2, deleted: 0 });
    expect(await stored(scope)).toEqual([["2026-11-02", "5001", "google / cpc", "70", "4.9", 1, 1]]);

    const counts = await ingestAnalyticsPurchaseDays(scope, [day("2026-11-03", [row("6001")], 400), day("2026-11-03", [row("6002"), row("6002", { revenue: "1.00" })], 500)]);
    expect(counts).toEqual({ read: 3, inserted: 1, updated: 0, unchanged: 2, deleted: 0 });
    expect((await stored(scope)).filter((r) => r[0] === "2026-11-03")).toEqual([["2026-11-03", "6002", "google / cpc", "1", "4.9", 1, 1]]);
  });

  it("refuses a copy it cannot store as given, and writes nothing of its batch", async () => {
    const scope = await buildCommerceScope();
    await expect(ingestAnalyticsPurchaseDays(scope, [day("2026-11-02", [row("5001")]), day("20261103", [row("6001")])])).rejects.toThrow(IngestRecordError);
    await expect(ingestAnalyticsPurchaseDays(scope, [day("2026-11-02", [row("5001", { purchases: 1.5 })])])).rejects.toThrow(/purchases must be a whole number/);
    expect(await stored(scope)).toEqual([]);
  });
});
