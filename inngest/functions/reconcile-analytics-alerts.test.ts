import { InngestTestEngine } from "@inngest/test";
import { describe, expect, it } from "vitest";
import { orderRecord } from "@/prisma/factories/commerce";
import { buildMember, buildWorkspaceWithOwner } from "@/prisma/factories/members";
import { buildReconciliationPair } from "@/prisma/factories/reconciliation";
import { callerFor } from "@/server/api/test-utils";
import { db } from "@/server/db";
import { ingestRecords } from "@/server/ingest";
import { analyticsReconciliationRequested } from "@/server/services/jobs/events";
import { reconcileAnalytics } from "./reconcile-analytics";

// Ten orders of 19.00 USD on 2 November (long final), GA4 recording `recorded` of them.
async function setUp() {
  const { workspace } = await buildWorkspaceWithOwner("Acme Analytics");
  const analyst = (await buildMember(workspace.id, "MEMBER")).user;
  await callerFor(analyst).me.updateNotifications({ matchRateAlertEmails: true });
  const { pair, store, analytics } = await buildReconciliationPair(workspace.id);
  const at = "2026-11-02T12:00:00.000Z";
  const ids = Array.from({ length: 10 }, (_, i) => `70${i}`);
  await ingestRecords({ workspaceId: workspace.id, connectionId: store.id }, { kind: "orders", records: ids.map((id) => orderRecord(id, { processedAt: at, sourceCreatedAt: at, sourceUpdatedAt: at })) });
  const record = (transactionIds: string[]) =>
    db.analyticsPurchase.createMany({
      data: transactionIds.map((transactionId) => ({
        workspaceId: workspace.id,
        connectionId: analytics.id,
        date: new Date("2026-11-02T00:00:00Z"),
        transactionId,
        sourceMedium: "google / cpc",
        deviceCategory: "mobile",
        currency: "USD",
        revenue: "19.00",
        tax: "0",
        shipping: "0",
        purchases: 1,
        transactions: 1,
        observedAt: new Date(),
      })),
    });
  const run = () => new InngestTestEngine({ function: reconcileAnalytics, events: [analyticsReconciliationRequested.create({ workspaceId: workspace.id, pairId: pair.id, trigger: "MANUAL", full: true })] }).execute();
  return { workspace, analyst, pair, ids, record, run };
}

describe("reconcile-analytics: match-rate alerts", () => {
  it("emails the opted-in member once the reconciled day falls below the threshold, and again when a later run finds it recovered", async () => {
    const w = await setUp();
    await w.record(w.ids.slice(0, 8));
    expect((await w.run()).result).toMatchObject({ outcome: "reconciled", alert: "alerted" });
    const [alert, ...others] = await db.emailOutbox.findMany({ where: { workspaceId: w.workspace.id } });
    expect(others).toEqual([]);
    expect(alert).toMatchObject({ to: w.analyst.email, template: "match-rate-alert" });
    expect(alert!.text).toContain("Missing in analytics: 2 (38.00 USD)");

    // Nothing changed: no second alert.
    expect((await w.run()).result).toMatchObject({ outcome: "reconciled", alert: "unchanged" });

    // The late purchases arrive: recovered.
    await w.record(w.ids.slice(8));
    expect((await w.run()).result).toMatchObject({ outcome: "reconciled", alert: "recovered" });
    expect((await db.emailOutbox.findMany({ where: { workspaceId: w.workspace.id }, orderBy: { createdAt: "asc" } })).map((m) => m.template)).toEqual(["match-rate-alert", "match-rate-recovered"]);
  });
});
