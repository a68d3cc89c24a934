import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withInngestRunner, type InngestHarness } from "@/dev/test/inngest";
import { inngest } from "@/inngest/client";
import { pairOrder, purchaseDay, purchaseRow } from "@/prisma/factories/analytics-reconciliation";
import { buildConnection } from "@/prisma/factories/connections";
import { buildWorkspaceWithOwner } from "@/prisma/factories/members";
import { db } from "@/server/db";
import { ingestRecords } from "@/server/ingest";
import { requestNightlyReconciliation } from "@/server/services/reconciliation/request-pair-recompute";
import { completeConnectionSync } from "@/server/services/sync/complete-connection-sync";
import { reconcileAnalytics } from "./reconcile-analytics";

let harness: InngestHarness;
beforeAll(async () => {
  harness = await withInngestRunner(inngest, [reconcileAnalytics]);
});
afterAll(async () => {
  await harness?.stop();
});

/** A workspace with a synced store and, once `withProperty`, a GA4 property: no pair made yet. */
async function setUp() {
  const { workspace } = await buildWorkspaceWithOwner();
  const store = await buildConnection(workspace.id);
  await ingestRecords({ workspaceId: workspace.id, connectionId: store.id }, { kind: "orders", records: [pairOrder("1", "2026-03-02T10:00:00Z", "10.00"), pairOrder("2", "2026-03-02T11:00:00Z", "20.00")] });
  const withProperty = async () => {
    const analytics = await buildConnection(workspace.id, { provider: "GA4", externalAccountId: `properties/${workspace.id}`, authMethod: "CREDENTIALS", settings: { propertyId: "1", timeZone: "UTC", currencyCode: "USD" } });
    await ingestRecords({ workspaceId: workspace.id, connectionId: analytics.id }, { kind: "analyticsPurchaseDays", records: [purchaseDay("2026-03-02", [purchaseRow("1", "10.00")])] });
    return analytics;
  };
  return { workspace, store, withProperty };
}

describe("reconcile-analytics", () => {
  it("pairs the store with the property once both exist, and reconciles them after either side's sync, as a run of the workspace", async () => {
    const w = await setUp();
    await completeConnectionSync(w.store.id);
    expect(await db.reconciliationPair.count({ where: { workspaceId: w.workspace.id } })).toBe(0);

    const analytics = await w.withProperty();
    await completeConnectionSync(analytics.id);
    const run = await harness.waitForRun({ functionId: "reconcile-analytics", status: "COMPLETED" }, 30_000);
    expect(run.output).toMatchObject({ outcome: "reconciled", full: true, days: 1 });

    const pair = await db.reconciliationPair.findFirstOrThrow({ where: { workspaceId: w.workspace.id } });
    expect(pair).toMatchObject({ storeConnectionId: w.store.id, analyticsConnectionId: analytics.id, timeZone: "UTC", lastComputedAt: expect.any(Date) });
    expect(await db.reconciliationDay.findMany({ where: { pairId: pair.id }, select: { storeOrders: true, matched: true, missingCount: true } })).toEqual([{ storeOrders: 2, matched: 1, missingCount: 1 }]);
    expect(await db.jobRun.findFirst({ where: { workspaceId: w.workspace.id, functionId: "reconcile-analytics" } })).toMatchObject({ kind: "analytics-reconciliation", status: "SUCCEEDED", trigger: "SCHEDULE", recordsUpdated: 1 });
  });

  it("is requested nightly for every pair, once a night however often the tick runs", async () => {
    const w = await setUp();
    await w.withProperty();
    const night = new Date("2026-03-10T02:30:00Z");
    // Pairs are made on the way: no sync needed to have been reported.
    expect(await requestNightlyReconciliation(night)).toBeGreaterThanOrEqual(1);
    const pair = await db.reconciliationPair.findFirstOrThrow({ where: { workspaceId: w.workspace.id } });
    await requestNightlyReconciliation(night);
    await harness.waitForRun({ eventId: `analytics-reconciliation-${pair.id}-2026-03-10`, status: "COMPLETED" }, 30_000);
    const runs = await harness.runner.listRuns({ functionId: "reconcile-analytics" });
    expect(runs.filter((r) => (r.event as { data?: { pairId?: string } }).data?.pairId === pair.id)).toHaveLength(1);
  });
});
