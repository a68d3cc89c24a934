import type { OrderRecord } from "@/server/connectors/_core/records";
import {
  amountIn,
  checkedCounts,
  contentHash,
  EXTERNAL_KEY,
  lastPerKey,
  NEWER_VERSION_BY_HASH,
  newestPerKey,
  newId,
  NO_COUNTS,
  personal,
  inputSets,
  joinedTags,
  queryCountsSerialized,
  removedChildrenSql,
  set,
  upsertSql,
  type IngestCounts,
  TAGS_FROM_INPUT,
  type IngestScope,
  versionOf,
} from "./shared";
import type { IngestTransaction } from "./pool";
import { DELETED_AT_FROM_TOMBSTONE, INPUT_WITH_TOMBSTONES, tombstonesCte, WRITTEN_STATE, writtenCounts } from "./tombstones";

// Orders and their children in one statement (data-modifying CTEs), so a batch is all or nothing
// and costs one statement, run after the per-connection lock (queryCountsSerialized). Children
// are written only for orders the statement actually inserted or updated, so an order that loses
// to the stored copy leaves its children untouched too; for an updated order, children missing
// from the incoming copy are deleted. An order deleted at the source before it was first stored
// is stored deleted (tombstones.ts).

const ORDER_INPUT = [
  ["id", "text"],
  ["externalId", "text"],
  ["name", "text"],
  ["email", "text"],
  ["customerExternalId", "text"],
  ["financialStatus", "text"],
  ["fulfillmentStatus", "text"],
  ["fulfillmentStatusKeeps", "text"],
  ["currency", "text"],
  ["subtotal", "numeric"],
  ["totalTax", "numeric"],
  ["totalDiscounts", "numeric"],
  ["totalPrice", "numeric"],
  ["currentTotalPrice", "numeric"],
  ["totalRefunded", "numeric"],
  ["totalShipping", "numeric"],
  ["channel", "text"],
  ["marketingSource", "text"],
  ["marketingMedium", "text"],
  ["shippingAddress", "jsonb"],
  ["billingAddress", "jsonb"],
  ["leftOut", "text"],
  ["tags", "text"],
  ["test", "boolean"],
  ["processedAt", "timestamptz"],
  ["cancelledAt", "timestamptz"],
  ["cancelReason", "text"],
  ["closedAt", "timestamptz"],
  ["sourceCreatedAt", "timestamptz"],
  ["sourceUpdatedAt", "timestamptz"],
  ["observedAt", "timestamptz"],
  ["sourceHash", "text"],
] as const;

const LINE_INPUT = [
  ["id", "text"],
  ["orderExternalId", "text"],
  ["externalId", "text"],
  ["productExternalId", "text"],
  ["variantExternalId", "text"],
  ["sku", "text"],
  ["title", "text"],
  ["variantTitle", "text"],
  ["quantity", "integer"],
  ["currentQuantity", "integer"],
  ["unitPrice", "numeric"],
  ["discountedUnitPrice", "numeric"],
  ["currency", "text"],
] as const;

const REFUND_INPUT = [
  ["id", "text"],
  ["orderExternalId", "text"],
  ["externalId", "text"],
  ["note", "text"],
  ["total", "numeric"],
  ["currency", "text"],
  ["lineItems", "jsonb"],
  ["sourceCreatedAt", "timestamptz"],
] as const;

const TRANSACTION_INPUT = [
  ["id", "text"],
  ["orderExternalId", "text"],
  ["externalId", "text"],
  ["parentExternalId", "text"],
  ["kind", "text"],
  ["status", "text"],
  ["gateway", "text"],
  ["amount", "numeric"],
  ["currency", "text"],
  ["processedAt", "timestamptz"],
] as const;

type Row<T extends readonly (readonly [string, string])[]> = Record<T[number][0], unknown>;

const childFrom = (cte: string) => `${cte} i JOIN orders o ON o."externalId" = i."orderExternalId"`;
const removed = (table: string, writtenCte: string) => removedChildrenSql({ table, parentCte: "orders", foreignKey: "orderId", writtenCte });

const INPUT = inputSets({ orders: ORDER_INPUT, lines: LINE_INPUT, refunds: REFUND_INPUT, transactions: TRANSACTION_INPUT });

// A coarse status (fulfillmentStatusKeeps) leaves a finer stored one it does not contradict. One
// index lookup per such record; for the others the subquery is skipped by its first condition.
const FULFILLMENT_STATUS = `coalesce((SELECT s."fulfillmentStatus" FROM "Order" s
      WHERE i."fulfillmentStatusKeeps" IS NOT NULL AND s."workspaceId" = $1 AND s."connectionId" = $2 AND s."externalId" = i."externalId"
        AND s."fulfillmentStatus" = ANY(string_to_array(i."fulfillmentStatusKeeps", E'\\x1f'))), i."fulfillmentStatus")`;

