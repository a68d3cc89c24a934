import pg from "pg";
import { describe, expect, it } from "vitest";
import { amountToCents } from "@/dev/sandbox/_kit/money";
import { OTHER_CURRENCY, purchasesFrom } from "@/dev/sandbox/ga4";
import { dayIn } from "@/dev/sandbox/ga4/report";
import { generateCatalog, generateOrder } from "@/dev/sandbox/shopify/generate";
import { buildAnalyticsPair, pairOrder, purchaseDay, purchaseRow } from "@/prisma/factories/analytics-reconciliation";
import { buildWorkspaceWithOwner } from "@/prisma/factories/members";
import type { AnalyticsPurchaseRow } from "@/server/connectors/_core/records";
import { db } from "@/server/db";
import { computePairDays } from "./compute-pair-days";
import { MAX_INCREMENTAL_DAYS, reconcilePair } from "./reconcile-pair";

const NY = "America/New_York";
// Long past: every day is final, so only what a test changes is recomputed incrementally.
const NOW = new Date("2026-06-01T12:00:00Z");

async function setUp(options: Parameters<typeof buildAnalyticsPair>[1] = {}) {
  const { workspace } = await buildWorkspaceWithOwner();
  return { workspace, ...(await buildAnalyticsPair(workspace.id, options)) };
}

const days = (pairId: string) => db.reconciliationDay.findMany({ where: { pairId }, orderBy: { date: "asc" } });
const issues = (pairId: string, kind?: "MISSING_IN_ANALYTICS" | "EXTRA_IN_ANALYTICS" | "VALUE_MISMATCH" | "DUPLICATE") =>
  db.reconciliationIssue.findMany({ where: { pairId, ...(kind ? { kind } : {}) }, orderBy: [{ date: "asc" }, { kind: "asc" }, { orderName: "asc" }, { transactionId: "asc" }] });
const dayOf = (date: Date) => date.toISOString().slice(0, 10);

/** Pretends the pair's last run was half an hour ago and everything stored is older: what a later sync writes is "changed since". */
async function settle(pairId: string) {
  const pair = await db.reconciliationPair.findUniqueOrThrow({ where: { id: pairId } });
  await db.$executeRaw`UPDATE "Order" SET "updatedAt" = now() - interval '1 hour' WHERE "connectionId" = ${pair.storeConnectionId}`;
  await db.$executeRaw`UPDATE "AnalyticsPurchase" SET "updatedAt" = now() - interval '1 hour' WHERE "connectionId" = ${pair.analyticsConnectionId}`;
  await db.reconciliationPair.update({ where: { id: pairId }, data: { lastComputedAt: new Date(Date.now() - 30 * 60_000) } });
}

