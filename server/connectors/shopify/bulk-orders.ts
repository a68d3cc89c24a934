import type { HttpClient } from "../_core/http";
import type { OrderRecord } from "../_core/records";
import type { StagedChildren } from "../_core/sync";
import { readBulkGroups, type BulkGroup } from "./bulk";
import { completeBulkOrders } from "./follow-ups";
import { mapOrder } from "./mapper";
import { clientFor, type ShopifyContext } from "./streams";
import { LineItemNode, OrderBulkLine, parsePayload, type BulkOperationNode } from "./types";

// The orders backfill as two streams over the same bulk file (and its child lines, staged once:
// see stagedFile in sync-bulk.ts). A bulk query cannot select refund line items (a connection
// inside the `refunds` list), and fetching them costs GraphQL points (~170 per 25 refunded
// orders), so at the standard plan's 100 points/s the follow-ups of a large shop take many
// minutes. The `orders` stream stores every order with its line items, refunds and transactions
// at download speed, its refunds still without their line items; `order-refunds` reads the file
// again, fetches the refund line items of the refunded orders only, as fast as the cost bucket
// allows, and stores those orders complete (same updatedAt and observedAt, the bulk operation's
// creation: the same read, more complete, so it replaces the first; an order changed since is a
// later version and wins).

type ReadOptions = { skipParents: number; batchSize: number; maxLines?: number; staged?: StagedChildren; signal?: AbortSignal };

type GroupBatch = { groups: { order: OrderBulkLine; lineItems: LineItemNode[] }[]; parentsRead: number };

/** A bulk file's orders with their line items (staged by the first pass), in batches, resuming after `skipParents` orders. */
async function* orderGroups(http: HttpClient, operation: BulkOperationNode, options: ReadOptions): AsyncGenerator<GroupBatch> {
  for await (const { groups, parentsRead } of readBulkGroups(http, "orders", operation, options)) yield { groups: groups.map(parseGroup), parentsRead };
}

function parseGroup(group: BulkGroup): { order: OrderBulkLine; lineItems: LineItemNode[] } {
  return {
    order: parsePayload(OrderBulkLine, group.node, "bulk order"),
    lineItems: group.children.map((c) => parsePayload(LineItemNode, c, "bulk line item")),
  };
}

export type OrderBatch = { records: OrderRecord[]; parentsRead: number };

/** The `orders` stream: every order of the file, refunds without their line items (no GraphQL cost). */
export async function* ordersWithoutRefundLines(
  http: HttpClient,
  operation: BulkOperationNode,
  options: ReadOptions,
): AsyncGenerator<OrderBatch> {
  for await (const { groups, parentsRead } of orderGroups(http, operation, options)) {
    const records = groups.map(({ order, lineItems }) => mapOrder({ ...order, lineItems, refunds: order.refunds.map((r) => ({ ...r, refundLineItems: [] })) }, operation.createdAt));
    yield { records, parentsRead };
  }
}

/** `order-refunds`: only the refunded orders of the file, complete with their refund line items. */
export async function* refundedOrdersComplete(
  ctx: ShopifyContext,
  http: HttpClient,
  operation: BulkOperationNode,
  options: ReadOptions,
): AsyncGenerator<OrderBatch & { parentsScanned: number }> {
  if (!operation.url) return;
  const client = clientFor(ctx);
  for await (const { groups, parentsRead } of orderGroups(http, operation, options)) {
    const refunded = groups.filter((g) => g.order.refunds.length > 0);
    const records = refunded.length ? (await completeBulkOrders(client, refunded)).map((order) => mapOrder(order, operation.createdAt)) : [];
    yield { records, parentsRead, parentsScanned: groups.length };
  }
}
