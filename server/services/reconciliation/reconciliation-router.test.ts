import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z, ZodError } from "zod";
import { withInngestRunner, type InngestHarness } from "@/dev/test/inngest";
import { inngest } from "@/inngest/client";
import { orderRecord } from "@/prisma/factories/commerce";
import { buildMember, buildWorkspaceWithOwner } from "@/prisma/factories/members";
import { buildReconciliationDay, buildReconciliationIssue, buildReconciliationPair } from "@/prisma/factories/reconciliation";
import { callerFor, errorOf } from "@/server/api/test-utils";
import { db } from "@/server/db";
import { ingestRecords } from "@/server/ingest";
import { DEFAULT_MATCH_RATE_THRESHOLD } from "./schema";

// Recompute and a tolerance change send the engine's event: a runner serving no function keeps it.
let harness: InngestHarness;
beforeAll(async () => {
  harness = await withInngestRunner(inngest, []);
});
afterAll(async () => {
  await harness?.stop();
});
const recomputeRequests = (pairId: string) => harness.runner.listEvents({ name: "app/analytics-reconciliation.requested" }).filter((e) => (e.data as { pairId?: string }).pairId === pairId);

/** The messages per field a refused input carries (what the forms show under each field). */
function fieldErrorsOf(error: { cause?: unknown }): Record<string, string[] | undefined> {
  if (!(error.cause instanceof ZodError)) throw new Error("expected a validation error");
  return z.flattenError(error.cause).fieldErrors as Record<string, string[] | undefined>;
}

// A workspace with one pair: three final days (100 %, 80 %, 95 %) and a recent day not final yet
// (50 %), the 80 % day with its issues of every kind, a breakdown and an earlier revision.
async function setUp(name = "Acme Analytics") {
  const { workspace, owner } = await buildWorkspaceWithOwner(name);
  const admin = (await buildMember(workspace.id, "ADMIN")).user;
  const member = (await buildMember(workspace.id, "MEMBER")).user;
  const viewer = (await buildMember(workspace.id, "VIEWER")).user;
  const { pair, store, analytics } = await buildReconciliationPair(workspace.id);
  await buildReconciliationDay(pair, "2026-11-01", { storeOrders: 10, matched: 10 });
  const low = await buildReconciliationDay(
    pair,
    "2026-11-02",
    { storeOrders: 10, matched: 8, extraCount: 1, mismatchCount: 1, duplicateCount: 1, notSetCount: 1 },
    { breakdown: { channel: { "Online Store": { count: 1, value: "10.00" }, POS: { count: 1, value: "10.00" } }, device: { mobile: { count: 2, value: 20 } } } },
  );
  await db.reconciliationDayRevision.create({
    data: { workspaceId: workspace.id, dayId: low.id, matchRate: "0.7", figures: { storeOrders: 10, matched: 7 }, computedAt: new Date("2026-11-03T02:00:00Z"), replacedAt: new Date("2026-11-04T02:00:00Z") },
  });
  await buildReconciliationDay(pair, "2026-11-03", { storeOrders: 20, matched: 19 });
  await buildReconciliationDay(pair, "2026-11-04", { storeOrders: 2, matched: 1 }, { final: false });
  await ingestRecords({ workspaceId: workspace.id, connectionId: store.id }, { kind: "orders", records: [orderRecord("o-1001", { name: "#1001" })] });
  const order = await db.order.findFirstOrThrow({ where: { workspaceId: workspace.id, externalId: "o-1001" } });
  await buildReconciliationIssue(pair, "2026-11-02", "MISSING_IN_ANALYTICS", { orderId: order.id, orderName: "#1001", storeValue: "10.00", channel: "Online Store", device: "mobile" });
  await buildReconciliationIssue(pair, "2026-11-02", "MISSING_IN_ANALYTICS", { orderName: "#1002", storeValue: "10.00", channel: "POS" });
  await buildReconciliationIssue(pair, "2026-11-02", "EXTRA_IN_ANALYTICS", { transactionId: "T-77", analyticsCurrency: "GBP", analyticsValue: "10.00" });
  await buildReconciliationIssue(pair, "2026-11-02", "VALUE_MISMATCH", { orderName: "#1003", transactionId: "1003", storeValue: "12.00", analyticsCurrency: "GBP", analyticsValue: "10.00", difference: "-2.00", explanation: "TAX" });
  await buildReconciliationIssue(pair, "2026-11-02", "DUPLICATE", { orderName: "#1004", transactionId: "1004", occurrences: 2 });
  const slug = workspace.slug;
  return { workspace, owner, admin, member, viewer, pair, store, analytics, slug, caller: callerFor(owner) };
}

