// The orders (with their line items, transactions and refunds), customers and shipments a
// connection has stored, read back into the connector's normalized records, so the ingest ceiling
// can be measured on exactly the rows a sync wrote. Reading is the caller's untimed part.
import type { CustomerRecord, FulfilmentItemRecord, Money, OrderRecord, RefundLineItemRecord, ShipmentEventRecord, ShipmentRecord } from "@/server/connectors/_core/records";
import { db } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";
import type { IngestScope } from "@/server/ingest";
import type { RecordBatch } from "./ingest-ceiling";

const money = (amount: Prisma.Decimal, currency: string): Money => ({ amount: amount.toFixed(), currency });
const maybeMoney = (amount: Prisma.Decimal | null, currency: string): Money | null => (amount === null ? null : money(amount, currency));
const iso = (time: Date | null): string | null => time?.toISOString() ?? null;

async function orderBatch(scope: IngestScope, after: string, size: number): Promise<OrderRecord[]> {
  const orders = await db.order.findMany({
    where: { ...scope, externalId: { gt: after } },
    orderBy: { externalId: "asc" },
    take: size,
    include: { lineItems: { orderBy: { externalId: "asc" } }, refunds: { orderBy: { externalId: "asc" } }, transactions: { orderBy: { externalId: "asc" } } },
  });
  return orders.map((o) => ({
    externalId: o.externalId,
    name: o.name,
    email: o.email,
    customerExternalId: o.customerExternalId,
    financialStatus: o.financialStatus,
    fulfillmentStatus: o.fulfillmentStatus,
    currency: o.currency,
    subtotal: maybeMoney(o.subtotal, o.currency),
    totalTax: maybeMoney(o.totalTax, o.currency),
    totalDiscounts: maybeMoney(o.totalDiscounts, o.currency),
    totalPrice: money(o.totalPrice, o.currency),
    currentTotalPrice: maybeMoney(o.currentTotalPrice, o.currency),
    totalRefunded: maybeMoney(o.totalRefunded, o.currency),
    totalShipping: maybeMoney(o.totalShipping, o.currency),
    channel: o.channel,
    marketingSource: o.marketingSource,
    marketingMedium: o.marketingMedium,
    tags: o.tags,
    test: o.test,
    processedAt: o.processedAt.toISOString(),
    cancelledAt: iso(o.cancelledAt),
    cancelReason: o.cancelReason,
    closedAt: iso(o.closedAt),
    sourceCreatedAt: o.sourceCreatedAt.toISOString(),
    sourceUpdatedAt: o.sourceUpdatedAt.toISOString(),
    observedAt: (o.observedAt ?? o.sourceUpdatedAt).toISOString(),
    lineItems: o.lineItems.map((l) => ({
      externalId: l.externalId,
      productExternalId: l.productExternalId,
      variantExternalId: l.variantExternalId,
      sku: l.sku,
      title: l.title,
      variantTitle: l.variantTitle,
      quantity: l.quantity,
      currentQuantity: l.currentQuantity,
      unitPrice: money(l.unitPrice, l.currency),
      discountedUnitPrice: money(l.discountedUnitPrice, l.currency),
    })),
    refunds: o.refunds.map((r) => ({
      externalId: r.externalId,
      note: r.note,
      total: money(r.total, r.currency),
      // Written by ingest from RefundLineItemRecord[] and never by anything else.
      lineItems: r.lineItems as RefundLineItemRecord[],
      sourceCreatedAt: r.sourceCreatedAt.toISOString(),
    })),
    transactions: o.transactions.map((t) => ({
      externalId: t.externalId,
      parentExternalId: t.parentExternalId,
      kind: t.kind,
      status: t.status,
      gateway: t.gateway,
      amount: money(t.amount, t.currency),
      processedAt: iso(t.processedAt),
    })),
  }));
}

async function customerBatch(scope: IngestScope, after: string, size: number): Promise<CustomerRecord[]> {
  const customers = await db.customer.findMany({ where: { ...scope, externalId: { gt: after } }, orderBy: { externalId: "asc" }, take: size });
  return customers.map((c) => ({
    externalId: c.externalId,
    email: c.email,
    firstName: c.firstName,
    lastName: c.lastName,
    phone: c.phone,
    state: c.state,
    tags: c.tags,
    numberOfOrders: c.numberOfOrders,
    amountSpent: c.amountSpent === null || c.currency === null ? null : money(c.amountSpent, c.currency),
    sourceCreatedAt: c.sourceCreatedAt.toISOString(),
    sourceUpdatedAt: c.sourceUpdatedAt.toISOString(),
    observedAt: (c.observedAt ?? c.sourceUpdatedAt).toISOString(),
  }));
}

async function shipmentBatch(scope: IngestScope, after: string, size: number): Promise<ShipmentRecord[]> {
  const shipments = await db.shipment.findMany({ where: { ...scope, externalId: { gt: after } }, orderBy: { externalId: "asc" }, take: size });
  return shipments.map((s) => ({
    externalId: s.externalId,
    orderExternalId: s.orderExternalId,
    storeOrderReference: s.storeOrderReference,
    status: s.status,
    locationExternalId: s.locationExternalId,
    trackingNumber: s.trackingNumber,
    carrier: s.carrier,
    trackingUrl: s.trackingUrl,
    estimatedFulfillmentAt: iso(s.estimatedFulfillmentAt),
    estimatedFulfillmentStatus: s.estimatedFulfillmentStatus,
    shippedAt: iso(s.shippedAt),
    deliveredAt: iso(s.deliveredAt),
    // Written by ingest from the records' arrays and never by anything else.
    timeline: s.timeline as ShipmentEventRecord[] | null,
    items: s.items as FulfilmentItemRecord[],
    sourceCreatedAt: s.sourceCreatedAt.toISOString(),
    sourceUpdatedAt: s.sourceUpdatedAt.toISOString(),
    observedAt: s.observedAt.toISOString(),
  }));
}

async function* pages<T extends { externalId: string }>(read: (after: string) => Promise<T[]>): AsyncGenerator<T[]> {
  for (let records = await read(""); records.length > 0; records = await read(records.at(-1)!.externalId)) yield records;
}

/** Every stored order, then every customer, in batches of the given sizes (by externalId). */
export async function* storedRecordBatches(scope: IngestScope, size: Record<"orders" | "customers", number>): AsyncGenerator<RecordBatch> {
  for await (const records of pages((after) => orderBatch(scope, after, size.orders))) yield { kind: "orders", records };
  for await (const records of pages((after) => customerBatch(scope, after, size.customers))) yield { kind: "customers", records };
}

/** Every stored shipment, in batches of `size` (by externalId). */
export async function* storedShipmentBatches(scope: IngestScope, size: number): AsyncGenerator<RecordBatch> {
  for await (const records of pages((after) => shipmentBatch(scope, after, size))) yield { kind: "shipments", records };
}
