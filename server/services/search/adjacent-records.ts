import type { WorkspaceDb } from "@/server/db";
import { AppError } from "@/server/errors";
import type { Prisma } from "@/server/generated/prisma/client";
import { CUSTOMER_LIST_SORTS, CUSTOMER_SORT_COLUMNS, customerListWhere } from "@/server/services/customers/find-customers";
import type { AdjacentCustomersInput } from "@/server/services/customers/schema";
import type { JobRunIdInput } from "@/server/services/job-history/schema";
import { ORDER_LIST_SORTS, ORDER_SORT_COLUMNS, orderListWhere } from "@/server/services/orders/find-orders";
import type { AdjacentOrdersInput } from "@/server/services/orders/schema";
import { keysetOn, type KeysetQuery, type TwoWayPage } from "@/server/services/pagination";
import { PRODUCT_LIST_SORTS, PRODUCT_SORT_COLUMNS, productListWhere } from "@/server/services/products/find-products";
import type { AdjacentProductsInput } from "@/server/services/products/schema";

/** The records before and after one in its list's order: what j and k open on a detail page. */
export type AdjacentRecords = { previousId: string | null; nextId: string | null };

type Direction = "asc" | "desc";
// One of keysetOn's keysets: the list's sort column and its type.
type Keyset = { afterKey: (key: never, direction: Direction) => unknown; orderBy: (direction: Direction) => unknown };

// The neighbours are the first row after the record in the list's direction (next) and in the
// opposite one (previous): two one-row reads on the index that serves the list's keyset pages.
async function adjacentOn<K extends Keyset>(
  keyset: K,
  listDirection: Direction,
  key: Parameters<K["afterKey"]>[0],
  find: (after: ReturnType<K["afterKey"]>, orderBy: ReturnType<K["orderBy"]>) => Promise<{ id: string } | null>,
): Promise<AdjacentRecords> {
  const back: Direction = listDirection === "asc" ? "desc" : "asc";
  const side = (direction: Direction) =>
    find(keyset.afterKey(key, direction) as ReturnType<K["afterKey"]>, keyset.orderBy(direction) as ReturnType<K["orderBy"]>);
  const [next, previous] = await Promise.all([side(listDirection), side(back)]);
  return { previousId: previous?.id ?? null, nextId: next?.id ?? null };
}

function found<T>(row: T | null, what: string): T {
  if (!row) throw new AppError("NOT_FOUND", `${what} not found.`);
  return row;
}

const byQueuedAt = keysetOn("queuedAt");
const select = { id: true } as const;

// The neighbours of a row in a list that sorts and filters (listSorts): the first row of the page
// after it and of the page before it, each read like the list's keyset pages (index ranges).
async function adjacentInList<O extends { sort?: string }>(
  sorts: {
    read(order: O, page: TwoWayPage, find: (query: KeysetQuery) => Promise<{ id: string }[]>): Promise<{ rows: { id: string }[] }>;
    cursorOf(order: O, row: { id: string }): string;
  },
  order: O,
  row: { id: string },
  find: (query: KeysetQuery) => Promise<{ id: string }[]>,
): Promise<AdjacentRecords> {
  const cursor = sorts.cursorOf(order, row);
  const [next, previous] = await Promise.all([sorts.read(order, { cursor, limit: 1 }, find), sorts.read(order, { before: cursor, limit: 1 }, find)]);
  return { previousId: previous.rows[0]?.id ?? null, nextId: next.rows[0]?.id ?? null };
}

/** Orders in the order of the list the order was opened from (its filters and sort), else newest first. */
export async function adjacentOrders(wdb: WorkspaceDb, { orderId, list = {} }: AdjacentOrdersInput): Promise<AdjacentRecords> {
  const order = found(await wdb.order.findFirst({ where: { id: orderId, deletedAt: null }, select: ORDER_SORT_COLUMNS }), "Order");
  const where = await orderListWhere(wdb, list);
  return adjacentInList(ORDER_LIST_SORTS, list, order, (query) =>
    wdb.order.findMany({ where: { AND: [where, query.where as Prisma.OrderWhereInput] }, orderBy: query.orderBy as Prisma.OrderOrderByWithRelationInput[], take: query.take, select }),
  );
}

/** Customers in the order of the list the customer was opened from (its search and sort), else newest first. */
export async function adjacentCustomers(wdb: WorkspaceDb, { customerId, list = {} }: AdjacentCustomersInput): Promise<AdjacentRecords> {
  const customer = found(await wdb.customer.findFirst({ where: { id: customerId, deletedAt: null }, select: CUSTOMER_SORT_COLUMNS }), "Customer");
  const where = customerListWhere(list);
  return adjacentInList(CUSTOMER_LIST_SORTS, list, customer, (query) =>
    wdb.customer.findMany({
      where: { AND: [where, query.where as Prisma.CustomerWhereInput] },
      orderBy: query.orderBy as Prisma.CustomerOrderByWithRelationInput[],
      take: query.take,
      select,
    }),
  );
}

/** Products in the order of the list the product was opened from (its search, status and sort), else by title. */
export async function adjacentProducts(wdb: WorkspaceDb, { productId, list = {} }: AdjacentProductsInput): Promise<AdjacentRecords> {
  const product = found(await wdb.product.findFirst({ where: { id: productId, deletedAt: null }, select: PRODUCT_SORT_COLUMNS }), "Product");
  return adjacentInList(PRODUCT_LIST_SORTS, list, product, (query) =>
    wdb.product.findMany({
      where: { AND: [productListWhere(list), query.where as Prisma.ProductWhereInput] },
      orderBy: query.orderBy as Prisma.ProductOrderByWithRelationInput[],
      take: query.take,
      select,
    }),
  );
}

/** Job runs newest first, as the Jobs history shows them. */
export async function adjacentJobRuns(wdb: WorkspaceDb, { jobRunId }: JobRunIdInput): Promise<AdjacentRecords> {
  const run = found(await wdb.jobRun.findFirst({ where: { id: jobRunId }, select: { id: true, queuedAt: true } }), "Job run");
  return adjacentOn(byQueuedAt, "desc", { value: run.queuedAt, id: run.id }, (after, orderBy) => wdb.jobRun.findFirst({ where: after, orderBy, select }));
}
