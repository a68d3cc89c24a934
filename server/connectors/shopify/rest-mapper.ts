import type {
  CustomerRecord,
  DeletionRecord,
  Money,
  OrderRecord,
  OrderTransactionRecord,
  ProductRecord,
  RefundRecord,
} from "../_core/records";
import { addressOrNull, type PostalAddress } from "../_core/address";
import type { CustomerDataRequest, InventoryAvailableRecord } from "../_core/webhooks";
import { legacyId } from "./mapper";
import type {
  CustomerPayload,
  CustomerRedactPayload,
  DataRequestPayload,
  DeletionPayload,
  InventoryLevelPayload,
  MoneyBagPayload,
  OrderPayload,
  ProductPayload,
  TransactionPayload,
} from "./webhook-payloads";

// Pure functions from the REST-shaped webhook bodies, as their topic's schema reads them
// (webhook-payloads.ts), to the normalized records. The values are written the way mapper.ts
// writes the GraphQL ones (upper-case enums, legacy ids, shop-currency money), so a webhook and the
// next sync store the same thing. Where a REST payload lacks what the record holds, the result says
// so, and the caller keeps what is stored instead of overwriting it with nothing. `observedAt` is
// when the copy was seen (the delivery's X-Shopify-Triggered-At, never after its arrival).

// ---------- money ----------

// Amounts are added in ten-thousandths (the database's scale) as integers, so sums are exact.
const BASE = 10_000n;
function toUnits(amount: string): bigint {
  const negative = amount.startsWith("-");
  const [whole = "0", fraction = ""] = amount.replace(/^-/, "").split(".");
  const units = BigInt(whole) * BASE + BigInt(fraction.padEnd(4, "0").slice(0, 4));
  return negative ? -units : units;
}
function fromUnits(units: bigint): string {
  const abs = units < 0n ? -units : units;
  const fraction = (abs % BASE).toString().padStart(4, "0").replace(/0+$/, "").padEnd(2, "0");
  return `${units < 0n ? "-" : ""}${abs / BASE}.${fraction}`;
}

/** The shop-currency amount: the `*_set` bag's shop money when present, else the plain field. */
function shopAmount(plain: string | null | undefined, bag: MoneyBagPayload | null | undefined, currency: string): Money | null {
  if (bag) return { amount: bag.shop_money.amount, currency: bag.shop_money.currency_code };
  return plain === null || plain === undefined ? null : { amount: plain, currency };
}

function sum(amounts: readonly string[], currency: string): Money {
  return { amount: fromUnits(amounts.reduce((total, a) => total + toUnits(a), 0n)), currency };
}

// ---------- orders ----------

export type RestOrder = {
  order: OrderRecord;
  /**
   * False when the payload carried only the refunds' transactions (what order webhooks send), or
   * some paid in another currency than the shop's (left out, see mapTransaction): the order's
   * other transactions are then the stored ones.
   */
  transactionsComplete: boolean;
};

// A REST transaction's `amount` is in the currency the buyer paid in (its `currency`, else the
// order's presentment currency), and REST has no shop-money figure for it, where the sync stores
// every transaction in shop money (GraphQL's amountSet.shopMoney). One paid in another currency
// than the shop's is therefore left out of the record: the stored copy stays, and the sync
// brings a new one, so a transaction's amount is shop money whichever path wrote it.
function mapTransaction(tx: TransactionPayload, order: OrderPayload): OrderTransactionRecord {
  return {
    externalId: tx.id,
    parentExternalId: tx.parent_id ?? null,
    kind: tx.kind.toUpperCase(),
    status: tx.status.toUpperCase(),
    gateway: tx.gateway ?? null,
    amount: { amount: tx.amount, currency: tx.currency ?? order.presentment_currency ?? order.currency },
    processedAt: tx.processed_at ?? null,
  };
}

const refunded = (tx: OrderTransactionRecord) => tx.kind === "REFUND" && tx.status === "SUCCESS";

