// Rows of the commerce tables, written straight from the normalized records of ./commerce, for
// tests of what reads them (pages, services, tenancy sweeps). Plain inserts rather than
// server/ingest, so a read-side test does not depend on upsert rules it is not about.
import { db } from "@/server/db";
import type {
  CustomerRecord,
  InventoryLevelRecord,
  LocationRecord,
  Money,
  OrderRecord,
  ProductRecord,
} from "@/server/connectors/_core/records";
import type { Prisma } from "@/server/generated/prisma/client";
import { customerRecord, inventoryLevelRecord, locationRecord, orderRecord, productRecord } from "./commerce";

export type CommerceScope = { workspaceId: string; connectionId: string };

const amount = (money: Money | null) => money?.amount ?? null;
const date = (iso: string | null) => (iso ? new Date(iso) : null);

type RowExtras = { deletedAt?: Date | null; redactedAt?: Date | null };

export async function insertOrder(scope: CommerceScope, record: OrderRecord = orderRecord(crypto.randomUUID().slice(0, 8)), extras: RowExtras = {}) {
  const base = { workspaceId: scope.workspaceId, connectionId: scope.connectionId };
  return db.$transaction(async (tx) => {
    const order = await tx.order.create({
      data: {
        ...base,
        externalId: record.externalId,
        name: record.name,
        nameLower: record.name.toLowerCase(),
        email: record.email,
        emailLower: record.email?.toLowerCase() ?? null,
        customerExternalId: record.customerExternalId,
        financialStatus: record.financialStatus,
        fulfillmentStatus: record.fulfillmentStatus,
        currency: record.currency,
        subtotal: amount(record.subtotal),
        totalTax: amount(record.totalTax),
        totalDiscounts: amount(record.totalDiscounts),
        totalPrice: record.totalPrice.amount,
        currentTotalPrice: amount(record.currentTotalPrice),
        totalRefunded: amount(record.totalRefunded),
        shippingAddress: record.shippingAddress ?? undefined,
        billingAddress: record.billingAddress ?? undefined,
        tags: record.tags,
        test: record.test,
        processedAt: new Date(record.processedAt ?? record.sourceCreatedAt),
        cancelledAt: date(record.cancelledAt),
        cancelReason: record.cancelReason,
        closedAt: date(record.closedAt),
        sourceCreatedAt: new Date(record.sourceCreatedAt),
        sourceUpdatedAt: new Date(record.sourceUpdatedAt),
        sourceHash: "test",
        ...extras,
      },
    });
    const children = { ...base, orderId: order.id };
    await tx.orderLineItem.createMany({
      data: record.lineItems.map((line) => ({
        ...children,
        externalId: line.externalId,
        productExternalId: line.productExternalId,
        variantExternalId: line.variantExternalId,
        sku: line.sku,
        title: line.title,
        variantTitle: line.variantTitle,
        quantity: line.quantity,
        currentQuantity: line.currentQuantity,
        unitPrice: line.unitPrice.amount,
        discountedUnitPrice: line.discountedUnitPrice.amount,
        currency: line.unitPrice.currency,
      })),
    });
    await tx.refund.createMany({
      data: record.refunds.map((refund) => ({
        ...children,
        externalId: refund.externalId,
        note: refund.note,
        total: refund.total.amount,
        currency: refund.total.currency,
        lineItems: refund.lineItems as unknown as Prisma.InputJsonValue,
        sourceCreatedAt: new Date(refund.sourceCreatedAt),
      })),
    });
    await tx.orderTransaction.createMany({
      data: record.transactions.map((t) => ({
        ...children,
        externalId: t.externalId,
        parentExternalId: t.parentExternalId,
        kind: t.kind,
        status: t.status,
        gateway: t.gateway,
        amount: t.amount.amount,
        currency: t.amount.currency,
        processedAt: date(t.processedAt),
      })),
    });
    return order;
  });
}