describe("reconciliation router: reading", () => {
  it("lists the workspace's pairs with their latest match rate and trend, the threshold, and never another workspace's", async () => {
    const w = await setUp();
    const other = await setUp("Other Brand");
    const overview = await callerFor(w.viewer).reconciliation.pairs({ workspaceSlug: w.slug });
    expect(overview.pairs.map((p) => p.id)).toEqual([w.pair.id]);
    expect(overview.pairs[0]).toMatchObject({
      store: { id: w.store.id, displayName: w.store.displayName },
      analytics: { id: w.analytics.id },
      latest: { date: "2026-11-04", matchRate: "0.5", final: false },
      alertingSince: null,
    });
    expect(overview.pairs[0]!.sparkline.map((p) => [p.date, p.matchRate])).toEqual([
      ["2026-11-01", "1"],
      ["2026-11-02", "0.8"],
      ["2026-11-03", "0.95"],
      ["2026-11-04", "0.5"],
    ]);
    expect(overview.settings).toEqual({ matchRateThreshold: "0.9", matchRateThresholdPercent: 90, isDefault: true });
    expect(overview.connected.store).toBe(true);

    const empty = await buildWorkspaceWithOwner("Nothing Connected");
    expect(await callerFor(empty.owner).reconciliation.pairs({ workspaceSlug: empty.workspace.slug })).toMatchObject({ pairs: [], connected: { store: false, analytics: false } });
    expect((await errorOf(w.caller.reconciliation.pair({ workspaceSlug: w.slug, pairId: other.pair.id }))).code).toBe("NOT_FOUND");
  });

  it("pages a pair's days newest first, filtered by range and by the threshold, naming a bad field", async () => {
    const w = await setUp();
    const other = await setUp("Other Brand");
    const days = await w.caller.reconciliation.days({ workspaceSlug: w.slug, pairId: w.pair.id });
    expect(days.items.map((d) => [d.date, d.matchRate, d.final, d.belowThreshold])).toEqual([
      ["2026-11-04", "0.5", false, true],
      ["2026-11-03", "0.95", true, false],
      ["2026-11-02", "0.8", true, true],
      ["2026-11-01", "1", true, false],
    ]);
    expect(days.items[2]).toMatchObject({ storeOrders: 10, storeValue: "100", analyticsTransactions: 9, matched: 8, missingCount: 2, missingValue: "20", extraCount: 1, mismatchCount: 1, duplicateCount: 1, notSetCount: 1 });

    const first = await w.caller.reconciliation.days({ workspaceSlug: w.slug, pairId: w.pair.id, limit: 3 });
    const second = await w.caller.reconciliation.days({ workspaceSlug: w.slug, pairId: w.pair.id, limit: 3, cursor: first.nextCursor! });
    expect([...first.items, ...second.items].map((d) => d.date)).toEqual(["2026-11-04", "2026-11-03", "2026-11-02", "2026-11-01"]);
    expect(second.nextCursor).toBeNull();

    const ranged = await w.caller.reconciliation.days({ workspaceSlug: w.slug, pairId: w.pair.id, from: "2026-11-02", to: "2026-11-03" });
    expect(ranged.items.map((d) => d.date)).toEqual(["2026-11-03", "2026-11-02"]);
    const below = await w.caller.reconciliation.days({ workspaceSlug: w.slug, pairId: w.pair.id, belowThreshold: true });
    expect(below.items.map((d) => d.date)).toEqual(["2026-11-04", "2026-11-02"]);
    // Judged by the workspace's own threshold once it has one.
    await w.caller.reconciliation.updateSettings({ workspaceSlug: w.slug, matchRateThresholdPercent: 96 });
    expect((await w.caller.reconciliation.days({ workspaceSlug: w.slug, pairId: w.pair.id, belowThreshold: true })).items.map((d) => d.date)).toEqual(["2026-11-04", "2026-11-03", "2026-11-02"]);

    const trend = await w.caller.reconciliation.trend({ workspaceSlug: w.slug, pairId: w.pair.id, from: "2026-11-02" });
    expect(trend.map((p) => [p.date, p.matchRate])).toEqual([
      ["2026-11-02", "0.8"],
      ["2026-11-03", "0.95"],
      ["2026-11-04", "0.5"],
    ]);

    const bad = await errorOf(w.caller.reconciliation.days({ workspaceSlug: w.slug, pairId: w.pair.id, from: "2026-11-31" }));
    expect(bad.code).toBe("BAD_REQUEST");
    expect(JSON.stringify(bad.cause)).toContain("from");
    const reversed = await errorOf(w.caller.reconciliation.days({ workspaceSlug: w.slug, pairId: w.pair.id, from: "2026-11-03", to: "2026-11-01" }));
    expect(reversed.code).toBe("BAD_REQUEST");
    expect((await errorOf(w.caller.reconciliation.days({ workspaceSlug: w.slug, pairId: other.pair.id }))).code).toBe("NOT_FOUND");
    expect((await errorOf(w.caller.reconciliation.trend({ workspaceSlug: w.slug, pairId: other.pair.id }))).code).toBe("NOT_FOUND");
  });

  it("shows one day with its breakdown and revisions, and its issues of each kind", async () => {
    const w = await setUp();
    const other = await setUp("Other Brand");
    const { day, revisions, pair } = await w.caller.reconciliation.day({ workspaceSlug: w.slug, pairId: w.pair.id, date: "2026-11-02" });
    expect(pair.id).toBe(w.pair.id);
    expect(day).toMatchObject({ date: "2026-11-02", matchRate: "0.8", final: true, belowThreshold: true });
    expect(day.breakdown).toEqual({
      channel: [
        { name: "Online Store", count: 1, value: "10.00" },
        { name: "POS", count: 1, value: "10.00" },
      ],
      source: [],
      device: [{ name: "mobile", count: 2, value: "20" }],
    });
    expect(revisions).toEqual([expect.objectContaining({ matchRate: "0.7", figures: { storeOrders: 10, matched: 7 }, replacedAt: new Date("2026-11-04T02:00:00Z") })]);
    expect((await errorOf(w.caller.reconciliation.day({ workspaceSlug: w.slug, pairId: w.pair.id, date: "2026-10-01" }))).code).toBe("NOT_FOUND");
    expect((await errorOf(w.caller.reconciliation.day({ workspaceSlug: w.slug, pairId: other.pair.id, date: "2026-11-02" }))).code).toBe("NOT_FOUND");

    const order = await db.order.findFirstOrThrow({ where: { workspaceId: w.workspace.id, externalId: "o-1001" } });
    const missing = await w.caller.reconciliation.issues({ workspaceSlug: w.slug, pairId: w.pair.id, kind: "MISSING_IN_ANALYTICS", date: "2026-11-02" });
    expect(missing.items.map((i) => [i.orderName, i.orderId, i.storeValue, i.channel]).sort()).toEqual([
      ["#1001", order.id, "10", "Online Store"],
      ["#1002", null, "10", "POS"],
    ]);
    const firstPage = await w.caller.reconciliation.issues({ workspaceSlug: w.slug, pairId: w.pair.id, kind: "MISSING_IN_ANALYTICS", from: "2026-11-01", limit: 1 });
    const secondPage = await w.caller.reconciliation.issues({ workspaceSlug: w.slug, pairId: w.pair.id, kind: "MISSING_IN_ANALYTICS", from: "2026-11-01", limit: 1, cursor: firstPage.nextCursor! });
    expect([...firstPage.items, ...secondPage.items].map((i) => i.orderName).sort()).toEqual(["#1001", "#1002"]);
    expect(secondPage.nextCursor).toBeNull();
    const mismatch = await w.caller.reconciliation.issues({ workspaceSlug: w.slug, pairId: w.pair.id, kind: "VALUE_MISMATCH", date: "2026-11-02" });
    expect(mismatch.items).toEqual([expect.objectContaining({ orderName: "#1003", storeValue: "12", analyticsValue: "10", difference: "-2", explanation: "TAX" })]);
    const duplicates = await w.caller.reconciliation.issues({ workspaceSlug: w.slug, pairId: w.pair.id, kind: "DUPLICATE", date: "2026-11-02" });
    expect(duplicates.items.map((i) => [i.transactionId, i.occurrences])).toEqual([["1004", 2]]);
    expect((await w.caller.reconciliation.issues({ workspaceSlug: w.slug, pairId: w.pair.id, kind: "EXTRA_IN_ANALYTICS", date: "2026-11-03" })).items).toEqual([]);

    const both = await errorOf(w.caller.reconciliation.issues({ workspaceSlug: w.slug, pairId: w.pair.id, kind: "DUPLICATE", date: "2026-11-02", from: "2026-11-01" }));
    expect(both.code).toBe("BAD_REQUEST");
    expect(JSON.stringify(both.cause)).toContain("date");
    expect((await errorOf(w.caller.reconciliation.issues({ workspaceSlug: w.slug, pairId: other.pair.id, kind: "DUPLICATE" }))).code).toBe("NOT_FOUND");
  });
});