export function mapRestOrder(o: OrderPayload, observedAt: string): RestOrder {
  const currency = o.currency;
  const refundsIn = o.refunds ?? [];
  const inShopMoney = (tx: OrderTransactionRecord) => tx.amount.currency === currency;

  const refunds: RefundRecord[] = refundsIn.map((refund) => {
    const transactions = (refund.transactions ?? []).map((tx) => mapTransaction(tx, o)).filter(refunded);
    const lineItems = refund.refund_line_items.map((line) => ({
      lineItemExternalId: line.line_item_id,
      quantity: line.quantity,
      restockType: line.restock_type,
      subtotal: shopAmount(line.subtotal, line.subtotal_set, currency)!,
    }));
    // A refund's total is the money it returned: its successful refund transactions. Those are
    // in the buyer's currency; when that is not the shop's, the refunded lines and their tax in
    // shop money are the closest shop-currency figure the payload has.
    const total = transactions.every(inShopMoney)
      ? sum(
          transactions.map((tx) => tx.amount.amount),
          currency,
        )
      : sum(
          refund.refund_line_items.flatMap((line) => [
            shopAmount(line.subtotal, line.subtotal_set, currency)!.amount,
            shopAmount(line.total_tax, line.total_tax_set, currency)?.amount ?? "0",
          ]),
          currency,
        );
    return {
      externalId: refund.id,
      note: refund.note,
      total,
      lineItems,
      sourceCreatedAt: refund.created_at ?? refund.processed_at ?? o.updated_at,
    };
  });

  const refundTransactions = refundsIn.flatMap((refund) => (refund.transactions ?? []).map((tx) => mapTransaction(tx, o)));
  const delivered = [...(o.transactions ?? []).map((tx) => mapTransaction(tx, o)), ...refundTransactions];
  const transactions = delivered.filter(inShopMoney);
  const refundedQuantity = new Map<string, number>();
  for (const refund of refunds) {
    for (const line of refund.lineItems) refundedQuantity.set(line.lineItemExternalId, (refundedQuantity.get(line.lineItemExternalId) ?? 0) + line.quantity);
  }

  const order: OrderRecord = {
    externalId: o.id,
    name: o.name,
    email: o.email,
    customerExternalId: o.customer?.id ?? null,
    financialStatus: o.financial_status ? o.financial_status.toUpperCase() : null,
    fulfillmentStatus: fulfillmentStatus(o.fulfillment_status),
    ...(o.fulfillment_status ? {} : { fulfillmentStatusKeeps: NOTHING_FULFILLED }),
    currency,
    subtotal: shopAmount(o.subtotal_price, o.subtotal_price_set, currency),
    totalTax: shopAmount(o.total_tax, o.total_tax_set, currency),
    totalDiscounts: shopAmount(o.total_discounts, o.total_discounts_set, currency),
    totalPrice: shopAmount(o.total_price, o.total_price_set, currency)!,
    currentTotalPrice: shopAmount(o.current_total_price, o.current_total_price_set, currency),
    // REST orders have no refunded total; GraphQL's totalRefundedSet is the sum of the refunds.
    totalRefunded: sum(
      refunds.map((r) => r.total.amount),
      currency,
    ),
    ...attribution(o, currency),
    ...addresses(o),
    tags: o.tags,
    test: o.test ?? false,
    processedAt: o.processed_at ?? null,
    cancelledAt: o.cancelled_at ?? null,
    cancelReason: o.cancel_reason,
    closedAt: o.closed_at ?? null,
    sourceCreatedAt: o.created_at,
    sourceUpdatedAt: o.updated_at,
    observedAt,
    lineItems: o.line_items.map((line) => {
      const unitPrice = shopAmount(line.price, line.price_set, currency)!;
      // GraphQL's discountedUnitPrice: the unit price less every discount allocated to the line,
      // spread over its units.
      const discount = (line.discount_allocations ?? []).reduce((total, d) => total + toUnits(shopAmount(d.amount, d.amount_set, currency)!.amount), 0n);
      const perUnit = line.quantity > 0 ? (discount + BigInt(line.quantity) / 2n) / BigInt(line.quantity) : 0n;
      const discounted = perUnit === 0n ? unitPrice.amount : fromUnits(toUnits(unitPrice.amount) - perUnit);
      return {
        externalId: line.id,
        productExternalId: line.product_id ?? null,
        variantExternalId: line.variant_id ?? null,
        sku: line.sku,
        title: line.title,
        variantTitle: line.variant_title,
        quantity: line.quantity,
        // Payloads from before current_quantity existed: the ordered units less the refunded ones.
        currentQuantity: line.current_quantity ?? Math.max(0, line.quantity - (refundedQuantity.get(line.id) ?? 0)),
        unitPrice,
        discountedUnitPrice: { amount: discounted, currency: unitPrice.currency },
      };
    }),
    refunds,
    transactions,
  };
  return { order, transactionsComplete: o.transactions !== null && o.transactions !== undefined && transactions.length === delivered.length };
}

