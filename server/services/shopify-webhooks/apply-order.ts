import "server-only";
import type { OrderTransactionRecord } from "@/server/connectors/_core/records";
import { mapRestOrder } from "@/server/connectors/shopify/rest-mapper";
import { db } from "@/server/db";
import { ingestOrders, type IngestCounts, type IngestScope } from "@/server/ingest";

/**
 * orders/create, orders/updated, orders/cancelled: the order with its line items and refunds,
 * through the same ingest as the sync, so an older copy than the stored one changes nothing.
 * Order webhooks carry only the refunds' transactions, and ingest makes an updated order's
 * children exactly the incoming ones: the stored sale/authorization/capture transactions are
 * carried over, or the webhook would delete them until the next sync.
 */
export async function applyOrderWebhook(scope: IngestScope, payload: unknown, observedAt: string): Promise<IngestCounts> {
  const { order, transactionsComplete } = mapRestOrder(payload, observedAt);
  const carried = transactionsComplete ? [] : await storedTransactionsBesides(scope, order.externalId, order.transactions);
  return ingestOrders(scope, [{ ...order, transactions: [...carried, ...order.transactions] }]);
}

async function storedTransactionsBesides(
  scope: IngestScope,
  orderExternalId: string,
  incoming: readonly OrderTransactionRecord[],
): Promise<OrderTransactionRecord[]> {
  const rows = await db.orderTransaction.findMany({
    where: {
      workspaceId: scope.workspaceId,
      connectionId: scope.connectionId,
      order: { externalId: orderExternalId },
      externalId: { notIn: incoming.map((t) => t.externalId) },
    },
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