describe("the sandbox GA4's planted loss patterns", () => {
  it("are each found, with the expected numbers computed from what was planted", async () => {
    const w = await setUp({ timeZone: NY });
    const shop = { seed: 15, volume: { orders: 400 }, epoch: Date.parse("2026-05-01T00:00:00Z"), currency: "USD" };
    const catalog = generateCatalog(shop);
    const shopOrders = Array.from({ length: 400 }, (_, i) => generateOrder(shop, catalog, i));
    const property = purchasesFrom("ga4-test", shopOrders);
    const dayOfMs = dayIn(NY);
    const money = (amount: string) => ({ amount, currency: "USD" });
    await w.orders(
      shopOrders.map((o) =>
        pairOrder(String(o.id), new Date(o.processedAt).toISOString(), o.totalPrice, {
          name: o.name,
          subtotal: money(o.subtotal),
          totalTax: money(o.totalTax),
          totalShipping: money(o.totalShipping),
          totalDiscounts: money(o.totalDiscounts),
          cancelledAt: o.cancelledAt === null ? null : new Date(o.cancelledAt).toISOString(),
          channel: o.channel.appName,
          test: o.test,
        }),
      ),
    );
    // The report as GA4 adds it up: per day, transaction id, source/medium and device.
    const reported = new Map<string, Map<string, AnalyticsPurchaseRow>>();
    const dollars = (cents: number) => (cents / 100).toFixed(2);
    for (const event of property.events) {
      const date = dayOfMs(event.at);
      const rows = reported.get(date) ?? new Map<string, AnalyticsPurchaseRow>();
      reported.set(date, rows);
      const key = `${event.transactionId}|${event.sessionSourceMedium}|${event.deviceCategory}`;
      const row = rows.get(key) ?? purchaseRow(event.transactionId, "0", { sourceMedium: event.sessionSourceMedium, deviceCategory: event.deviceCategory, purchases: 0, transactions: 0 });
      rows.set(key, {
        ...row,
        revenue: dollars(amountToCents(row.revenue) + event.revenueCents),
        tax: dollars(amountToCents(row.tax) + event.taxCents),
        shipping: dollars(amountToCents(row.shipping) + event.shippingCents),
        purchases: row.purchases + 1,
        transactions: row.transactions + (event.transactionId === "(not set)" ? 0 : 1),
      });
    }
    await w.purchaseDays([...reported].map(([date, rows]) => purchaseDay(date, [...rows.values()])));

    await reconcilePair(w.pair.id, { now: NOW });

    // Expected, from the planted treatments and the orders alone.
    const treatment = new Map(property.planted.map((p) => [p.orderId, p.treatment]));
    type Expected = { storeOrders: number; matched: number; missingCount: number; extraCount: number; mismatchCount: number; duplicateCount: number; notSetCount: number };
    const expectedDays = new Map<string, Expected>();
    const missing: string[] = [];
    const duplicates: string[] = [];
    const mismatches: [string, string | null][] = [];
    for (const order of shopOrders) {
      const date = dayOfMs(order.processedAt);
      const day = expectedDays.get(date) ?? { storeOrders: 0, matched: 0, missingCount: 0, extraCount: 0, mismatchCount: 0, duplicateCount: 0, notSetCount: 0 };
      expectedDays.set(date, day);
      const planted = treatment.get(order.id) ?? "exact";
      day.storeOrders++;
      if (planted === "blocked" || planted === "consent-denied" || planted === "not-set") {
        day.missingCount++;
        missing.push(order.name);
        if (planted === "not-set") day.notSetCount++;
        continue;
      }
      day.matched++;
      if (planted === "duplicated") {
        day.duplicateCount++;
        duplicates.push(String(order.id));
      }
      const total = amountToCents(order.totalPrice);
      const tax = amountToCents(order.totalTax);
      const shipping = amountToCents(order.totalShipping);
      const recorded = planted === "other-currency" ? Math.round(total * OTHER_CURRENCY.tagRate * OTHER_CURRENCY.ga4Rate) : planted === "without-tax-shipping" ? total - tax - shipping : total;
      // Tolerance: one cent. A reason is named when the difference is exactly (within it) one.
      const diff = recorded - total;
      if (Math.abs(diff) > 1) {
        const within = (cents: number) => cents > 0 && Math.abs(Math.abs(diff) - cents) <= 1;
        const discounts = amountToCents(order.totalDiscounts);
        const reason = diff < 0 && tax > 0 && shipping > 0 && within(tax + shipping) ? "TAX_AND_SHIPPING" : diff < 0 && within(tax) ? "TAX" : diff < 0 && within(shipping) ? "SHIPPING" : within(discounts) ? "DISCOUNTS" : null;
        day.mismatchCount++;
        mismatches.push([order.name, reason]);
      }
    }
    for (const kind of ["blocked", "consent-denied", "duplicated", "other-currency", "without-tax-shipping", "late", "not-set"]) {
      expect(property.planted.some((p) => p.treatment === kind), `the sample plants ${kind}`).toBe(true);
    }

    const computed = await days(w.pair.id);
    expect(Object.fromEntries(computed.map((d) => [dayOf(d.date), { storeOrders: d.storeOrders, matched: d.matched, missingCount: d.missingCount, extraCount: d.extraCount, mismatchCount: d.mismatchCount, duplicateCount: d.duplicateCount, notSetCount: d.notSetCount }]))).toEqual(
      Object.fromEntries(expectedDays),
    );
    expect((await issues(w.pair.id, "MISSING_IN_ANALYTICS")).map((i) => i.orderName).sort()).toEqual(missing.sort());
    expect((await issues(w.pair.id, "DUPLICATE")).map((i) => [i.transactionId, i.occurrences]).sort()).toEqual(duplicates.sort().map((id) => [id, 2]));
    expect((await issues(w.pair.id, "VALUE_MISMATCH")).map((i) => [i.orderName, i.explanation]).sort()).toEqual(mismatches.sort());
    expect(await issues(w.pair.id, "EXTRA_IN_ANALYTICS")).toEqual([]);
    const all = computed.reduce((sum, d) => ({ orders: sum.orders + d.storeOrders, matched: sum.matched + d.matched }), { orders: 0, matched: 0 });
    expect(all).toEqual({ orders: 400, matched: 400 - missing.length });
  });
});

