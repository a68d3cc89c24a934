import "server-only";
import type { OrderRecord, OrderTransactionRecord } from "@/server/connectors/_core/records";
import { db } from "@/server/db";
import { ingestOrders, type IngestCounts, type IngestScope } from "@/server/ingest";

/**
 * An order with its line items and refunds, through the same ingest as the sync, so an older copy
 * than the stored one changes nothing. Ingest makes an updated order's children exactly the
 * incoming ones: when the delivery lists only some of the order's transactions
 * (`otherTransactionsStored`), the stored ones it does not list are carried over, or the webhook
 * would delete them until the next sync.
 */
export async function applyOrder(scope: IngestScope, order: OrderRecord, otherTransactionsStored: boolean): Promise<IngestCounts> {
  const carried = otherTransactionsStored ? await storedTransactionsBesides(scope, order.externalId, order.transactions) : [];
  return ingestOrders(scope, [{ ...order, transactions: [...carried, ...order.transactions] }]);
}

async function storedTransactionsBesides(
  scope: IngestScope,
  orderExternalId: string,
  incoming: readonly OrderTransactionRecord[],
): Promise<OrderTransactionRecord[]> {
  // The order by its key, then its transactions by orderId: two index lookups whatever the
  // planner knows. As one query (a filter through the order relation) it was measured taking
  // minutes on tables a backfill had just filled, before PostgreSQL had statistics on them.
  const order = await db.order.findUnique({
    where: { workspaceId_connectionId_externalId: { workspaceId: scope.workspaceId, connectionId: scope.connectionId, externalId: orderExternalId } },
    select: { id: true },
  });
  if (!order) return [];
  const rows = await db.orderTransaction.findMany({
    where: { orderId: order.id, workspaceId: scope.workspaceId, connectionId: scope.connectionId, externalId: { notIn: incoming.map((t) => t.externalId) } },
    orderBy: [{ processedAt: "asc" }, { externalId: "asc" }],
  });
  return rows.map((t) => ({
    externalId: t.externalId,
    parentExternalId: t.parentExternalId,
    kind: t.kind,
    status: t.status,
    gateway: t.gateway,
    amount: { amount: t.amount.toString(), currency: t.currency },
    processedAt: t.processedAt?.toISOString() ?? null,
  }));
}
