// Rows of the analytics reconciliation, the dashboard's rollups and an export, as their writers
// leave them: for the populated workspace and the tests of the pages that read them.
import { db } from "@/server/db";

type Scope = { workspaceId: string; connectionId: string };

/** A GA4 connection of the workspace with one reported purchase. */
export async function buildAnalyticsConnection(workspaceId: string, tag: string) {
  const connection = await db.connection.create({
    data: {
      workspaceId,
      provider: "GA4",
      externalAccountId: `properties/${tag}`,
      displayName: "GA4 · Demo Brand",
      status: "ACTIVE",
      authMethod: "CREDENTIALS",
      settings: { propertyId: tag, timeZone: "America/New_York", currencyCode: "USD" },
    },
  });
  await db.analyticsPurchase.create({
    data: {
      workspaceId,
      connectionId: connection.id,
      date: new Date("2026-11-02"),
      transactionId: "5001",
      sourceMedium: "google / cpc",
      deviceCategory: "mobile",
      currency: "USD",
      revenue: "59.90",
      tax: "4.90",
      shipping: "0",
      purchases: 1,
      transactions: 1,
      observedAt: new Date(),
    },
  });
  return connection;
}

/** A reconciliation of `store` against `analytics` with one computed day, its revision and a missing order. */
export async function buildReconciliation(workspaceId: string, store: Scope["connectionId"], analytics: Scope["connectionId"]) {
  await db.reconciliationSettings.create({ data: { workspaceId } });
  const pair = await db.reconciliationPair.create({ data: { workspaceId, storeConnectionId: store, analyticsConnectionId: analytics, timeZone: "America/New_York" } });
  const figures = { storeOrders: 2, storeValue: "119.80", analyticsTransactions: 1, analyticsValue: "59.90", matched: 1, missingCount: 1, missingValue: "59.90", extraCount: 0, extraValue: "0", mismatchCount: 0, duplicateCount: 0, notSetCount: 0, notSetValue: "0" };
  const day = await db.reconciliationDay.create({
    data: { workspaceId, pairId: pair.id, date: new Date("2026-11-02"), currency: "USD", ...figures, matchRate: "0.5", computedAt: new Date() },
  });
  await db.reconciliationDayRevision.create({ data: { workspaceId, dayId: day.id, matchRate: "1", figures, computedAt: new Date(Date.now() - 3_600_000), replacedAt: new Date() } });
  await db.reconciliationIssue.create({
    data: { workspaceId, pairId: pair.id, date: day.date, kind: "MISSING_IN_ANALYTICS", orderName: "#1002", currency: "USD", storeValue: "59.90" },
  });
  return pair;
}

/** The store's rollup rows for one day (what the triggers keep; skipped where they already wrote it). */
export async function buildRollups(scope: Scope) {
  const day = new Date("2026-11-02");
  await db.dailySalesRollup.createMany({ data: [{ ...scope, day, currency: "USD", orders: 1, grossSales: "59.90", units: 1 }], skipDuplicates: true });
  await db.dailyProductRollup.createMany({ data: [{ ...scope, day, currency: "USD", productKey: "p-1", title: "Demo tee", units: 1, revenue: "59.90" }], skipDuplicates: true });
  await db.monthlyProductRollup.createMany({ data: [{ ...scope, month: new Date("2026-11-01"), currency: "USD", productKey: "p-1", units: 1, revenue: "59.90", days: 1 }], skipDuplicates: true });
}

/** A finished CSV export with one chunk of its file. */
export async function buildExportFile(workspaceId: string) {
  return db.exportFile.create({
    data: {
      workspaceId,
      list: "orders",
      format: "CSV",
      status: "SUCCEEDED",
      fileName: "orders.csv",
      rowsTotal: 1,
      rowsWritten: 1,
      bytes: 12,
      finishedAt: new Date(),
      expiresAt: new Date(Date.now() + 86_400_000),
      chunks: { create: { seq: 0, data: Buffer.from("\uFEFFname\n#1001\n") } },
    },
  });
}