describe("a day's figures", () => {
  it("counts orders on their day in the property's zone, matches ids and names, and explains what differs", async () => {
    const w = await setUp({ timeZone: NY });
    const usd = (amount: string) => ({ amount, currency: "USD" });
    await w.orders([
      pairOrder("1001", "2026-03-02T15:00:00Z", "50.00"),
      // 23:30 in New York: the 2nd there, the 3rd in UTC.
      pairOrder("1002", "2026-03-03T04:30:00Z", "60.00", { name: "#A-1002", totalTax: usd("10.00") }),
      pairOrder("1003", "2026-03-02T16:00:00Z", "70.00", { name: "#1003", totalTax: usd("5.00"), totalShipping: usd("4.95") }),
      pairOrder("1004", "2026-03-02T17:00:00Z", "80.00", { totalShipping: usd("6.00") }),
      pairOrder("1005", "2026-03-02T18:00:00Z", "90.00", { totalDiscounts: usd("9.00") }),
      pairOrder("1006", "2026-03-02T19:00:00Z", "100.00", { currency: "EUR" }),
      pairOrder("1007", "2026-03-02T20:00:00Z", "20.00", { channel: "Online Store", marketingSource: "google", marketingMedium: "cpc" }),
      pairOrder("1008", "2026-03-02T21:00:00Z", "30.00", { test: true }),
      pairOrder("1009", "2026-03-02T22:00:00Z", "40.00", { cancelledAt: "2026-03-02T23:00:00Z" }),
      pairOrder("1010", "2026-03-02T22:30:00Z", "10.00"),
      pairOrder("1011", "2026-03-02T22:40:00Z", "11.00"),
    ]);
    await w.deleteOrders(["1011"]);
    await w.purchaseDays([
      purchaseDay("2026-03-02", [
        purchaseRow("1001", "50.00"),
        // By name, "#" included or left out, any case.
        purchaseRow("#a-1002", "50.00", { tax: "0" }),
        purchaseRow("1003", "60.05"),
        purchaseRow("1004", "74.00", { deviceCategory: "desktop" }),
        purchaseRow("1005", "99.00"),
        purchaseRow("1006", "108.50"),
        purchaseRow("1008", "30.00"),
        purchaseRow("1009", "40.01"),
        purchaseRow("1010", "20.00", { transactions: 2, purchases: 2 }),
        purchaseRow("1011", "11.00"),
        purchaseRow("9999", "12.34", { sourceMedium: "bing / cpc" }),
        purchaseRow("(not set)", "33.00", { purchases: 2 }),
      ]),
    ]);

    await reconcilePair(w.pair.id, { now: NOW });

    const [day, ...others] = await days(w.pair.id);
    expect(others).toEqual([]);
    expect(day).toMatchObject({ currency: "USD", storeOrders: 9, matched: 8, missingCount: 1, analyticsTransactions: 11, extraCount: 3, mismatchCount: 5, duplicateCount: 1, notSetCount: 2, final: true });
    expect(dayOf(day!.date)).toBe("2026-03-02");
    expect(day!.matchRate?.toString()).toBe("0.888889");
    // Values in the day's currency (USD): the EUR order and transaction-less values stay out.
    expect(day!.storeValue.toFixed(2)).toBe("420.00");
    expect(day!.missingValue.toFixed(2)).toBe("20.00");
    expect(day!.extraValue.toFixed(2)).toBe("53.34");
    expect(day!.notSetValue.toFixed(2)).toBe("33.00");
    expect(day!.breakdown).toEqual({
      channel: { "Online Store": { count: 1, value: "20.0000" } },
      source: { "google / cpc": { count: 1, value: "20.0000" } },
      device: { mobile: { count: 5, value: "230.0000" }, desktop: { count: 1, value: "80.0000" } },
    });
    const mismatch = Object.fromEntries((await issues(w.pair.id, "VALUE_MISMATCH")).map((i) => [i.orderName, [i.explanation, i.difference?.toFixed(2) ?? null]]));
    expect(mismatch).toEqual({ "#A-1002": ["TAX", "-10.00"], "#1003": ["TAX_AND_SHIPPING", "-9.95"], "#1004": ["SHIPPING", "-6.00"], "#1005": ["DISCOUNTS", "9.00"], "#1006": ["CURRENCY", null] });
    expect((await issues(w.pair.id, "EXTRA_IN_ANALYTICS")).map((i) => i.transactionId).sort()).toEqual(["1008", "1011", "9999"]);
    expect((await issues(w.pair.id, "MISSING_IN_ANALYTICS")).map((i) => [i.orderName, i.channel, i.source])).toEqual([["#1007", "Online Store", "google / cpc"]]);
    expect((await issues(w.pair.id, "DUPLICATE")).map((i) => [i.transactionId, i.occurrences])).toEqual([["1010", 2]]);
  });

  it("judges differences in the order currency's minor units: yen, cents and fils", async () => {
    const w = await setUp({ timeZone: "UTC", currency: "JPY" });
    await w.orders([
      pairOrder("1", "2026-03-02T10:00:00Z", "1000", { currency: "JPY" }),
      pairOrder("2", "2026-03-02T11:00:00Z", "1000", { currency: "JPY" }),
      pairOrder("3", "2026-03-02T12:00:00Z", "10.000", { currency: "KWD" }),
      pairOrder("4", "2026-03-02T13:00:00Z", "10.000", { currency: "KWD" }),
    ]);
    await w.purchaseDays([
      purchaseDay("2026-03-02", [purchaseRow("1", "1001"), purchaseRow("2", "1002"), purchaseRow("3", "10.001"), purchaseRow("4", "10.002")], { currency: "JPY" }),
    ]);
    // The property reports in yen; orders 3 and 4 are in dinars: another currency, whatever the digits.
    await reconcilePair(w.pair.id, { now: NOW });
    expect((await issues(w.pair.id, "VALUE_MISMATCH")).map((i) => [i.orderName, i.explanation])).toEqual([
      ["#2", null],
      ["#3", "CURRENCY"],
      ["#4", "CURRENCY"],
    ]);

    const kwd = await setUp({ timeZone: "UTC", currency: "KWD" });
    await kwd.orders([pairOrder("1", "2026-03-02T10:00:00Z", "10.000", { currency: "KWD" }), pairOrder("2", "2026-03-02T11:00:00Z", "10.000", { currency: "KWD" })]);
    await kwd.purchaseDays([purchaseDay("2026-03-02", [purchaseRow("1", "10.001"), purchaseRow("2", "10.002")], { currency: "KWD" })]);
    await reconcilePair(kwd.pair.id, { now: NOW });
    expect((await issues(kwd.pair.id, "VALUE_MISMATCH")).map((i) => [i.orderName, i.difference?.toFixed(3)])).toEqual([["#2", "0.002"]]);
  });
});

