// The data side of the mandatory compliance webhooks (customers/redact, shop/redact).
import { db } from "@/server/db";
import { Prisma } from "@/server/generated/prisma/client";
import type { IngestScope } from "./shared";

/**
 * Erases a customer's personal data (email, names, phone, the orders' addresses) from the customer
 * and from their orders: those the request lists and any other stored under the customer.
 * redactedAt keeps later syncs from writing the fields back. Rows not stored yet are untouched.
 */
export async function redactCustomer(
  scope: IngestScope,
  customerExternalId: string,
  orderExternalIds: readonly string[],
): Promise<{ customers: number; orders: number }> {
  const redactedAt = new Date();
  const where = { workspaceId: scope.workspaceId, connectionId: scope.connectionId };
  const [customers, orders] = await db.$transaction([
    db.customer.updateMany({
      where: { ...where, externalId: customerExternalId },
      data: { email: null, emailLower: null, firstName: null, lastName: null, phone: null, redactedAt },
    }),
    db.order.updateMany({
      where: { ...where, OR: [{ externalId: { in: [...orderExternalIds] } }, { customerExternalId }] },
      data: { email: null, emailLower: null, shippingAddress: Prisma.DbNull, billingAddress: Prisma.DbNull, redactedAt },
    }),
  ]);
  return { customers: customers.count, orders: orders.count };
}

export type ShopDataDeleted = {
  orders: number;
  orderLineItems: number;
  refunds: number;
  orderTransactions: number;
  customers: number;
  products: number;
  productVariants: number;
  locations: number;
  inventoryLevels: number;
  streamStates: number;
};

/**
 * Deletes every commerce row of the connection, its stream cursors (so a reinstall starts with a
 * full backfill), any bulk file staged for it (lines of the shop's data) and its deletion
 * tombstones (ids of the shop's records), those two not counted: they are not records; in one
 * transaction. The connection itself stays.
 */
export async function deleteShopData(scope: IngestScope): Promise<ShopDataDeleted> {
  const where = { workspaceId: scope.workspaceId, connectionId: scope.connectionId };
  // Children first, so each count is the table's own rows rather than cascades nobody counted.
  const [, , orderLineItems, refunds, orderTransactions, productVariants, orders, customers, products, inventoryLevels, locations, streamStates] =
    await db.$transaction([
      db.bulkStaging.deleteMany({ where }),
      db.deletionTombstone.deleteMany({ where }),
      db.orderLineItem.deleteMany({ where }),
      db.refund.deleteMany({ where }),
      db.orderTransaction.deleteMany({ where }),
      db.productVariant.deleteMany({ where }),
      db.order.deleteMany({ where }),
      db.customer.deleteMany({ where }),
      db.product.deleteMany({ where }),
      db.inventoryLevel.deleteMany({ where }),
      db.location.deleteMany({ where }),
      db.streamState.deleteMany({ where }),
    ]);
  return {
    orders: orders.count,
    orderLineItems: orderLineItems.count,
    refunds: refunds.count,
    orderTransactions: orderTransactions.count,
    customers: customers.count,
    products: products.count,
    productVariants: productVariants.count,
    locations: locations.count,
    inventoryLevels: inventoryLevels.count,
    streamStates: streamStates.count,
  };
}
