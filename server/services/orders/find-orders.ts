import type { WorkspaceDb } from "@/server/db";
import { AppError } from "@/server/errors";
import type { Prisma } from "@/server/generated/prisma/client";
import { cappedTotal, keysetOn, listSorts, TOTAL_CAP, type Direction, type TwoWayPage } from "@/server/services/pagination";
import { amountOf } from "./money";
import { customersOfOrders, type CustomerLink } from "./order-customer";
import { orderListSearchWhere } from "./order-search";
import { ORDER_SORTS, type FindOrdersInput, type OrderListInput, type OrderSort } from "./schema";

export type OrderListItem = {
  id: string;
  name: string;
  processedAt: Date;
  connection: { id: string; displayName: string };
  customer: CustomerLink | null;
  // The order's own email; null once redacted.
  email: string | null;
  redacted: boolean;
  financialStatus: string | null;
  fulfillmentStatus: string | null;
  currency: string;
  totalPrice: string;
  lineItemCount: number;
  cancelledAt: Date | null;
  test: boolean;
};

// Each sort's keyset; every one is an index of Order (workspaceId, column, id), read forwards or
// backwards. By number, an order whose name has no digits (names like "#1001" always have some;
// a provider with other order names may not) has none, and sorts as keysetOn's nullable keysets
// sort NULL: after every number lowest first, before them highest first.
export const ORDER_LIST_SORTS = listSorts<OrderSort>(
  { date: keysetOn("processedAt"), total: keysetOn("totalPrice", "decimal"), number: keysetOn("number", "integer", { nullable: true }) },
  ORDER_SORTS,
  "date",
);

/** The columns a row needs for its cursor in any of the sorts. */
export const ORDER_SORT_COLUMNS = { id: true, processedAt: true, totalPrice: true, number: true } as const;

export type OrderOrder = { sort?: OrderSort; dir?: Direction };

export async function assertConnectionInWorkspace(wdb: WorkspaceDb, connectionId: string | undefined): Promise<void> {
  // A connection of another workspace is answered like one that does not exist rather than with
  // an empty page that would hide the mistake.
  if (connectionId && !(await wdb.connection.findUnique({ where: { id: connectionId }, select: { id: true } }))) {
    throw new AppError("NOT_FOUND", "Connection not found.");
  }
}

// One page of live (not deleted) orders matching `where`, in the sort's order (newest first by
// default), paging either way. Shared by the Orders list and a customer's orders.
export async function findOrderPage(wdb: WorkspaceDb, where: Prisma.OrderWhereInput, page: TwoWayPage, order: OrderOrder = {}) {
  const { keyset, rows } = await ORDER_LIST_SORTS.read(order, page, (query) =>
    wdb.order.findMany({
      where: { AND: [where, { deletedAt: null }, query.where as Prisma.OrderWhereInput] },
      orderBy: query.orderBy as Prisma.OrderOrderByWithRelationInput[],
      take: query.take,
      select: {
        ...ORDER_SORT_COLUMNS,
        name: true,
        connectionId: true,
        connection: { select: { id: true, displayName: true } },
        customerExternalId: true,
        email: true,
        redactedAt: true,
        financialStatus: true,
        fulfillmentStatus: true,
        currency: true,
        cancelledAt: true,
        test: true,
        _count: { select: { lineItems: true } },
      },
    }),
  );
  const customerOf = await customersOfOrders(wdb, rows.slice(0, page.limit));
  return keyset.twoWay(rows, page, (row): OrderListItem => ({
    id: row.id,
    name: row.name,
    processedAt: row.processedAt,
    connection: row.connection,
    customer: customerOf(row),
    email: row.redactedAt ? null : row.email,
    redacted: row.redactedAt !== null,
    financialStatus: row.financialStatus,
    fulfillmentStatus: row.fulfillmentStatus,
    currency: row.currency,
    totalPrice: amountOf(row.totalPrice),
    lineItemCount: row._count.lineItems,
    cancelledAt: row.cancelledAt,
    test: row.test,
  }));
}

/** The live orders the Orders list shows for its filters. */
export async function orderListWhere(wdb: WorkspaceDb, input: OrderListInput): Promise<Prisma.OrderWhereInput> {
  await assertConnectionInWorkspace(wdb, input.connectionId);
  const processedAt = input.from || input.to ? { ...(input.from ? { gte: input.from } : {}), ...(input.to ? { lte: input.to } : {}) } : undefined;
  return {
    AND: [
      (await orderListSearchWhere(wdb, input.search)) ?? {},
      {
        deletedAt: null,
        ...(input.financialStatus ? { financialStatus: input.financialStatus } : {}),
        ...(input.fulfillmentStatus ? { fulfillmentStatus: input.fulfillmentStatus } : {}),
        ...(input.connectionId ? { connectionId: input.connectionId } : {}),
        ...(processedAt ? { processedAt } : {}),
      },
    ],
  };
}

export async function findOrders(wdb: WorkspaceDb, input: FindOrdersInput) {
  const where = await orderListWhere(wdb, input);
  const [page, counted] = await Promise.all([findOrderPage(wdb, where, input, input), wdb.order.count({ where, take: TOTAL_CAP + 1 })]);
  return { ...page, total: cappedTotal(counted) };
}