describe("incremental recomputation", () => {
  async function threeDays() {
    const w = await setUp({ timeZone: "UTC" });
    await w.orders(["1", "2", "3"].flatMap((d) => [pairOrder(`${d}a`, `2026-03-0${d}T10:00:00Z`, "10.00"), pairOrder(`${d}b`, `2026-03-0${d}T11:00:00Z`, "20.00")]));
    await w.purchaseDays(["1", "2", "3"].map((d) => purchaseDay(`2026-03-0${d}`, [purchaseRow(`${d}a`, "10.00")])));
    await reconcilePair(w.pair.id, { now: NOW });
    await settle(w.pair.id);
    return w;
  }

  it("recomputes only the day a sync changed, and keeps that day's previous figures as a revision", async () => {
    const w = await threeDays();
    const before = await days(w.pair.id);
    await w.purchaseDays([purchaseDay("2026-03-02", [purchaseRow("2a", "10.00"), purchaseRow("2b", "20.00")], { observedAt: new Date(Date.now() + 1000).toISOString() })]);

    const result = await reconcilePair(w.pair.id, { now: NOW });

    expect(result).toMatchObject({ full: false, scopedDays: 1, days: 1, revised: 1 });
    const after = await days(w.pair.id);
    expect(after.map((d) => [dayOf(d.date), d.matched, d.computedAt.getTime() === before.find((b) => b.id === d.id)!.computedAt.getTime()])).toEqual([
      ["2026-03-01", 1, true],
      ["2026-03-02", 2, false],
      ["2026-03-03", 1, true],
    ]);
    const [revision, ...more] = await db.reconciliationDayRevision.findMany({ where: { dayId: after[1]!.id } });
    expect(more).toEqual([]);
    expect(revision).toMatchObject({ matchRate: expect.anything(), figures: expect.objectContaining({ matched: 1, missingCount: 1, missingValue: "20.0000" }) });
    expect(revision!.matchRate!.toString()).toBe("0.5");
    expect((await issues(w.pair.id, "MISSING_IN_ANALYTICS")).map((i) => i.orderName)).toEqual(["#1b", "#3b"]);
  });

  it("finds the order's day when only the analytics side of another day changed, and a deleted order's day", async () => {
    const w = await threeDays();
    // 3b is recorded just after midnight: reported on the 4th, counted on its order's day.
    await w.purchaseDays([purchaseDay("2026-03-04", [purchaseRow("3b", "20.00")])]);
    await w.deleteOrders(["1b"]);
    const result = await reconcilePair(w.pair.id, { now: NOW });
    expect(result).toMatchObject({ full: false, scopedDays: 3, revised: 2 });
    expect((await days(w.pair.id)).map((d) => [dayOf(d.date), d.storeOrders, d.matched, d.analyticsTransactions])).toEqual([
      ["2026-03-01", 1, 1, 1],
      ["2026-03-02", 2, 1, 1],
      ["2026-03-03", 2, 2, 2],
    ]);
  });

  it("looks for changes from what the last run saw: one it counted is not recomputed again, however recent", async () => {
    const w = await threeDays();
    const later = () => new Date(Date.now() + 1000).toISOString();
    await w.purchaseDays([purchaseDay("2026-03-02", [purchaseRow("2a", "10.00"), purchaseRow("2b", "20.00")], { observedAt: later() })]);
    expect(await reconcilePair(w.pair.id, { now: NOW })).toMatchObject({ full: false, scopedDays: 1 });
    // Written a moment before that run started, the 2nd's rows are within the overlap it looks back over.
    await w.purchaseDays([purchaseDay("2026-03-03", [purchaseRow("3a", "10.00"), purchaseRow("3b", "20.00")], { observedAt: later() })]);
    expect(await reconcilePair(w.pair.id, { now: NOW })).toMatchObject({ full: false, scopedDays: 1, revised: 1 });
    expect((await days(w.pair.id)).map((d) => [dayOf(d.date), d.matched])).toEqual([
      ["2026-03-01", 1],
      ["2026-03-02", 2],
      ["2026-03-03", 2],
    ]);
  });

  it("recomputes the days not yet final when one of them lost a row, not after every sync", async () => {
    const w = await setUp({ timeZone: "UTC" });
    // Before the 5th is final: the 5th and the 6th are still open, the 1st is final.
    const recent = new Date("2026-03-08T12:00:00Z");
    await w.orders([pairOrder("1", "2026-03-01T10:00:00Z", "10.00"), pairOrder("5", "2026-03-05T23:50:00Z", "50.00"), pairOrder("6", "2026-03-06T10:00:00Z", "60.00")]);
    // 5 is recorded just after midnight: reported on the 6th, counted on its order's day.
    await w.purchaseDays([purchaseDay("2026-03-01", [purchaseRow("1", "10.00")]), purchaseDay("2026-03-06", [purchaseRow("5", "50.00"), purchaseRow("6", "60.00")])]);
    await reconcilePair(w.pair.id, { now: recent });
    await settle(w.pair.id);

    await w.orders([pairOrder("1", "2026-03-01T10:00:00Z", "11.00", { sourceUpdatedAt: new Date().toISOString() })]);
    expect(await reconcilePair(w.pair.id, { now: recent })).toMatchObject({ full: false, scopedDays: 1, revised: 1 });

    // A re-read of the 6th no longer reports 5: the 5th, whose order it was, is recomputed too.
    await w.purchaseDays([purchaseDay("2026-03-06", [purchaseRow("6", "60.00")], { observedAt: new Date(Date.now() + 1000).toISOString() })]);
    expect(await reconcilePair(w.pair.id, { now: recent })).toMatchObject({ full: false, scopedDays: 2, revised: 1 });
    expect((await days(w.pair.id)).map((d) => [dayOf(d.date), d.storeOrders, d.matched, d.final])).toEqual([
      ["2026-03-01", 1, 1, true],
      ["2026-03-05", 1, 0, false],
      ["2026-03-06", 1, 1, false],
    ]);
  });

  it("writes only the issues that changed: an issue found again keeps its row", async () => {
    const w = await threeDays();
    const before = await issues(w.pair.id, "MISSING_IN_ANALYTICS");
    await w.purchaseDays([purchaseDay("2026-03-02", [purchaseRow("2a", "10.00"), purchaseRow("2b", "20.00")], { observedAt: new Date(Date.now() + 1000).toISOString() })]);
    await reconcilePair(w.pair.id, { now: NOW });
    expect((await issues(w.pair.id, "MISSING_IN_ANALYTICS")).map((i) => [i.orderName, i.id])).toEqual(before.filter((i) => i.orderName !== "#2b").map((i) => [i.orderName, i.id]));
    await reconcilePair(w.pair.id, { now: NOW, full: true });
    expect((await issues(w.pair.id, "MISSING_IN_ANALYTICS")).map((i) => i.id)).toEqual(before.filter((i) => i.orderName !== "#2b").map((i) => i.id));
  });

  it("recomputes nothing when nothing changed, and every day when asked to", async () => {
    const w = await threeDays();
    expect(await reconcilePair(w.pair.id, { now: NOW })).toMatchObject({ full: false, scopedDays: 0, days: 0 });
    expect(await reconcilePair(w.pair.id, { now: NOW, full: true })).toMatchObject({ full: true, days: 3, revised: 0 });
  });

  it("computes every day in one pass once more days changed than lookups are worth", async () => {
    const w = await threeDays();
    const many = Array.from({ length: MAX_INCREMENTAL_DAYS + 1 }, (_, i) => pairOrder(`m${i}`, new Date(Date.parse("2025-12-01T12:00:00Z") + i * 86_400_000).toISOString(), "5.00"));
    await w.orders(many);
    expect(await reconcilePair(w.pair.id, { now: NOW })).toMatchObject({ full: true, days: MAX_INCREMENTAL_DAYS + 1 + 3 });
  });

  it("counts a day as final 72 hours after it ended in the property's zone", async () => {
    const w = await setUp({ timeZone: NY });
    await w.orders([pairOrder("1", "2026-03-02T15:00:00Z", "10.00")]);
    // The 2nd ends at 05:00 UTC on the 3rd in New York.
    await reconcilePair(w.pair.id, { now: new Date("2026-03-06T04:59:00Z") });
    expect((await days(w.pair.id))[0]!.final).toBe(false);
    await reconcilePair(w.pair.id, { now: new Date("2026-03-06T05:00:00Z") });
    expect((await days(w.pair.id))[0]!.final).toBe(true);
  });

  it("reads days in the property's zone and leaves the transaction's own zone as it found it", async () => {
    const w = await setUp({ timeZone: NY });
    // 23:30 on the 2nd in New York, the 3rd in Tokyo and UTC.
    await w.orders([pairOrder("1", "2026-03-03T04:30:00Z", "10.00")]);
    const zone = await db.$transaction(async (tx) => {
      await tx.$executeRaw`SET LOCAL TimeZone = 'Asia/Tokyo'`;
      await computePairDays(tx, { ...w.pair, timeZone: NY, currency: null }, { all: true }, NOW);
      return (await tx.$queryRaw<[{ zone: string }]>`SELECT current_setting('TimeZone') AS zone`)[0].zone;
    });
    expect(zone).toBe("Asia/Tokyo");
    expect((await days(w.pair.id)).map((d) => dayOf(d.date))).toEqual(["2026-03-02"]);
  });
});

