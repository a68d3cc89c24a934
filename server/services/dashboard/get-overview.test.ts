import { describe, expect, it, vi } from "vitest";
import { buildConnection } from "@/prisma/factories/connections";
import { lineItemRecord, orderRecord, refundRecord } from "@/prisma/factories/commerce";
import { buildTrackedJobRun } from "@/prisma/factories/job-runs";
import { buildMember, buildWorkspaceWithOwner } from "@/prisma/factories/members";
import { buildReconciliationDay, buildReconciliationPair } from "@/prisma/factories/reconciliation";
import { callerFor, errorOf } from "@/server/api/test-utils";
import { db } from "@/server/db";
import { ingestOrders } from "@/server/ingest";
import { resolvePeriod } from "./overview-period";
import { rebuildDashboardRollups } from "./rebuild-rollups";
import { wholeMonthsOf } from "./top-products";

const money = (amount: string, currency = "USD") => ({ amount, currency });
const sale = (id: string, processedAt: string, totalPrice: string, currency = "USD", quantity = 1, product = "mug") =>
  orderRecord(id, {
    processedAt,
    currency,
    totalPrice: money(totalPrice, currency),
    subtotal: money(totalPrice, currency),
    totalDiscounts: null,
    totalTax: money("0", currency),
    currentTotalPrice: null,
    totalRefunded: null,
    lineItems: [lineItemRecord(`${id}-1`, { productExternalId: product, title: product === "mug" ? "Mug" : "Shirt", quantity, unitPrice: money("5", currency), discountedUnitPrice: money("5", currency) })],
    transactions: [],
  });

async function storesWithSales() {
  const { workspace, owner } = await buildWorkspaceWithOwner();
  const first = await buildConnection(workspace.id, { displayName: "First shop" });
  const second = await buildConnection(workspace.id, { displayName: "Second shop" });
  // The period 2026-03-08..2026-03-14; the previous one 2026-03-01..2026-03-07.
  await ingestOrders({ workspaceId: workspace.id, connectionId: first.id }, [
    sale("p1", "2026-03-02T10:00:00Z", "10.00"),
    sale("c1", "2026-03-08T10:00:00Z", "10.10", "USD", 2),
    { ...sale("c2", "2026-03-10T10:00:00Z", "20.20", "USD", 3, "shirt"), refunds: [refundRecord("c2-r", { total: money("5.05"), sourceCreatedAt: "2026-03-11T09:00:00Z" })] },
    sale("c3", "2026-03-10T11:00:00Z", "7.00", "EUR"),
  ]);
  await ingestOrders({ workspaceId: workspace.id, connectionId: second.id }, [sale("s1", "2026-03-14T23:00:00Z", "0.30")]);
  return { workspace, owner, first, second };
}