// The fields an order record may leave out (a webhook body without the customer's journey): the
// stored value then stays, where null says the order has none. The input's "leftOut" names them,
// comma-separated; one index lookup per field left out, skipped by the CASE for the others.
// The addresses are personal data besides: a redacted order keeps none.
const OPTIONAL_FIELDS = ["totalShipping", "channel", "marketingSource", "marketingMedium"] as const satisfies readonly (keyof OrderRecord)[];
const OPTIONAL_PERSONAL_FIELDS = ["shippingAddress", "billingAddress"] as const satisfies readonly (keyof OrderRecord)[];
const storedWhereLeftOut = (column: (typeof OPTIONAL_FIELDS | typeof OPTIONAL_PERSONAL_FIELDS)[number]) =>
  `CASE WHEN '${column}' = ANY(string_to_array(i."leftOut", ','))
      THEN (SELECT s."${column}" FROM "Order" s WHERE s."workspaceId" = $1 AND s."connectionId" = $2 AND s."externalId" = i."externalId")
      ELSE i."${column}" END`;

const INGEST_ORDERS_SQL = `WITH
  input AS (SELECT * FROM ${INPUT.sql.orders}),
  line_input AS (SELECT * FROM ${INPUT.sql.lines}),
  refund_input AS (SELECT * FROM ${INPUT.sql.refunds}),
  transaction_input AS (SELECT * FROM ${INPUT.sql.transactions}),
  ${tombstonesCte("order")},
  orders AS (${upsertSql({
    table: "Order",
    idFrom: `i."id"`,
    from: INPUT_WITH_TOMBSTONES,
    conflict: EXTERNAL_KEY,
    where: NEWER_VERSION_BY_HASH,
    returning: `t."id", t."externalId", ${WRITTEN_STATE}`,
    columns: [
      set("externalId"),
      set("name"),
      set("nameLower", `lower(i."name")`),
      personal("email"),
      personal("emailLower", `lower(i."email")`),
      set("customerExternalId"),
      set("financialStatus"),
      set("fulfillmentStatus", FULFILLMENT_STATUS),
      set("currency"),
      set("subtotal"),
      set("totalTax"),
      set("totalDiscounts"),
      set("totalPrice"),
      set("currentTotalPrice"),
      set("totalRefunded"),
      ...OPTIONAL_FIELDS.map((column) => set(column, storedWhereLeftOut(column))),
      ...OPTIONAL_PERSONAL_FIELDS.map((column) => personal(column, storedWhereLeftOut(column))),
      set("tags", TAGS_FROM_INPUT),
      set("test"),
      set("processedAt", `coalesce(i."processedAt", i."sourceCreatedAt")`),
      set("cancelledAt"),
      set("cancelReason"),
      set("closedAt"),
      set("sourceCreatedAt"),
      set("sourceUpdatedAt"),
      set("observedAt"),
      set("sourceHash"),
      DELETED_AT_FROM_TOMBSTONE,
    ],
  })}),
  lines AS (${upsertSql({
    table: "OrderLineItem",
    idFrom: `i."id"`,
    from: childFrom("line_input"),
    conflict: EXTERNAL_KEY,
    returning: `t."orderId", t."externalId"`,
    columns: [
      set("orderId", `o."id"`),
      set("externalId"),
      set("productExternalId"),
      set("variantExternalId"),
      set("sku"),
      set("title"),
      set("variantTitle"),
      set("quantity"),
      set("currentQuantity"),
      set("unitPrice"),
      set("discountedUnitPrice"),
      set("currency"),
    ],
  })}),
  lines_removed AS (${removed("OrderLineItem", "lines")}),
  refunds AS (${upsertSql({
    table: "Refund",
    idFrom: `i."id"`,
    from: childFrom("refund_input"),
    conflict: EXTERNAL_KEY,
    returning: `t."orderId", t."externalId"`,
    columns: [
      set("orderId", `o."id"`),
      set("externalId"),
      set("note"),
      set("total"),
      set("currency"),
      set("lineItems"),
      set("sourceCreatedAt"),
    ],
  })}),
  refunds_removed AS (${removed("Refund", "refunds")}),
  transactions AS (${upsertSql({
    table: "OrderTransaction",
    idFrom: `i."id"`,
    from: childFrom("transaction_input"),
    conflict: EXTERNAL_KEY,
    returning: `t."orderId", t."externalId"`,
    columns: [
      set("orderId", `o."id"`),
      set("externalId"),
      set("parentExternalId"),
      set("kind"),
      set("status"),
      set("gateway"),
      set("amount"),
      set("currency"),
      set("processedAt"),
    ],
  })}),
  transactions_removed AS (${removed("OrderTransaction", "transactions")})
SELECT
  ${writtenCounts("orders")},
  (SELECT count(*) FROM input i WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o."externalId" = i."externalId"))::int AS unchanged,
  ((SELECT count(*) FROM lines) + (SELECT count(*) FROM refunds) + (SELECT count(*) FROM transactions))::int AS "childrenWritten",
  ((SELECT count(*) FROM lines_removed) + (SELECT count(*) FROM refunds_removed) + (SELECT count(*) FROM transactions_removed))::int AS "childrenRemoved"`;

/** Order counts, plus the child rows (line items, refunds, transactions) written and removed. */
export type OrderIngestCounts = IngestCounts & { childrenWritten: number; childrenRemoved: number };