describe("tenancy", () => {
  it("reads only the pair's own connections: another workspace's orders with the same ids match nothing", async () => {
    const a = await setUp({ timeZone: "UTC" });
    const b = await setUp({ timeZone: "UTC" });
    await a.purchaseDays([purchaseDay("2026-03-02", [purchaseRow("1", "10.00")])]);
    await b.orders([pairOrder("1", "2026-03-02T10:00:00Z", "10.00")]);
    await b.purchaseDays([purchaseDay("2026-03-02", [purchaseRow("2", "10.00")])]);

    await reconcilePair(a.pair.id, { now: NOW });

    expect((await days(a.pair.id)).map((d) => [d.storeOrders, d.matched, d.extraCount])).toEqual([[0, 0, 1]]);
    expect(await days(b.pair.id)).toEqual([]);
    expect(await db.reconciliationIssue.count({ where: { workspaceId: b.workspace.id } })).toBe(0);
  });
});

describe("a pair's issues", () => {
  // They carry no foreign key to their pair (schema.prisma): what the key's cascade did is a
  // trigger on the pair's deletion, and a run's lock on its pair row.
  it("go with their pair when its connection is removed, and leave other pairs' alone", async () => {
    const a = await setUp({ timeZone: "UTC" });
    const b = await setUp({ timeZone: "UTC" });
    for (const w of [a, b]) {
      await w.orders([pairOrder("1", "2026-03-02T10:00:00Z", "10.00")]);
      await reconcilePair(w.pair.id, { now: NOW });
    }
    expect(await db.reconciliationIssue.count({ where: { pairId: a.pair.id } })).toBe(1);

    await db.connection.delete({ where: { id: a.analytics.id } });

    expect(await db.reconciliationPair.count({ where: { id: a.pair.id } })).toBe(0);
    expect(await db.reconciliationIssue.count({ where: { pairId: a.pair.id } })).toBe(0);
    expect(await db.reconciliationIssue.count({ where: { pairId: b.pair.id } })).toBe(1);
  });

  it("are never written for a pair deleted while its run was under way", async () => {
    const w = await setUp({ timeZone: "UTC" });
    await w.orders([pairOrder("1", "2026-03-02T10:00:00Z", "10.00"), pairOrder("2", "2026-03-03T10:00:00Z", "10.00")]);
    const deleter = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await deleter.connect();
    try {
      await deleter.query("BEGIN");
      await deleter.query(`DELETE FROM "ReconciliationPair" WHERE id = $1`, [w.pair.id]);
      const run = reconcilePair(w.pair.id, { now: NOW, full: true }).then(
        (result) => ({ result }),
        (error: unknown) => ({ error }),
      );
      // The run has read its pair and waits on the deletion's row lock before computing anything.
      await new Promise((resolve) => setTimeout(resolve, 300));
      await deleter.query("COMMIT");
      const outcome = await run;
      expect("error" in outcome ? String(outcome.error) : outcome.result).toMatch(/could not serialize access/);
    } finally {
      await deleter.end();
    }
    expect(await db.reconciliationIssue.count({ where: { pairId: w.pair.id } })).toBe(0);
    expect(await reconcilePair(w.pair.id, { now: NOW })).toBeNull();
  });
});
