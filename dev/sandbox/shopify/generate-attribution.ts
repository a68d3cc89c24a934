// Where a generated order came from and what it paid for shipping: its sales channel, the last
// visit before it (with UTM parameters) and its shipping lines. Drawn from their own random stream
// (seed, order index), so every other figure of the order is drawn exactly as before they existed.
// What is assumed of Shopify here is listed in README.md ("Channels, journeys and shipping").
import { centsToAmount } from "../_kit/money";
import { rngFor, type Rng } from "../_kit/random";
import type { OrderRecord, SalesChannel, ShippingLineRecord, VisitRecord } from "./records";

/** The apps behind most orders, with the ids Shopify gives them and their orders' sourceName. */
export const CHANNELS = {
  onlineStore: { appId: 580111, appName: "Online Store", sourceName: "web" },
  pointOfSale: { appId: 129785, appName: "Point of Sale", sourceName: "pos" },
  draftOrders: { appId: 1354745, appName: "Draft Orders", sourceName: "shopify_draft_order" },
} as const satisfies Record<string, SalesChannel>;

type Visit = Omit<VisitRecord, "occurredAt">;

/** An online store order's last visit, by share; null is a direct visit with no journey Shopify records. */
const VISITS: [share: number, visit: Visit | null][] = [
  [0.3, { source: "google", sourceType: null, utmSource: "google", utmMedium: "cpc" }],
  [0.2, { source: "facebook", sourceType: null, utmSource: "facebook", utmMedium: "paid_social" }],
  [0.15, { source: "email", sourceType: "NEWSLETTER", utmSource: "newsletter", utmMedium: "email" }],
  // Organic search: no UTM parameters, so the visit's own source and tactic are all there is.
  [0.1, { source: "google", sourceType: "SEO", utmSource: null, utmMedium: null }],
  [0.25, null],
];

/** Free over this subtotal; otherwise standard or express. */
const FREE_SHIPPING_FROM_CENTS = 7500;
const SHIPPING_RATES = [
  { title: "Standard", code: "STANDARD", cents: 495 },
  { title: "Express", code: "EXPRESS", cents: 1295 },
] as const;

const SHIPPING_LINE_ID_BASE = 45_000_000_000;

export type OrderAttribution = Pick<OrderRecord, "channel" | "journey" | "shippingLines" | "totalShipping">;

/** What the sandbox served for every order before orders had these (state files of format 1). */
export const BEFORE_ATTRIBUTION: OrderAttribution = { channel: CHANNELS.onlineStore, journey: null, shippingLines: [], totalShipping: "0.00" };

/** Online store orders 85 %, point of sale 10 % (nothing shipped, no visit), draft orders 5 % (no visit). */
export function generateAttribution(seed: number | string, index: number, createdAt: number, subtotalCents: number): OrderAttribution {
  const rng = rngFor(seed, "order-attribution", index);
  const draw = rng.next();
  const channel = draw < 0.85 ? CHANNELS.onlineStore : draw < 0.95 ? CHANNELS.pointOfSale : CHANNELS.draftOrders;
  const shipped = channel !== CHANNELS.pointOfSale;
  const shippingLines = shipped ? [shippingLine(rng, index, subtotalCents)] : [];
  const visit = channel === CHANNELS.onlineStore ? pickVisit(rng) : undefined;
  return {
    channel: { ...channel },
    journey: visit === undefined ? null : { lastVisit: visit && { ...visit, occurredAt: createdAt - rng.int(1, 90) * 60_000 } },
    shippingLines,
    totalShipping: centsToAmount(shippingLines.reduce((sum, line) => sum + Math.round(Number(line.price) * 100), 0)),
  };
}

function pickVisit(rng: Rng): Visit | null {
  let draw = rng.next();
  for (const [share, visit] of VISITS) {
    if (draw < share) return visit;
    draw -= share;
  }
  return null;
}

function shippingLine(rng: Rng, index: number, subtotalCents: number): ShippingLineRecord {
  const id = SHIPPING_LINE_ID_BASE + index;
  if (subtotalCents >= FREE_SHIPPING_FROM_CENTS) return { id, title: "Free shipping", code: "FREE", price: "0.00" };
  const rate = rng.chance(0.8) ? SHIPPING_RATES[0] : SHIPPING_RATES[1];
  return { id, title: rate.title, code: rate.code, price: centsToAmount(rate.cents) };
}
