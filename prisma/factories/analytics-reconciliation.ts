// A store and a GA4 property of one workspace, paired for the reconciliation engine, and their
// data written as a sync writes it (server/ingest): for the engine's and its job's tests.
import { buildConnection } from "@/prisma/factories/connections";
import { orderRecord } from "@/prisma/factories/commerce";
import type { AnalyticsPurchaseDayRecord, AnalyticsPurchaseRow, OrderRecord } from "@/server/connectors/_core/records";
import { db } from "@/server/db";
import { ingestRecords } from "@/server/ingest";
import { ensureReconciliationPairs } from "@/server/services/reconciliation/ensure-reconciliation-pairs";

export type AnalyticsPairOptions = { timeZone?: string; currency?: string };

/** A Shopify store and a GA4 property (its time zone and currency in its settings), and their pair. */
export async function buildAnalyticsPair(workspaceId: string, { timeZone = "America/New_York", currency = "USD" }: AnalyticsPairOptions = {}) {
  const store = await buildConnection(workspaceId);
  const analytics = await buildConnection(workspaceId, {
    provider: "GA4",
    externalAccountId: `properties/${store.id}`,
    displayName: "GA4 · Test property",
    authMethod: "CREDENTIALS",
    settings: { propertyId: store.id, propertyName: "Test property", timeZone, currencyCode: currency },
  });
  await ensureReconciliationPairs(workspaceId);
  const pair = await db.reconciliationPair.findUniqueOrThrow({ where: { storeConnectionId_analyticsConnectionId: { storeConnectionId: store.id, analyticsConnectionId: analytics.id } } });
  const storeScope = { workspaceId, connectionId: store.id };
  const analyticsScope = { workspaceId, connectionId: analytics.id };
  return {
    store,
    analytics,
    pair,
    /** Orders as a sync writes them. */
    orders: (records: OrderRecord[]) => ingestRecords(storeScope, { kind: "orders", records }),
    /** Days of the property's report as a sync writes them (each replaces its stored day). */
    purchaseDays: (records: AnalyticsPurchaseDayRecord[]) => ingestRecords(analyticsScope, { kind: "analyticsPurchaseDays", records }),
    deleteOrders: (externalIds: string[], occurredAt = new Date().toISOString()) =>
      ingestRecords(storeScope, { kind: "deletions", records: externalIds.map((externalId) => ({ resource: "order" as const, externalId, occurredAt })) }),
  };
}

/** An order of `total` (its tax, shipping and discounts as given) placed at `processedAt`. */
export function pairOrder(externalId: string, processedAt: string, total: string, overrides: Partial<OrderRecord> = {}): OrderRecord {
  const currency = overrides.currency ?? "USD";
  const money = (amount: string) => ({ amount, currency });
  return orderRecord(
    externalId,
    { processedAt, sourceCreatedAt: processedAt, currency, totalPrice: money(total), currentTotalPrice: money(total), subtotal: money(total), totalTax: money("0"), totalDiscounts: money("0"), totalShipping: money("0"), totalRefunded: money("0"), transactions: [], ...overrides },
    0,
  );
}

/** A report row of one purchase of `revenue` (tax and shipping 0 unless given). */
export function purchaseRow(transactionId: string, revenue: string, overrides: Partial<AnalyticsPurchaseRow> = {}): AnalyticsPurchaseRow {
  const counted = transactionId === "(not set)" ? 0 : 1;
  return { transactionId, sourceMedium: "google / cpc", deviceCategory: "mobile", revenue, tax: "0", shipping: "0", purchases: 1, transactions: counted, ...overrides };
}

/** One day of the property's report, seen at `observedAt` (later copies replace earlier ones). */
export function purchaseDay(date: string, rows: AnalyticsPurchaseRow[], { currency = "USD", observedAt = new Date().toISOString() } = {}): AnalyticsPurchaseDayRecord {
  return { date, currency, rows, observedAt };
}
