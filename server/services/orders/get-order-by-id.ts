import { z } from "zod";
import { storedAddress, type PostalAddress } from "@/server/connectors/_core/address";
import type { WorkspaceDb } from "@/server/db";
import { AppError } from "@/server/errors";
import { findOrderShipments, type OrderFulfilment } from "./find-order-shipments";
import { amountOf } from "./money";
import { customersOfOrders, type CustomerLink } from "./order-customer";
import { orderInProvider, type ProviderLink } from "./order-in-provider";
import { orderTimeline, type OrderTimelineEvent } from "./order-timeline";
import { refundedByLine } from "./refunded-by-line";
import type { OrderIdInput } from "./schema";

export type OrderLine = {
  id: string;
  title: string;
  variantTitle: string | null;
  sku: string | null;
  quantity: number;
  currentQuantity: number;
  unitPrice: string;
  discountedUnitPrice: string;
  // discountedUnitPrice × currentQuantity: what the line is worth now.
  lineTotal: string;
  /** How many of it the refunds gave back, and for how much (null: none refunded). */
  refundedQuantity: number;
  refundedAmount: string | null;
  currency: string;
};

export type RefundLine = {
  lineItemId: string | null;
  title: string;
  sku: string | null;
  quantity: number;
  restockType: string | null;
  subtotal: string;
  currency: string;
};

export type OrderRefund = { id: string; createdAt: Date; note: string | null; total: string; currency: string; lineItems: RefundLine[] };

export type OrderTransactionView = {
  id: string;
  kind: string;
  status: string;
  gateway: string | null;
  amount: string;
  currency: string;
  processedAt: Date | null;
};

export type OrderDetail = {
  id: string;
  name: string;
  connection: { id: string; displayName: string };
  email: string | null;
  redacted: boolean;
  customer: CustomerLink | null;
  /** Null where the order has none, or once the customer was redacted. */
  shippingAddress: PostalAddress | null;
  billingAddress: PostalAddress | null;
  financialStatus: string | null;
  fulfillmentStatus: string | null;
  currency: string;
  subtotal: string | null;
  totalTax: string | null;
  totalDiscounts: string | null;
  totalPrice: string;
  currentTotalPrice: string | null;
  totalRefunded: string | null;
  tags: string[];
  test: boolean;
  processedAt: Date;
  sourceCreatedAt: Date;
  sourceUpdatedAt: Date;
  cancelledAt: Date | null;
  cancelReason: string | null;
  closedAt: Date | null;
  lineItems: OrderLine[];
  refunds: OrderRefund[];
  transactions: OrderTransactionView[];
  /** How a 3PL is fulfilling it: its shipments from other connections of the workspace. */
  fulfilment: OrderFulfilment;
  timeline: OrderTimelineEvent[];
  /** The order in the store's own admin, when its connector links there. */
  inProvider: ProviderLink | null;
};

// Refund.lineItems is JSON written by ingest; read defensively so one odd entry cannot break the page.
const refundLineJson = z.array(
  z.object({
    lineItemExternalId: z.string(),
    quantity: z.number(),
    restockType: z.string().nullable().optional(),
    subtotal: z.object({ amount: z.string(), currency: z.string() }),
  }),
);

// One query for the order with its lines, refunds and transactions (Prisma reads each relation
// with one query), one for the customer, and its shipments (find-order-shipments.ts). A deleted
// order is not found.
export async function getOrderById(wdb: WorkspaceDb, input: OrderIdInput): Promise<OrderDetail> {
  const order = await wdb.order.findFirst({
    where: { id: input.orderId, deletedAt: null },
    include: {
      connection: { select: { id: true, displayName: true, provider: true, externalAccountId: true } },
      lineItems: { orderBy: [{ createdAt: "asc" }, { externalId: "asc" }] },
      refunds: { orderBy: [{ sourceCreatedAt: "asc" }, { id: "asc" }] },
      transactions: { orderBy: [{ processedAt: { sort: "asc", nulls: "last" } }, { id: "asc" }] },
    },
  });
  if (!order) throw new AppError("NOT_FOUND", "Order not found.");
  const [customerOf, fulfilment] = await Promise.all([customersOfOrders(wdb, [order]), findOrderShipments(wdb, order.externalId)]);
  const linesByExternalId = new Map(order.lineItems.map((line) => [line.externalId, line]));
  const redacted = order.redactedAt !== null;
  const refundLines = order.refunds.map((refund) => {
    const parsed = refundLineJson.safeParse(refund.lineItems);
    return parsed.success ? parsed.data : [];
  });
  const refundedOf = refundedByLine(refundLines.flat());

  const refunds = order.refunds.map((refund, index) => ({
    id: refund.id,
    createdAt: refund.sourceCreatedAt,
    note: refund.note,
    total: amountOf(refund.total),
    currency: refund.currency,
    lineItems: refundLines[index]!.map((entry) => {
      const line = linesByExternalId.get(entry.lineItemExternalId);
      return {
        lineItemId: line?.id ?? null,
        title: line?.title ?? "Removed line item",
        sku: line?.sku ?? null,
        quantity: entry.quantity,
        restockType: entry.restockType ?? null,
        subtotal: entry.subtotal.amount,
        currency: entry.subtotal.currency,
      };
    }),
  }));
  const transactions = order.transactions.map((t) => ({
    id: t.id,
    kind: t.kind,
    status: t.status,
    gateway: t.gateway,
    amount: amountOf(t.amount),
    currency: t.currency,
    processedAt: t.processedAt,
  }));

  return {
    id: order.id,
    name: order.name,
    connection: { id: order.connection.id, displayName: order.connection.displayName },
    email: redacted ? null : order.email,
    redacted,
    customer: customerOf(order),
    shippingAddress: redacted ? null : storedAddress(order.shippingAddress),
    billingAddress: redacted ? null : storedAddress(order.billingAddress),
    financialStatus: order.financialStatus,
    fulfillmentStatus: order.fulfillmentStatus,
    currency: order.currency,
    subtotal: amountOf(order.subtotal),
    totalTax: amountOf(order.totalTax),
    totalDiscounts: amountOf(order.totalDiscounts),
    totalPrice: amountOf(order.totalPrice),
    currentTotalPrice: amountOf(order.currentTotalPrice),
    totalRefunded: amountOf(order.totalRefunded),
    tags: order.tags,
    test: order.test,
    processedAt: order.processedAt,
    sourceCreatedAt: order.sourceCreatedAt,
    sourceUpdatedAt: order.sourceUpdatedAt,
    cancelledAt: order.cancelledAt,
    cancelReason: order.cancelReason,
    closedAt: order.closedAt,
    lineItems: order.lineItems.map((line) => ({
      id: line.id,
      title: line.title,
      variantTitle: line.variantTitle,
      sku: line.sku,
      quantity: line.quantity,
      currentQuantity: line.currentQuantity,
      unitPrice: amountOf(line.unitPrice),
      discountedUnitPrice: amountOf(line.discountedUnitPrice),
      lineTotal: amountOf(line.discountedUnitPrice.mul(line.currentQuantity)),
      ...refundedOf(line.externalId),
      currency: line.currency,
    })),
    refunds,
    transactions,
    fulfilment,
    timeline: orderTimeline({ ...order, refunds, transactions, fulfilment, syncedAt: order.updatedAt }),
    inProvider: orderInProvider(order.connection, order),
  };
}
