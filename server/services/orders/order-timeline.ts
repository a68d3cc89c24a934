import type { OrderFulfilment } from "./find-order-shipments";

export type OrderTimelineEvent = {
  kind: "placed" | "paid" | "shipped" | "delivered" | "refunded" | "cancelled" | "closed" | "synced";
  at: Date;
  /** The money the event moved (a payment, a refund). */
  amount?: { amount: string; currency: string };
  /** A word more: the payment's gateway, the cancellation's reason, the shipment's carrier. */
  detail?: string | null;
};

// Transaction kinds that take the customer's money (an authorization only holds it).
const PAYMENT_KINDS = new Set(["SALE", "CAPTURE"]);

type TimelineSource = {
  sourceCreatedAt: Date;
  transactions: { kind: string; status: string; gateway: string | null; amount: string; currency: string; processedAt: Date | null }[];
  refunds: { createdAt: Date; total: string; currency: string }[];
  cancelledAt: Date | null;
  cancelReason: string | null;
  closedAt: Date | null;
  fulfilment: OrderFulfilment;
  /** When Meridian last wrote its copy of the order. */
  syncedAt: Date;
};

// What happened to an order, oldest first, from what Meridian holds: the store's own times, its
// successful payments and refunds, and a 3PL's shipments. Events at the same moment keep the order
// of a purchase (placed, paid, shipped, ...).
export function orderTimeline(order: TimelineSource): OrderTimelineEvent[] {
  const events: OrderTimelineEvent[] = [{ kind: "placed", at: order.sourceCreatedAt }];
  for (const t of order.transactions) {
    if (PAYMENT_KINDS.has(t.kind) && t.status === "SUCCESS" && t.processedAt) {
      events.push({ kind: "paid", at: t.processedAt, amount: { amount: t.amount, currency: t.currency }, detail: t.gateway });
    }
  }
  for (const shipment of order.fulfilment.shipments) {
    if (shipment.shippedAt) events.push({ kind: "shipped", at: shipment.shippedAt, detail: shipment.carrier });
    if (shipment.deliveredAt) events.push({ kind: "delivered", at: shipment.deliveredAt, detail: shipment.carrier });
  }
  for (const refund of order.refunds) events.push({ kind: "refunded", at: refund.createdAt, amount: { amount: refund.total, currency: refund.currency } });
  if (order.cancelledAt) events.push({ kind: "cancelled", at: order.cancelledAt, detail: order.cancelReason });
  if (order.closedAt) events.push({ kind: "closed", at: order.closedAt });
  events.push({ kind: "synced", at: order.syncedAt });

  const rank = (event: OrderTimelineEvent) => KIND_ORDER.indexOf(event.kind);
  return events.sort((a, b) => a.at.getTime() - b.at.getTime() || rank(a) - rank(b));
}

const KIND_ORDER: OrderTimelineEvent["kind"][] = ["placed", "paid", "shipped", "delivered", "refunded", "cancelled", "closed", "synced"];