/**
 * What a REST body says of where the order came from, as mapper.ts reads it from GraphQL. The
 * customer's journey is not in it: marketing source and medium are left out (the stored ones stay).
 * The channel is GraphQL's app name, which REST gives only as `app_id`; only an order no app
 * created (`app_id` null) has its channel here, its `source_name`.
 */
function attribution(o: OrderPayload, currency: string): Pick<OrderRecord, "totalShipping" | "channel"> {
  return {
    ...(o.total_shipping_price_set ? { totalShipping: shopAmount(null, o.total_shipping_price_set, currency) } : {}),
    ...(o.app_id === null ? { channel: o.source_name } : {}),
  };
}

/**
 * The body's addresses as mapper.ts reads GraphQL's. A body without the key says nothing of that
 * address (a shop without access to protected customer data gets bodies without them): left out,
 * the stored one stays; null says the order has none.
 */
function addresses(o: OrderPayload): Pick<OrderRecord, "shippingAddress" | "billingAddress"> {
  return {
    ...(o.shipping_address !== undefined ? { shippingAddress: restAddress(o.shipping_address) } : {}),
    ...(o.billing_address !== undefined ? { billingAddress: restAddress(o.billing_address) } : {}),
  };
}

function restAddress(address: OrderPayload["shipping_address"]): PostalAddress | null {
  if (!address) return null;
  return addressOrNull({ ...address, provinceCode: address.province_code, countryCode: address.country_code });
}

// GraphQL's display statuses of an order nothing of which is fulfilled (yet, or ever: nothing to
// ship): REST says null for every one of them, so a webhook's null leaves any of these that the
// sync stored.
const NOTHING_FULFILLED = ["UNFULFILLED", "ON_HOLD", "OPEN", "IN_PROGRESS", "SCHEDULED", "PENDING_FULFILLMENT", "REQUEST_DECLINED", "FULFILLMENT_NOT_REQUIRED"] as const;

// REST: null (nothing fulfilled), "partial", "fulfilled", "restocked"; GraphQL's display status.
function fulfillmentStatus(value: string | null | undefined): string {
  if (!value) return "UNFULFILLED";
  if (value === "partial") return "PARTIALLY_FULFILLED";
  return value.toUpperCase();
}

// ---------- customers ----------

export type RestCustomer = {
  customer: CustomerRecord;
  /**
   * Customer webhooks of current API versions no longer carry orders_count and total_spent; then
   * the stored numberOfOrders and amountSpent stand.
   */
  hasOrderStats: boolean;
};

export function mapRestCustomer(c: CustomerPayload, observedAt: string, shopCurrency: string | null = null): RestCustomer {
  const hasOrderStats = c.orders_count !== null && c.orders_count !== undefined && c.total_spent !== null && c.total_spent !== undefined;
  const currency = c.currency ?? shopCurrency;
  return {
    customer: {
      externalId: c.id,
      email: c.email,
      firstName: c.first_name,
      lastName: c.last_name,
      phone: c.phone,
      state: c.state,
      tags: c.tags,
      numberOfOrders: c.orders_count ?? null,
      amountSpent: c.total_spent !== null && c.total_spent !== undefined && currency ? { amount: c.total_spent, currency } : null,
      sourceCreatedAt: c.created_at,
      sourceUpdatedAt: c.updated_at,
      observedAt,
    },
    hasOrderStats,
  };
}