export async function insertCustomer(scope: CommerceScope, record: CustomerRecord = customerRecord(crypto.randomUUID().slice(0, 8)), extras: RowExtras = {}) {
  return db.customer.create({
    data: {
      ...scope,
      externalId: record.externalId,
      email: record.email,
      emailLower: record.email?.toLowerCase() ?? null,
      firstName: record.firstName,
      lastName: record.lastName,
      phone: record.phone,
      state: record.state,
      tags: record.tags,
      numberOfOrders: record.numberOfOrders,
      amountSpent: amount(record.amountSpent),
      currency: record.amountSpent?.currency ?? null,
      sourceCreatedAt: new Date(record.sourceCreatedAt),
      sourceUpdatedAt: new Date(record.sourceUpdatedAt),
      sourceHash: "test",
      ...extras,
    },
  });
}

export async function insertProduct(scope: CommerceScope, record: ProductRecord = productRecord(crypto.randomUUID().slice(0, 8)), extras: Pick<RowExtras, "deletedAt"> = {}) {
  return db.product.create({
    data: {
      ...scope,
      externalId: record.externalId,
      title: record.title,
      titleLower: record.title.toLowerCase(),
      handle: record.handle,
      vendor: record.vendor,
      productType: record.productType,
      status: record.status,
      tags: record.tags,
      sourceCreatedAt: new Date(record.sourceCreatedAt),
      sourceUpdatedAt: new Date(record.sourceUpdatedAt),
      sourceHash: "test",
      ...extras,
      variants: {
        // Workspace and connection come from the product (one composite foreign key).
        create: record.variants.map((v) => ({
          externalId: v.externalId,
          inventoryItemExternalId: v.inventoryItemExternalId,
          title: v.title,
          sku: v.sku,
          barcode: v.barcode,
          price: v.price?.amount ?? null,
          compareAtPrice: amount(v.compareAtPrice),
          currency: v.price?.currency ?? null,
          position: v.position,
          sourceUpdatedAt: new Date(v.sourceUpdatedAt),
        })),
      },
    },
    include: { variants: { orderBy: { position: "asc" } } },
  });
}

export async function insertLocation(scope: CommerceScope, record: LocationRecord = locationRecord(crypto.randomUUID().slice(0, 8))) {
  return db.location.create({
    data: {
      ...scope,
      externalId: record.externalId,
      name: record.name,
      isActive: record.isActive,
      fulfillsOnlineOrders: record.fulfillsOnlineOrders,
      address1: record.address.address1,
      city: record.address.city,
      countryCode: record.address.countryCode,
      zip: record.address.zip,
      sourceUpdatedAt: new Date(record.sourceUpdatedAt),
    },
  });
}

export async function insertInventoryLevels(scope: CommerceScope, records: InventoryLevelRecord[]) {
  await db.inventoryLevel.createMany({
    data: records.map((r) => ({ ...scope, ...r, sourceUpdatedAt: new Date(r.sourceUpdatedAt) })),
  });
}

/** One of each commerce row in the scope, linked the way a sync links them: for sweeps that need real ids. */
export async function insertCommerceSample(scope: CommerceScope) {
  const tag = crypto.randomUUID().slice(0, 8);
  const customer = await insertCustomer(scope, customerRecord(`c-${tag}`));
  const order = await insertOrder(scope, orderRecord(`o-${tag}`, { customerExternalId: customer.externalId }));
  const product = await insertProduct(scope, productRecord(`p-${tag}`));
  const location = await insertLocation(scope, locationRecord(`l-${tag}`));
  await insertInventoryLevels(
    scope,
    product.variants.flatMap((v) => (v.inventoryItemExternalId ? [inventoryLevelRecord(v.inventoryItemExternalId, location.externalId)] : [])),
  );
  // A bank account, as an accounting connection syncs it (lists filter by it).
  const bankAccount = await db.bankAccount.create({
    data: { ...scope, externalId: `ba-${tag}`, name: "Business Current Account", type: "StandardBankAccount", currency: "GBP", sourceUpdatedAt: new Date(), observedAt: new Date(), sourceHash: tag },
  });
  return { customerId: customer.id, orderId: order.id, productId: product.id, locationId: location.id, bankAccountId: bankAccount.id };
}