describe("dashboard.overview", () => {
  it("totals a period against the previous one by store and by currency, never adding currencies", async () => {
    const { workspace, owner, first, second } = await storesWithSales();
    const overview = await callerFor(owner).dashboard.overview({ workspaceSlug: workspace.slug, period: "custom", from: "2026-03-08", to: "2026-03-14" });

    expect(overview.period).toMatchObject({ from: "2026-03-08", to: "2026-03-14", days: 7, previous: { from: "2026-03-01", to: "2026-03-07" }, bucket: "day" });
    const row = (connectionId: string | null, currency: string) => overview.totals.find((t) => t.connectionId === connectionId && t.currency === currency);
    // Every store in dollars: 10.10 + 20.20 + 0.30, exactly (as floats they make 30.599999...).
    expect(row(null, "USD")).toEqual({
      connectionId: null,
      currency: "USD",
      current: { revenue: "30.6", orders: 3, averageOrderValue: "10.20", refunds: 1, refunded: "5.05", units: 6, },
      previous: { revenue: "10", orders: 1, averageOrderValue: "10.00", refunds: 0, refunded: "0", units: 1 },
      change: { revenue: "206.0", orders: "200.0", averageOrderValue: "2.0", refunds: null, refunded: null, units: "500.0" },
    });
    expect(row(first.id, "USD")?.current).toMatchObject({ revenue: "30.3", orders: 2 });
    expect(row(second.id, "USD")?.current).toMatchObject({ revenue: "0.3", orders: 1 });
    expect(row(null, "EUR")?.current).toMatchObject({ revenue: "7", orders: 1, units: 1 });
    expect(overview.totals).toHaveLength(5);

    const dollars = overview.series.find((s) => s.currency === "USD")!;
    expect(dollars.points.map((p) => [p.bucket, p.revenue, p.orders])).toEqual([
      ["2026-03-08", "10.1", 1], ["2026-03-09", "0", 0], ["2026-03-10", "20.2", 1], ["2026-03-11", "0", 0], ["2026-03-12", "0", 0], ["2026-03-13", "0", 0], ["2026-03-14", "0.3", 1],
    ]);
    expect(overview.series.map((s) => s.currency)).toEqual(["EUR", "USD"]);
    expect(overview.topProducts.map((p) => [p.title, p.currency, p.units, p.revenue])).toEqual([
      ["Shirt", "USD", 3, "15"],
      ["Mug", "USD", 2, "10"],
      // The same product id in two stores is two products.
      ["Mug", "EUR", 1, "5"],
      ["Mug", "USD", 1, "5"],
    ]);
    expect(overview.stores.map((s) => s.displayName)).toEqual(["First shop", "Second shop"]);
  });

  it("reads every figure in one statement, after the membership check that also gives the time zone", async () => {
    const { workspace, owner } = await storesWithSales();
    const caller = callerFor(owner);
    const statements = [vi.spyOn(db, "$queryRaw"), vi.spyOn(db, "$queryRawUnsafe"), vi.spyOn(db.workspace, "findUniqueOrThrow")];
    try {
      const overview = await caller.dashboard.overview({ workspaceSlug: workspace.slug, period: "custom", from: "2026-03-08", to: "2026-03-14" });
      expect(overview.totals).toHaveLength(5);
      expect(statements.reduce((calls, spy) => calls + spy.mock.calls.length, 0)).toBe(2);
    } finally {
      for (const spy of statements) spy.mockRestore();
    }
  });

  it("says while the workspace's zone is being changed which zone its figures are being counted again in", async () => {
    const { workspace, owner } = await storesWithSales();
    const input = { workspaceSlug: workspace.slug, period: "custom" as const, from: "2026-03-08", to: "2026-03-14" };
    const before = await callerFor(owner).dashboard.overview(input);
    expect(before.recountingIn).toBeNull();
    // A change queued by Settings (update-workspace-time-zone.ts), not yet run.
    await db.jobRun.create({
      data: { workspaceId: workspace.id, kind: "time-zone-change", trigger: "MANUAL", status: "QUEUED", details: { event: { name: "app/workspace.time-zone.change.requested", data: { workspaceId: workspace.id, timeZone: "Asia/Tokyo" } } } },
    });
    const during = await callerFor(owner).dashboard.overview(input);
    // The old zone's figures, whole, until the change is done.
    expect(during).toMatchObject({ timeZone: "UTC", recountingIn: "Asia/Tokyo", totals: before.totals });
  });

  it("ranks products over whole months and the days around them, each titled as on its latest day in the period", async () => {
    const { workspace, owner } = await buildWorkspaceWithOwner();
    const shop = await buildConnection(workspace.id);
    const line = (id: string, processedAt: string, product: string, title: string, quantity: number) => ({
      ...sale(id, processedAt, "1.00"),
      lineItems: [lineItemRecord(`${id}-1`, { productExternalId: product, title, quantity, unitPrice: money("2.50"), discountedUnitPrice: money("2.50") })],
    });
    await ingestOrders({ workspaceId: workspace.id, connectionId: shop.id }, [
      line("before", "2026-01-30T12:00:00Z", "mug", "Mug", 50),
      line("first-day", "2026-01-31T12:00:00Z", "mug", "Mug", 1),
      line("february", "2026-02-10T12:00:00Z", "shirt", "Shirt", 4),
      line("february-mug", "2026-02-20T12:00:00Z", "mug", "Mug", 2),
      line("last-day", "2026-03-02T12:00:00Z", "mug", "Mug (new)", 3),
      line("after", "2026-03-04T12:00:00Z", "shirt", "Shirt (later)", 50),
    ]);
    const overview = await callerFor(owner).dashboard.overview({ workspaceSlug: workspace.slug, period: "custom", from: "2026-01-31", to: "2026-03-02" });
    expect(overview.topProducts.map((p) => [p.title, p.units, p.revenue])).toEqual([
      ["Mug (new)", 6, "15"],
      ["Shirt", 4, "10"],
    ]);
    expect(wholeMonthsOf(overview.period)).toEqual({ from: "2026-02-01", to: "2026-03-01" });
    expect(wholeMonthsOf({ from: "2026-02-01", to: "2026-02-28" })).toEqual({ from: "2026-02-01", to: "2026-03-01" });
    // Within one month, or across two without a whole one: days only.
    expect(wholeMonthsOf({ from: "2026-02-02", to: "2026-02-28" })).toEqual({ from: "2026-03-01", to: "2026-03-01" });
    expect(wholeMonthsOf({ from: "2026-01-15", to: "2026-02-14" })).toEqual({ from: "2026-02-15", to: "2026-02-15" });
  });

  it("narrows to one store, and counts days in the workspace's time zone", async () => {
    const { workspace, owner, second } = await storesWithSales();
    const caller = callerFor(owner);
    const input = { workspaceSlug: workspace.slug, period: "custom" as const, from: "2026-03-08", to: "2026-03-14", connectionId: second.id };
    expect((await caller.dashboard.overview(input)).totals.map((t) => [t.connectionId, t.current.orders])).toEqual([[null, 1], [second.id, 1]]);

    // 23:00 UTC on the 14th is the 15th in Tokyo: out of the period.
    await db.workspace.update({ where: { id: workspace.id }, data: { timeZone: "Asia/Tokyo" } });
    await rebuildDashboardRollups(workspace.id);
    expect((await caller.dashboard.overview(input)).totals).toEqual([]);
  });

  it("has the match rate of the stores' reconciliations, empty until one has run, and every connection's sync health", async () => {
    const { workspace, owner } = await buildWorkspaceWithOwner();
    const { store, analytics, pair } = await buildReconciliationPair(workspace.id);
    const caller = callerFor(owner);
    const input = { workspaceSlug: workspace.slug, period: "custom" as const, from: "2026-03-08", to: "2026-03-14" };
    expect((await caller.dashboard.overview(input)).matchRate).toEqual([]);

    await buildReconciliationDay(pair, "2026-03-09", { storeOrders: 4, matched: 3 });
    const other = await buildReconciliationPair(workspace.id);
    await buildReconciliationDay(other.pair, "2026-03-09", { storeOrders: 6, matched: 6 });
    await buildReconciliationDay(pair, "2026-03-01", { storeOrders: 1, matched: 0 });
    expect((await caller.dashboard.overview(input)).matchRate).toEqual([{ date: "2026-03-09", storeOrders: 10, matched: 9, matchRate: "0.900000" }]);
    expect((await caller.dashboard.overview({ ...input, connectionId: store.id })).matchRate).toEqual([{ date: "2026-03-09", storeOrders: 4, matched: 3, matchRate: "0.750000" }]);

    const hourAgo = new Date(Date.now() - 3_600_000);
    const succeeded = await buildTrackedJobRun({ workspaceId: workspace.id, connectionId: store.id, kind: "sync", status: "SUCCEEDED", queuedAt: new Date(Date.now() - 7_200_000) });
    await buildTrackedJobRun({ workspaceId: workspace.id, connectionId: store.id, kind: "sync", status: "FAILED", queuedAt: hourAgo });
    await buildTrackedJobRun({ workspaceId: workspace.id, connectionId: store.id, kind: "sync", status: "FAILED", queuedAt: new Date(Date.now() - 2 * 86_400_000) });
    await db.connection.update({ where: { id: store.id }, data: { lastSyncRequestedAt: hourAgo, syncFrequencyMinutes: 180 } });
    await db.connection.update({ where: { id: analytics.id }, data: { status: "PAUSED" } });
    const health = (await caller.dashboard.overview(input)).syncHealth;
    expect(health.find((h) => h.connectionId === store.id)).toMatchObject({
      status: "ACTIVE",
      failuresLast24h: 1,
      inProgress: false,
      lastSuccessAt: succeeded.finishedAt,
      nextRunAt: new Date(hourAgo.getTime() + 180 * 60_000),
    });
    expect(health.find((h) => h.connectionId === analytics.id)).toMatchObject({ status: "PAUSED", lastSuccessAt: null, nextRunAt: null });
    expect(health).toHaveLength(4);
  });

  it("answers a malformed period with BAD_REQUEST naming the field, and a workspace the caller is not in with NOT_FOUND", async () => {
    const { workspace, owner } = await buildWorkspaceWithOwner();
    const caller = callerFor(owner);
    const missing = await errorOf(caller.dashboard.overview({ workspaceSlug: workspace.slug, period: "custom", from: "2026-03-08" }));
    expect(missing.code).toBe("BAD_REQUEST");
    expect(JSON.stringify(missing)).toContain("to");
    const backwards = await errorOf(caller.dashboard.overview({ workspaceSlug: workspace.slug, period: "custom", from: "2026-03-08", to: "2026-03-01" }));
    expect(JSON.stringify(backwards)).toContain("The last day comes before the first");
    expect((await errorOf(caller.dashboard.overview({ workspaceSlug: workspace.slug, period: "custom", from: "2026-02-30", to: "2026-03-01" }))).code).toBe("BAD_REQUEST");

    const stranger = await buildWorkspaceWithOwner();
    expect((await errorOf(callerFor(stranger.owner).dashboard.overview({ workspaceSlug: workspace.slug }))).code).toBe("NOT_FOUND");
    const { user: viewer } = await buildMember(workspace.id, "VIEWER");
    expect((await callerFor(viewer).dashboard.overview({ workspaceSlug: workspace.slug })).totals).toEqual([]);
  });
});

describe("resolvePeriod", () => {
  it("ends a preset today and counts today, with the same number of days before it; weeks beyond 45 days", () => {
    expect(resolvePeriod({ period: "7d" }, "2026-03-14")).toEqual({ from: "2026-03-08", to: "2026-03-14", days: 7, previous: { from: "2026-03-01", to: "2026-03-07" }, bucket: "day" });
    expect(resolvePeriod({ period: "90d" }, "2026-03-31")).toMatchObject({ from: "2026-01-01", days: 90, previous: { from: "2025-10-03", to: "2025-12-31" }, bucket: "week" });
  });
});