/**
 * Upserts orders with all their line items, refunds and transactions, atomically. An order
 * older than (or identical to) the stored copy changes nothing, children included; an updated
 * order's children are made exactly the incoming ones.
 */
export async function ingestOrders(scope: IngestScope, orders: readonly OrderRecord[], tx?: IngestTransaction): Promise<OrderIngestCounts> {
  if (orders.length === 0) return { ...NO_COUNTS, childrenWritten: 0, childrenRemoved: 0 };
  const { records, dropped } = newestPerKey(orders, (o) => o.externalId, versionOf);

  const orderRows: Row<typeof ORDER_INPUT>[] = [];
  const lineRows: Row<typeof LINE_INPUT>[] = [];
  const refundRows: Row<typeof REFUND_INPUT>[] = [];
  const transactionRows: Row<typeof TRANSACTION_INPUT>[] = [];
  for (const order of records) {
    const where = `order ${order.externalId}`;
    const currency = order.currency;
    orderRows.push({
      id: newId(),
      externalId: order.externalId,
      name: order.name,
      email: order.email,
      customerExternalId: order.customerExternalId,
      financialStatus: order.financialStatus,
      fulfillmentStatus: order.fulfillmentStatus,
      fulfillmentStatusKeeps: order.fulfillmentStatusKeeps ? joinedTags(order.fulfillmentStatusKeeps, where) : null,
      currency,
      subtotal: amountIn(currency, order.subtotal, where),
      totalTax: amountIn(currency, order.totalTax, where),
      totalDiscounts: amountIn(currency, order.totalDiscounts, where),
      totalPrice: amountIn(currency, order.totalPrice, where),
      currentTotalPrice: amountIn(currency, order.currentTotalPrice, where),
      totalRefunded: amountIn(currency, order.totalRefunded, where),
      totalShipping: amountIn(currency, order.totalShipping ?? null, where),
      channel: order.channel,
      marketingSource: order.marketingSource,
      marketingMedium: order.marketingMedium,
      shippingAddress: order.shippingAddress ? JSON.stringify(order.shippingAddress) : null,
      billingAddress: order.billingAddress ? JSON.stringify(order.billingAddress) : null,
      leftOut: [...OPTIONAL_FIELDS, ...OPTIONAL_PERSONAL_FIELDS].filter((field) => order[field] === undefined).join(","),
      tags: joinedTags(order.tags, where),
      test: order.test,
      processedAt: order.processedAt,
      cancelledAt: order.cancelledAt,
      cancelReason: order.cancelReason,
      closedAt: order.closedAt,
      sourceCreatedAt: order.sourceCreatedAt,
      sourceUpdatedAt: order.sourceUpdatedAt,
      observedAt: order.observedAt,
      sourceHash: contentHash(order),
    });
    for (const line of lastPerKey(order.lineItems, (l) => l.externalId)) {
      const lineCurrency = line.unitPrice.currency;
      lineRows.push({
        id: newId(),
        orderExternalId: order.externalId,
        externalId: line.externalId,
        productExternalId: line.productExternalId,
        variantExternalId: line.variantExternalId,
        sku: line.sku,
        title: line.title,
        variantTitle: line.variantTitle,
        quantity: line.quantity,
        currentQuantity: line.currentQuantity,
        unitPrice: line.unitPrice.amount,
        discountedUnitPrice: amountIn(lineCurrency, line.discountedUnitPrice, `${where} line item ${line.externalId}`),
        currency: lineCurrency,
      });
    }
    for (const refund of lastPerKey(order.refunds, (r) => r.externalId)) {
      refundRows.push({
        id: newId(),
        orderExternalId: order.externalId,
        externalId: refund.externalId,
        note: refund.note,
        total: refund.total.amount,
        currency: refund.total.currency,
        lineItems: JSON.stringify(refund.lineItems),
        sourceCreatedAt: refund.sourceCreatedAt,
      });
    }
    for (const transaction of lastPerKey(order.transactions, (t) => t.externalId)) {
      transactionRows.push({
        id: newId(),
        orderExternalId: order.externalId,
        externalId: transaction.externalId,
        parentExternalId: transaction.parentExternalId,
        kind: transaction.kind,
        status: transaction.status,
        gateway: transaction.gateway,
        amount: transaction.amount.amount,
        currency: transaction.amount.currency,
        processedAt: transaction.processedAt,
      });
    }
  }

  const result = await queryCountsSerialized<{ inserted: number; updated: number; deleted: number; unchanged: number; childrenWritten: number; childrenRemoved: number }>(
    scope,
    INGEST_ORDERS_SQL,
    [scope.workspaceId, scope.connectionId, ...INPUT.params({ orders: orderRows, lines: lineRows, refunds: refundRows, transactions: transactionRows })],
    tx,
  );
  const counts = checkedCounts("orders", {
    read: orders.length,
    inserted: result.inserted,
    updated: result.updated,
    unchanged: result.unchanged + dropped,
    deleted: result.deleted,
  });
  return { ...counts, childrenWritten: result.childrenWritten, childrenRemoved: result.childrenRemoved };
}
