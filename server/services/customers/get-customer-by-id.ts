import type { WorkspaceDb } from "@/server/db";
import { AppError } from "@/server/errors";
import { Prisma } from "@/server/generated/prisma/client";
import { amountOf } from "@/server/services/orders/money";
import { customerName } from "@/server/services/orders/order-customer";
import type { CustomerIdInput } from "./schema";

// Lifetime figures from the synced orders, one row per currency (a store can sell in several).
export type CustomerLifetime = {
  currency: string;
  orders: number;
  totalSpent: string;
  totalRefunded: string;
  // totalSpent − totalRefunded, in decimal arithmetic.
  net: string;
};

export type CustomerDetail = {
  id: string;
  connection: { id: string; displayName: string };
  redacted: boolean;
  redactedAt: Date | null;
  // Personal fields are null for a redacted customer.
  name: string | null;
  email: string | null;
  phone: string | null;
  state: string | null;
  tags: string[];
  // What the store itself reports (its own order count and amount spent), beside what is stored here.
  reported: { numberOfOrders: number | null; amountSpent: string | null; currency: string | null };
  lifetime: CustomerLifetime[];
  firstOrderAt: Date | null;
  lastOrderAt: Date | null;
  sourceCreatedAt: Date;
};

export async function findLiveCustomer(wdb: WorkspaceDb, customerId: string) {
  const customer = await wdb.customer.findFirst({
    where: { id: customerId, deletedAt: null },
    include: { connection: { select: { id: true, displayName: true } } },
  });
  if (!customer) throw new AppError("NOT_FOUND", "Customer not found.");
  return customer;
}

export async function getCustomerById(wdb: WorkspaceDb, input: CustomerIdInput): Promise<CustomerDetail> {
  const customer = await findLiveCustomer(wdb, input.customerId);
  const groups = await wdb.order.groupBy({
    by: ["currency"],
    where: { connectionId: customer.connectionId, customerExternalId: customer.externalId, deletedAt: null },
    _count: { _all: true },
    _sum: { totalPrice: true, totalRefunded: true },
    _min: { processedAt: true },
    _max: { processedAt: true },
    orderBy: { currency: "asc" },
  });
  const firsts = groups.flatMap((g) => (g._min.processedAt ? [g._min.processedAt.getTime()] : []));
  const lasts = groups.flatMap((g) => (g._max.processedAt ? [g._max.processedAt.getTime()] : []));
  const redacted = customer.redactedAt !== null;

  return {
    id: customer.id,
    connection: customer.connection,
    redacted,
    redactedAt: customer.redactedAt,
    name: redacted ? null : customerName(customer),
    email: redacted ? null : customer.email,
    phone: redacted ? null : customer.phone,
    state: customer.state,
    tags: redacted ? [] : customer.tags,
    reported: { numberOfOrders: customer.numberOfOrders, amountSpent: amountOf(customer.amountSpent), currency: customer.currency },
    lifetime: groups.map((g) => {
      const spent = g._sum.totalPrice ?? new Prisma.Decimal(0);
      const refunded = g._sum.totalRefunded ?? new Prisma.Decimal(0);
      return { currency: g.currency, orders: g._count._all, totalSpent: spent.toFixed(), totalRefunded: refunded.toFixed(), net: spent.minus(refunded).toFixed() };
    }),
    firstOrderAt: firsts.length ? new Date(Math.min(...firsts)) : null,
    lastOrderAt: lasts.length ? new Date(Math.max(...lasts)) : null,
    sourceCreatedAt: customer.sourceCreatedAt,
  };
}