// ---------- products ----------

/**
 * Shopify's product webhooks carry the first 100 variants in full and, from 2024-04, every
 * variant's id in `variant_gids`: the payload has them all when each of those ids is among its
 * variants. Without `variant_gids` (older versions, which list at most 100 either way) only fewer
 * than 100 variants are surely all of them.
 * https://shopify.dev/docs/api/admin/migrate/new-product-model ("Key product API changes")
 */
const WEBHOOK_VARIANT_LIMIT = 100;

function carriesEveryVariant(p: ProductPayload): boolean {
  if (!p.variant_gids) return p.variants.length < WEBHOOK_VARIANT_LIMIT;
  const carried = new Set(p.variants.map((v) => v.id));
  return p.variant_gids.every((gid) => carried.has(legacyId(typeof gid === "string" ? gid : gid.admin_graphql_api_id)));
}

/** Variant prices are plain decimals in the shop's currency, which the caller supplies. */
export function mapRestProduct(p: ProductPayload, shopCurrency: string, observedAt: string): ProductRecord {
  return {
    externalId: p.id,
    title: p.title,
    handle: p.handle,
    vendor: p.vendor,
    productType: p.product_type,
    status: p.status,
    tags: p.tags,
    // A product is not created after its last update: the closest time the body vouches for.
    sourceCreatedAt: p.created_at ?? p.updated_at,
    sourceUpdatedAt: p.updated_at,
    observedAt,
    variantsComplete: carriesEveryVariant(p),
    variants: p.variants.map((v) => ({
      externalId: v.id,
      inventoryItemExternalId: v.inventory_item_id ?? null,
      title: v.title,
      sku: v.sku,
      barcode: v.barcode,
      price: { amount: v.price, currency: shopCurrency },
      compareAtPrice: v.compare_at_price ? { amount: v.compare_at_price, currency: shopCurrency } : null,
      position: v.position ?? null,
      // Null in Shopify's example: the product's update, the latest time the body vouches for.
      sourceUpdatedAt: v.updated_at ?? p.updated_at,
    })),
  };
}

/**
 * products/delete, orders/delete, customers/delete: only the id is read (customers/delete also
 * carries blanked fields). They carry no time of their own; `occurredAt` is when the delivery was
 * received.
 */
export function mapRestDeletion(resource: DeletionRecord["resource"], payload: DeletionPayload, occurredAt: string): DeletionRecord {
  return { resource, externalId: payload.id, occurredAt: new Date(occurredAt).toISOString() };
}

// ---------- inventory ----------

/**
 * inventory_levels/update carries only the `available` quantity (null for an untracked item);
 * on hand, committed and incoming are not in the payload.
 */
export function mapRestInventoryLevel(l: InventoryLevelPayload, observedAt: string): InventoryAvailableRecord {
  return { inventoryItemExternalId: l.inventory_item_id, locationExternalId: l.location_id, available: l.available, sourceUpdatedAt: l.updated_at, observedAt };
}

// ---------- compliance ----------

export function mapRestDataRequest(r: DataRequestPayload): CustomerDataRequest {
  return {
    dataRequestId: r.data_request.id,
    customerExternalId: r.customer.id,
    email: r.customer.email,
    phone: r.customer.phone,
    orderExternalIds: r.orders_requested,
  };
}

export type CustomerRedaction = { customerExternalId: string; orderExternalIds: string[] };

export function mapRestCustomerRedact(r: CustomerRedactPayload): CustomerRedaction {
  return { customerExternalId: r.customer.id, orderExternalIds: r.orders_to_redact };
}
