// A store ↔ analytics reconciliation pair with days and issues as the engine leaves them: for the
// tests of the reconciliation pages, settings and alerts, and the sweeps' fixtures.
import { db } from "@/server/db";
import { Prisma } from "@/server/generated/prisma/client";
import { buildConnection } from "./connections";

/** A store connection, a GA4 connection and the pair between them (overrides apply to the pair). */
export async function buildReconciliationPair(workspaceId: string, overrides: Partial<Prisma.ReconciliationPairUncheckedCreateInput> = {}) {
  const store = await buildConnection(workspaceId);
  const analytics = await buildConnection(workspaceId, { provider: "GA4", externalAccountId: `properties/${store.id}`, displayName: `GA4 · ${store.displayName}`, authMethod: "CREDENTIALS" });
  const pair = await db.reconciliationPair.create({
    data: { workspaceId, storeConnectionId: store.id, analyticsConnectionId: analytics.id, timeZone: "Europe/London", lastComputedAt: new Date(), ...overrides },
  });
  return { store, analytics, pair };
}

type DayCounts = { storeOrders: number; matched: number; extraCount?: number; notSetCount?: number; mismatchCount?: number; duplicateCount?: number };

/**
 * A computed day whose counts add up (storeOrders = matched + missing, analytics = matched +
 * extras), every order worth `orderValue`; `final` unless said otherwise.
 */
export async function buildReconciliationDay(
  pair: { id: string; workspaceId: string },
  date: string,
  counts: DayCounts,
  overrides: Partial<Prisma.ReconciliationDayUncheckedCreateInput> & { orderValue?: string } = {},
) {
  const { orderValue = "10.00", ...rest } = overrides;
  const value = (n: number) => new Prisma.Decimal(orderValue).mul(n).toFixed(2);
  const missing = counts.storeOrders - counts.matched;
  const extras = counts.extraCount ?? 0;
  return db.reconciliationDay.create({
    data: {
      workspaceId: pair.workspaceId,
      pairId: pair.id,
      date: new Date(`${date}T00:00:00Z`),
      currency: "GBP",
      storeOrders: counts.storeOrders,
      storeValue: value(counts.storeOrders),
      analyticsTransactions: counts.matched + extras,
      analyticsValue: value(counts.matched + extras),
      matched: counts.matched,
      matchRate: counts.storeOrders === 0 ? null : new Prisma.Decimal(counts.matched).div(counts.storeOrders).toDecimalPlaces(6),
      missingCount: missing,
      missingValue: value(missing),
      extraCount: extras,
      extraValue: value(extras),
      mismatchCount: counts.mismatchCount ?? 0,
      duplicateCount: counts.duplicateCount ?? 0,
      notSetCount: counts.notSetCount ?? 0,
      notSetValue: value(counts.notSetCount ?? 0),
      final: true,
      computedAt: new Date(),
      ...rest,
    },
  });
}

/** One order or transaction behind a day's figures. */
export async function buildReconciliationIssue(
  pair: { id: string; workspaceId: string },
  date: string,
  kind: Prisma.ReconciliationIssueUncheckedCreateInput["kind"],
  overrides: Partial<Prisma.ReconciliationIssueUncheckedCreateInput> = {},
) {
  return db.reconciliationIssue.create({
    data: { workspaceId: pair.workspaceId, pairId: pair.id, date: new Date(`${date}T00:00:00Z`), kind, currency: "GBP", ...overrides },
  });
}

/** The day of insertReconciliationSample: sweeps pass it as the `date` of a reconciliation day. */
export const RECONCILIATION_SAMPLE_DAY = "2026-11-02";

/** For sweeps that need real ids: a pair with one final day below the default threshold and its missing order. */
export async function insertReconciliationSample(workspaceId: string) {
  const { pair } = await buildReconciliationPair(workspaceId);
  await buildReconciliationDay(pair, RECONCILIATION_SAMPLE_DAY, { storeOrders: 4, matched: 3 });
  await buildReconciliationIssue(pair, RECONCILIATION_SAMPLE_DAY, "MISSING_IN_ANALYTICS", { orderName: "#1001", storeValue: "10.00" });
  return { pairId: pair.id };
}