describe("reconciliation router: settings", () => {
  it("lets an admin set the threshold (audited) and names a bad field; a member or viewer may not", async () => {
    const w = await setUp();
    const saved = await callerFor(w.admin).reconciliation.updateSettings({ workspaceSlug: w.slug, matchRateThresholdPercent: 92.57 });
    expect(saved).toEqual({ matchRateThreshold: "0.9257", matchRateThresholdPercent: 92.57, isDefault: false });
    expect((await db.reconciliationSettings.findUniqueOrThrow({ where: { workspaceId: w.workspace.id } })).matchRateThreshold.toString()).toBe("0.9257");
    expect(await db.auditLog.findFirst({ where: { workspaceId: w.workspace.id, action: "reconciliation.settings.updated" } })).toMatchObject({
      actorId: w.admin.id,
      targetId: w.workspace.id,
      metadata: { matchRateThreshold: "0.9257", previous: null },
    });

    for (const [value, message] of [
      [100.5, "At most 100 %."],
      [-1, "At least 0 %."],
      [90.001, "At most two decimals."],
    ] as const) {
      const error = await errorOf(w.caller.reconciliation.updateSettings({ workspaceSlug: w.slug, matchRateThresholdPercent: value }));
      expect(error.code).toBe("BAD_REQUEST");
      expect(fieldErrorsOf(error)).toEqual({ matchRateThresholdPercent: [message] });
    }
    for (const user of [w.member, w.viewer]) {
      expect((await errorOf(callerFor(user).reconciliation.updateSettings({ workspaceSlug: w.slug, matchRateThresholdPercent: 50 }))).code).toBe("FORBIDDEN");
    }
    expect((await w.caller.reconciliation.pairs({ workspaceSlug: w.slug })).settings.matchRateThresholdPercent).toBe(92.57);
  });

  it("lets an admin change a pair's tolerance (audited), never another workspace's; a member may not", async () => {
    const w = await setUp();
    const other = await setUp("Other Brand");
    expect(await callerFor(w.admin).reconciliation.updateTolerance({ workspaceSlug: w.slug, pairId: w.pair.id, toleranceMinorUnits: 50 })).toEqual({ id: w.pair.id, toleranceMinorUnits: 50 });
    expect(await db.auditLog.findFirst({ where: { workspaceId: w.workspace.id, action: "reconciliation.pair.tolerance.updated" } })).toMatchObject({
      targetId: w.pair.id,
      metadata: { toleranceMinorUnits: 50, previous: 1 },
    });
    // Which orders mismatch depends on it: every day is recomputed, once per change.
    expect(recomputeRequests(w.pair.id).map((e) => e.data)).toEqual([{ workspaceId: w.workspace.id, pairId: w.pair.id, trigger: "MANUAL", full: true }]);
    await callerFor(w.admin).reconciliation.updateTolerance({ workspaceSlug: w.slug, pairId: w.pair.id, toleranceMinorUnits: 50 });
    expect(recomputeRequests(w.pair.id)).toHaveLength(1);
    const negative = await errorOf(w.caller.reconciliation.updateTolerance({ workspaceSlug: w.slug, pairId: w.pair.id, toleranceMinorUnits: -1 }));
    expect(fieldErrorsOf(negative)).toEqual({ toleranceMinorUnits: ["At least 0."] });
    const fraction = await errorOf(w.caller.reconciliation.updateTolerance({ workspaceSlug: w.slug, pairId: w.pair.id, toleranceMinorUnits: 1.5 }));
    expect(fieldErrorsOf(fraction).toleranceMinorUnits).toBeDefined();
    expect((await errorOf(w.caller.reconciliation.updateTolerance({ workspaceSlug: w.slug, pairId: other.pair.id, toleranceMinorUnits: 5 }))).code).toBe("NOT_FOUND");
    expect((await db.reconciliationPair.findUniqueOrThrow({ where: { id: other.pair.id } })).toleranceMinorUnits).toBe(1);
    expect((await errorOf(callerFor(w.member).reconciliation.updateTolerance({ workspaceSlug: w.slug, pairId: w.pair.id, toleranceMinorUnits: 5 }))).code).toBe("FORBIDDEN");
  });

  it("lets an admin ask for a recomputation (audited), never of another workspace's pair; a member may not", async () => {
    const w = await setUp();
    const other = await setUp("Other Brand");
    expect(await callerFor(w.admin).reconciliation.recompute({ workspaceSlug: w.slug, pairId: w.pair.id })).toEqual({ requested: true });
    expect(recomputeRequests(w.pair.id).map((e) => e.data)).toEqual([{ workspaceId: w.workspace.id, pairId: w.pair.id, trigger: "MANUAL", full: true }]);
    expect(await db.auditLog.findFirst({ where: { workspaceId: w.workspace.id, action: "reconciliation.recompute.requested" } })).toMatchObject({ actorId: w.admin.id, targetId: w.pair.id });
    expect((await errorOf(w.caller.reconciliation.recompute({ workspaceSlug: w.slug, pairId: other.pair.id }))).code).toBe("NOT_FOUND");
    expect((await errorOf(callerFor(w.member).reconciliation.recompute({ workspaceSlug: w.slug, pairId: w.pair.id }))).code).toBe("FORBIDDEN");
    expect(recomputeRequests(other.pair.id)).toEqual([]);
  });

  it("defaults the threshold to the column's default", async () => {
    const { workspace } = await buildWorkspaceWithOwner();
    const row = await db.reconciliationSettings.create({ data: { workspaceId: workspace.id } });
    expect(row.matchRateThreshold.equals(DEFAULT_MATCH_RATE_THRESHOLD)).toBe(true);
  });
});
