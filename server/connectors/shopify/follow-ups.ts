import { ORDER_LINE_ITEMS, ORDERS_REFUNDS, PRODUCT_VARIANTS, REFUND_LINE_ITEMS } from "./documents";
import type { ShopifyGraphqlClient } from "./graphql-client";
import type { CompleteOrder } from "./mapper";
import {
  OrderLineItemsPage,
  OrdersRefunds,
  parsePayload,
  ProductVariantsPage,
  RefundLineItemsPage,
  type LineItemNode,
  type OrderBulkLine,
  type OrderPageNode,
  type RefundLineItemNode,
  type VariantNode,
} from "./types";

// Pages and bulk lines carry nested children only up to a size; these fetch the rest, so an order
// leaves the connector with every line item and refund line item, and a product with every variant.

/** Orders per ORDERS_REFUNDS request. */
const REFUND_BATCH = 25;

async function remainingLineItems(client: ShopifyGraphqlClient, orderId: string, after: string | null): Promise<LineItemNode[]> {
  const items: LineItemNode[] = [];
  for (let cursor = after; ; ) {
    const page = parsePayload(OrderLineItemsPage, await client.request(ORDER_LINE_ITEMS, { id: orderId, after: cursor }), "order line items");
    // The order was deleted since its page was read: the deletion reaches us separately.
    if (!page.order) return items;
    items.push(...page.order.lineItems.nodes);
    if (!page.order.lineItems.pageInfo.hasNextPage) return items;
    cursor = page.order.lineItems.pageInfo.endCursor;
  }
}

async function remainingRefundLineItems(client: ShopifyGraphqlClient, refundId: string, after: string | null): Promise<RefundLineItemNode[]> {
  const items: RefundLineItemNode[] = [];
  for (let cursor = after; ; ) {
    const page = parsePayload(RefundLineItemsPage, await client.request(REFUND_LINE_ITEMS, { id: refundId, after: cursor }), "refund line items");
    if (!page.refund) return items;
    items.push(...page.refund.refundLineItems.nodes);
    if (!page.refund.refundLineItems.pageInfo.hasNextPage) return items;
    cursor = page.refund.refundLineItems.pageInfo.endCursor;
  }
}

/** Every refund line item of the refunds of these orders, by refund id. */
async function refundLineItemsOf(client: ShopifyGraphqlClient, orderIds: string[]): Promise<Map<string, RefundLineItemNode[]>> {
  const byRefund = new Map<string, RefundLineItemNode[]>();
  for (let i = 0; i < orderIds.length; i += REFUND_BATCH) {
    const ids = orderIds.slice(i, i + REFUND_BATCH);
    const page = parsePayload(OrdersRefunds, await client.request(ORDERS_REFUNDS, { ids }), "order refunds");
    for (const order of page.nodes) {
      for (const refund of order?.refunds ?? []) {
        const { pageInfo, nodes } = refund.refundLineItems;
        const rest = pageInfo.hasNextPage ? await remainingRefundLineItems(client, refund.id, pageInfo.endCursor) : [];
        byRefund.set(refund.id, [...nodes, ...rest]);
      }
    }
  }
  return byRefund;
}

/** Orders from ORDERS_PAGE, with the line items and refund line items their page left out. */
export async function completePageOrders(client: ShopifyGraphqlClient, nodes: OrderPageNode[]): Promise<CompleteOrder[]> {
  // Refunds whose line items did not fit are fetched again per order (one request for up to 25
  // orders), which holds ten times more refund line items per refund than the page did.
  const refundLineItems = await refundLineItemsOf(
    client,
    nodes.filter((n) => n.refunds.some((r) => r.refundLineItems.pageInfo.hasNextPage)).map((n) => n.id),
  );
  const orders: CompleteOrder[] = [];
  for (const node of nodes) {
    const { pageInfo, nodes: firstItems } = node.lineItems;
    const rest = pageInfo.hasNextPage ? await remainingLineItems(client, node.id, pageInfo.endCursor) : [];
    // An order deleted since its page was read keeps what the page had; the deletion follows.
    const refunds = node.refunds.map((r) => ({ ...r, refundLineItems: refundLineItems.get(r.id) ?? r.refundLineItems.nodes }));
    orders.push({ ...node, lineItems: [...firstItems, ...rest], refunds });
  }
  return orders;
}

/**
 * Orders assembled from a bulk file (their line items came as child lines), with refund line
 * items added: bulk queries cannot select a connection inside the `refunds` list. This costs
 * GraphQL points (about 12 per refunded order on the sandbox's cost model), the one part of a
 * bulk backfill that the cost bucket paces.
 */
export async function completeBulkOrders(
  client: ShopifyGraphqlClient,
  groups: { order: OrderBulkLine; lineItems: LineItemNode[] }[],
): Promise<CompleteOrder[]> {
  const refundLineItems = await refundLineItemsOf(
    client,
    groups.filter((g) => g.order.refunds.length > 0).map((g) => g.order.id),
  );
  return groups.map(({ order, lineItems }) => ({
    ...order,
    lineItems,
    // A refund missing from the answer belongs to an order deleted since the bulk run.
    refunds: order.refunds.map((r) => ({ ...r, refundLineItems: refundLineItems.get(r.id) ?? [] })),
  }));
}

/** A product's variants beyond the first page. */
export async function remainingVariants(client: ShopifyGraphqlClient, productId: string, after: string | null): Promise<VariantNode[]> {
  const variants: VariantNode[] = [];
  for (let cursor = after; ; ) {
    const page = parsePayload(ProductVariantsPage, await client.request(PRODUCT_VARIANTS, { id: productId, after: cursor }), "product variants");
    if (!page.product) return variants;
    variants.push(...page.product.variants.nodes);
    if (!page.product.variants.pageInfo.hasNextPage) return variants;
    cursor = page.product.variants.pageInfo.endCursor;
  }
}
