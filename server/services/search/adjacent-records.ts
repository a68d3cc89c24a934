import type { WorkspaceDb } from "@/server/db";
import { AppError } from "@/server/errors";
import type { CustomerIdInput } from "@/server/services/customers/schema";
import type { JobRunIdInput } from "@/server/services/job-history/schema";
import type { OrderIdInput } from "@/server/services/orders/schema";
import { keysetOn } from "@/server/services/pagination";
import type { ProductIdInput } from "@/server/services/products/schema";

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

const byProcessedAt = keysetOn("processedAt");
const bySourceCreatedAt = keysetOn("sourceCreatedAt");
const byTitle = keysetOn("title", "text");
const byQueuedAt = keysetOn("queuedAt");
const select = { id: true } as const;

/** Orders newest first, as the Orders list shows them. */
export async function adjacentOrders(wdb: WorkspaceDb, { orderId }: OrderIdInput): Promise<AdjacentRecords> {
  const live = { deletedAt: null };
  const order = found(await wdb.order.findFirst({ where: { id: orderId, ...live }, select: { id: true, processedAt: true } }), "Order");
  return adjacentOn(byProcessedAt, "desc", { value: order.processedAt, id: order.id }, (after, orderBy) =>
    wdb.order.findFirst({ where: { AND: [live, after] }, orderBy, select }),
  );
}

/** Customers newest first, as the Customers list shows them. */
export async function adjacentCustomers(wdb: WorkspaceDb, { customerId }: CustomerIdInput): Promise<AdjacentRecords> {
  const live = { deletedAt: null };
  const customer = found(await wdb.customer.findFirst({ where: { id: customerId, ...live }, select: { id: true, sourceCreatedAt: true } }), "Customer");
  return adjacentOn(bySourceCreatedAt, "desc", { value: customer.sourceCreatedAt, id: customer.id }, (after, orderBy) =>
    wdb.customer.findFirst({ where: { AND: [live, after] }, orderBy, select }),
  );
}

/** Products alphabetically, as the Products list shows them. */
export async function adjacentProducts(wdb: WorkspaceDb, { productId }: ProductIdInput): Promise<AdjacentRecords> {
  const live = { deletedAt: null };
  const product = found(await wdb.product.findFirst({ where: { id: productId, ...live }, select: { id: true, title: true } }), "Product");
  return adjacentOn(byTitle, "asc", { value: product.title, id: product.id }, (after, orderBy) =>
    wdb.product.findFirst({ where: { AND: [live, after] }, orderBy, select }),
  );
}

/** Job runs newest first, as the Jobs history shows them. */
export async function adjacentJobRuns(wdb: WorkspaceDb, { jobRunId }: JobRunIdInput): Promise<AdjacentRecords> {
  const run = found(await wdb.jobRun.findFirst({ where: { id: jobRunId }, select: { id: true, queuedAt: true } }), "Job run");
  return adjacentOn(byQueuedAt, "desc", { value: run.queuedAt, id: run.id }, (after, orderBy) => wdb.jobRun.findFirst({ where: after, orderBy, select }));
}
