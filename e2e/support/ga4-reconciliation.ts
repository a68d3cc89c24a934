// What the Reconciliation pages should show for a day of the sandbox shop against the sandbox GA4,
// worked out in the spec from the store's orders and what the sandbox says it planted, by the rules
// the engine documents (server/services/reconciliation/compute-pair-days.ts), never by asking it.
import { amountToCents, centsToAmount } from "@/dev/sandbox/_kit/money";
import { OTHER_CURRENCY, type PlantedOrder, type Treatment } from "@/dev/sandbox/ga4/generate";
import { dayIn } from "@/dev/sandbox/ga4/report";
import { query } from "./database";

/** ReconciliationPair.toleranceMinorUnits' default: a difference of one penny is no mismatch. */
const TOLERANCE_CENTS = 1;

/** A store order as the workspace synced it (money as exact decimal strings). */
export type StoreOrder = { externalId: string; name: string; currency: string; processedAt: Date; totalPrice: string; tax: string; shipping: string; discounts: string };

/** A value mismatch; `explanation` as the engine codes it (TAX, SHIPPING…), null when none fits. */
export type ExpectedMismatch = { name: string; transactionId: string; store: string; analytics: string; difference: string; explanation: string | null };

export type ExpectedDay = {
  date: string;
  currency: string;
  orders: number;
  matched: number;
  /** matched / orders, to six decimals as the engine rounds it. */
  matchRate: string;
  /** Orders analytics never saw (blocked, consent denied, sent without a transaction id), their value. */
  missing: { name: string; value: string }[];
  missingValue: string;
  /** Purchases GA4 reported without a transaction id. */
  notSet: number;
  /** Transactions recorded twice: their id, order, times and GA4's revenue over both. */
  duplicates: { transactionId: string; name: string; times: number; analytics: string }[];
  mismatches: ExpectedMismatch[];
};

/** The store's orders that count (neither test nor deleted) of the workspace's Shopify connection. */
export async function storeOrders(slug: string): Promise<StoreOrder[]> {
  return query<StoreOrder>(
    `SELECT o."externalId", o.name, o.currency, o."processedAt", o."totalPrice"::text AS "totalPrice", coalesce(o."totalTax", 0)::text AS tax,
            coalesce(o."totalShipping", 0)::text AS shipping, coalesce(o."totalDiscounts", 0)::text AS discounts
     FROM "Order" o JOIN "Connection" c ON c.id = o."connectionId" JOIN "Workspace" w ON w.id = c."workspaceId"
     WHERE w.slug = $1 AND c.provider = 'SHOPIFY' AND NOT o.test AND o."deletedAt" IS NULL`,
    [slug],
  );
}

/** Why GA4's value differs, as the engine names it: a tax, shipping or discount shortfall (within the tolerance), else none. */
function explanationOf(diff: number, tax: number, shipping: number, discounts: number): string | null {
  const near = (cents: number) => Math.abs(cents) <= TOLERANCE_CENTS;
  if (tax > 0 && shipping > 0 && near(diff + tax + shipping)) return "TAX_AND_SHIPPING";
  if (tax > 0 && near(diff + tax)) return "TAX";
  if (shipping > 0 && near(diff + shipping)) return "SHIPPING";
  if (discounts > 0 && near(Math.abs(diff) - discounts)) return "DISCOUNTS";
  return null;
}

/** The revenue (cents) the sandbox's tag sent for an order with this treatment. */
function recordedCents(order: StoreOrder, treatment: Treatment): number {
  const total = amountToCents(order.totalPrice);
  if (treatment === "other-currency") return Math.round(total * OTHER_CURRENCY.tagRate * OTHER_CURRENCY.ga4Rate);
  if (treatment === "without-tax-shipping") return total - amountToCents(order.tax) - amountToCents(order.shipping);
  return total;
}

const NOT_RECORDED = new Set<Treatment>(["blocked", "consent-denied", "not-set"]);

/** An order's mismatch with GA4's value, when the difference is beyond the tolerance. */
function mismatchOf(order: StoreOrder, treatment: Treatment): ExpectedMismatch | null {
  const recorded = recordedCents(order, treatment);
  const diff = recorded - amountToCents(order.totalPrice);
  if (Math.abs(diff) <= TOLERANCE_CENTS) return null;
  return {
    name: order.name,
    transactionId: order.externalId,
    store: order.totalPrice,
    analytics: centsToAmount(recorded),
    difference: centsToAmount(diff),
    explanation: explanationOf(diff, amountToCents(order.tax), amountToCents(order.shipping), amountToCents(order.discounts)),
  };
}

export class PlantedDays {
  private readonly treatment: Map<string, Treatment>;
  private readonly dayOf: (ms: number) => string;

  constructor(
    private readonly orders: StoreOrder[],
    planted: PlantedOrder[],
    timeZone: string,
  ) {
    this.treatment = new Map(planted.map((p) => [String(p.orderId), p.treatment]));
    this.dayOf = dayIn(timeZone);
  }

  /** The order's day in the property's zone. */
  day(order: StoreOrder): string {
    return this.dayOf(order.processedAt.getTime());
  }

  treatmentOf(order: StoreOrder): Treatment {
    return this.treatment.get(order.externalId) ?? "exact";
  }

  /**
   * The latest order planted `treatment` on a day from `from` to `to` whose issue shows (a
   * distortion beyond the tolerance), if any.
   */
  latest(treatment: Treatment, from: string, to: string): StoreOrder | undefined {
    return this.orders
      .filter((order) => this.treatmentOf(order) === treatment && this.day(order) >= from && this.day(order) <= to)
      .filter((order) => treatment !== "other-currency" && treatment !== "without-tax-shipping" || mismatchOf(order, treatment) !== null)
      .sort((a, b) => b.processedAt.getTime() - a.processedAt.getTime())[0];
  }

  /** The days from `from` to `to` with orders, newest first. */
  datesWithOrders(from: string, to: string): string[] {
    const dates = new Set(this.orders.map((order) => this.day(order)).filter((date) => date >= from && date <= to));
    return [...dates].sort().reverse();
  }

  /** The day's figures and issues as the pages should show them. */
  expected(date: string): ExpectedDay {
    const orders = this.orders.filter((order) => this.day(order) === date).sort((a, b) => a.name.localeCompare(b.name));
    const missing = orders.filter((order) => NOT_RECORDED.has(this.treatmentOf(order)));
    const recorded = orders.filter((order) => !NOT_RECORDED.has(this.treatmentOf(order)));
    return {
      date,
      currency: orders[0]!.currency,
      orders: orders.length,
      matched: recorded.length,
      matchRate: (recorded.length / orders.length).toFixed(6),
      missing: missing.map((order) => ({ name: order.name, value: order.totalPrice })),
      missingValue: centsToAmount(missing.reduce((sum, order) => sum + amountToCents(order.totalPrice), 0)),
      notSet: missing.filter((order) => this.treatmentOf(order) === "not-set").length,
      duplicates: recorded
        .filter((order) => this.treatmentOf(order) === "duplicated")
        .map((order) => ({ transactionId: order.externalId, name: order.name, times: 2, analytics: centsToAmount(2 * amountToCents(order.totalPrice)) })),
      mismatches: recorded.map((order) => mismatchOf(order, this.treatmentOf(order))).filter((m): m is ExpectedMismatch => m !== null),
    };
  }
}
