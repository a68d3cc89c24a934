// The GA4 property's purchase events, derived from the sandbox Shopify's orders the way a web tag
// records them: most exactly, some lost or distorted at known rates. Each order's treatment comes
// from its own random stream (seed, order id), so the same orders and seed give the same property,
// and `planted` says which order got which treatment: what reconciliation must find.
import { rngFor } from "../_kit/random";
import { amountToCents } from "../_kit/money";
import { generateCatalog, generateOrder, resolvedVolume, type GeneratorOptions as ShopOptions } from "../shopify/generate";
import type { OrderRecord } from "../shopify/records";

const HOUR = 3_600_000;

/**
 * What the tag did with an order's purchase:
 * - `exact`: recorded as the store took it;
 * - `blocked` / `consent-denied`: never recorded (ad blocker; consent mode without modelling);
 * - `duplicated`: recorded twice with the same transaction id (thank-you page reloaded);
 * - `other-currency`: the tag sent the value in EUR, which GA4 converted back at its own rate;
 * - `without-tax-shipping`: the value sent was the subtotal, tax and shipping left out;
 * - `late`: recorded, but processed 24–48 h after the purchase (recent days not final);
 * - `not-set`: recorded without a transaction id, reported as `(not set)`.
 */
export type Treatment = "exact" | "blocked" | "consent-denied" | "duplicated" | "other-currency" | "without-tax-shipping" | "late" | "not-set";

/** The share of orders planted with each distortion; the rest are exact. */
export const LOSS_RATES: Record<Exclude<Treatment, "exact">, number> = {
  blocked: 0.08,
  "consent-denied": 0.05,
  duplicated: 0.02,
  "other-currency": 0.02,
  "without-tax-shipping": 0.03,
  late: 0.03,
  "not-set": 0.01,
};

/** The tag's EUR value (store total × 0.92) converted back by GA4 at 1.0850: close but never equal. */
export const OTHER_CURRENCY = { code: "EUR", tagRate: 0.92, ga4Rate: 1.085 };
/** Ordinary processing delay (GA4 shows most events within hours), and the planted late one's. */
const PROCESSING_HOURS = { usual: [1, 8], late: [24, 48] } as const;

export const SOURCE_MEDIUMS = ["google / cpc", "google / organic", "(direct) / (none)", "facebook / paid_social", "newsletter / email", "instagram / referral"] as const;
export const DEVICE_CATEGORIES = ["desktop", "mobile", "tablet"] as const;

/** One purchase event as GA4 stored it. Money in integer cents of the property's currency. */
export interface PurchaseEvent {
  /** `(not set)` when the tag sent none. */
  transactionId: string;
  /** The event's time (ms) and when GA4 finished processing it: reports show it only after. */
  at: number;
  availableAt: number;
  revenueCents: number;
  taxCents: number;
  shippingCents: number;
  sessionSourceMedium: string;
  deviceCategory: string;
}

export interface PlantedOrder {
  orderId: number;
  orderName: string;
  treatment: Exclude<Treatment, "exact">;
}

export interface Ga4Property {
  events: PurchaseEvent[];
  /** Every order that is not recorded exactly, in order id order. */
  planted: PlantedOrder[];
  /** How many orders were read. */
  orders: number;
}

function treatmentOf(seed: string | number, orderId: number): Treatment {
  const draw = rngFor(seed, "ga4-treatment", orderId).next();
  let edge = 0;
  for (const [treatment, rate] of Object.entries(LOSS_RATES) as [Exclude<Treatment, "exact">, number][]) {
    edge += rate;
    if (draw < edge) return treatment;
  }
  return "exact";
}

/** The purchase events a store's orders leave in GA4 (the tag reports the order's id as transaction id). */
export function purchasesFrom(seed: string | number, orders: Iterable<OrderRecord>): Ga4Property {
  const events: PurchaseEvent[] = [];
  const planted: PlantedOrder[] = [];
  let count = 0;
  for (const order of orders) {
    count++;
    const treatment = treatmentOf(seed, order.id);
    if (treatment !== "exact") planted.push({ orderId: order.id, orderName: order.name, treatment });
    if (treatment === "blocked" || treatment === "consent-denied") continue;
    const rng = rngFor(seed, "ga4-event", order.id);
    const totalCents = amountToCents(order.totalPrice);
    const taxCents = amountToCents(order.totalTax);
    const shippingCents = amountToCents(order.totalShipping);
    const [low, high] = treatment === "late" ? PROCESSING_HOURS.late : PROCESSING_HOURS.usual;
    const event: PurchaseEvent = {
      transactionId: treatment === "not-set" ? "(not set)" : String(order.id),
      at: order.processedAt,
      availableAt: order.processedAt + rng.int(low * 60, high * 60) * 60_000,
      revenueCents: treatment === "other-currency" ? Math.round(totalCents * OTHER_CURRENCY.tagRate * OTHER_CURRENCY.ga4Rate) : treatment === "without-tax-shipping" ? totalCents - taxCents - shippingCents : totalCents,
      taxCents: treatment === "without-tax-shipping" ? 0 : taxCents,
      shippingCents: treatment === "without-tax-shipping" ? 0 : shippingCents,
      sessionSourceMedium: rng.pick(SOURCE_MEDIUMS),
      deviceCategory: rng.pick(DEVICE_CATEGORIES),
    };
    events.push(event);
    if (treatment === "duplicated") events.push({ ...event, at: event.at + rng.int(1, 30) * 60_000, availableAt: event.availableAt + HOUR });
  }
  return { events, planted, orders: count };
}

/** The property for the sandbox Shopify's generated orders (as `generatedPayouts` reads them). */
export function generatedPurchases(seed: string | number, shop: ShopOptions): Ga4Property {
  const catalog = generateCatalog(shop);
  const count = resolvedVolume(shop.volume).orders;
  function* orders(): Generator<OrderRecord> {
    for (let i = 0; i < count; i++) yield generateOrder(shop, catalog, i);
  }
  return purchasesFrom(seed, orders());
}
