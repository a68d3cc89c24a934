import type {
  CustomerRecord,
  DeletionRecord,
  InventoryLevelRecord,
  LocationRecord,
  Money,
  OrderRecord,
  ProductRecord,
} from "../_core/records";
import { addressOrNull, type PostalAddress } from "../_core/address";
import { PermanentError } from "../_core/errors";
import type {
  CustomerNode,
  DeletionEventNode,
  InventoryLevelNode,
  LineItemNode,
  LocationNode,
  MailingAddress,
  MoneyBag,
  MoneyV2,
  OrderScalars,
  RefundLineItemNode,
  RefundScalars,
  ProductScalars,
  VariantNode,
} from "./types";

// Pure functions from Admin GraphQL nodes to the normalized records. External ids are Shopify's
// numeric (legacy) ids, the ones webhooks and REST use, so every path writes the same key.
// `observedAt` is when the read was made (a page's request, a bulk operation's creation): the
// caller knows it, the node does not.

/** `gid://shopify/Order/5210499102` → `5210499102` (query suffixes dropped); numeric ids pass. */
export function legacyId(id: string): string {
  if (/^\d+$/.test(id)) return id;
  const match = /^gid:\/\/shopify\/[A-Za-z]+\/(\d+)(?:\?.*)?$/.exec(id);
  if (!match) throw new PermanentError(`Unexpected Shopify id "${id}"`);
  return match[1]!;
}

function money(value: MoneyV2): Money {
  return { amount: value.amount, currency: value.currencyCode };
}

/** Shop-currency amount of a MoneyBag (presentment amounts are what the buyer saw). */
function shopMoney(bag: MoneyBag): Money;
function shopMoney(bag: MoneyBag | null): Money | null;
function shopMoney(bag: MoneyBag | null): Money | null {
  return bag ? money(bag.shopMoney) : null;
}

/** An order with every child fetched: the stream and bulk readers assemble this before mapping. */
export type CompleteOrder = OrderScalars & {
  lineItems: LineItemNode[];
  refunds: (RefundScalars & { refundLineItems: RefundLineItemNode[] })[];
};

type Attribution = Pick<OrderRecord, "channel" | "marketingSource" | "marketingMedium">;

/**
 * The channel is the app that created the order ("Online Store", "Point of Sale", "Draft Orders"),
 * else its sourceName. Source and medium are the last visit's UTM parameters, else the visit's
 * own source and marketing tactic ("google", "seo"); no visit means none. While Shopify is still
 * attributing the order (`ready` false) its journey is unknown, not absent: left out, so a stored
 * one stays.
 */
function attribution(order: OrderScalars): Attribution {
  const channel = order.app?.name || order.sourceName || null;
  const journey = order.customerJourneySummary;
  if (journey && !journey.ready) return { channel };
  const visit = journey?.lastVisit ?? null;
  return {
    channel,
    marketingSource: visit ? visit.utmParameters?.source || visit.source || null : null,
    marketingMedium: visit ? visit.utmParameters?.medium || visit.sourceType?.toLowerCase() || null : null,
  };
}

/** A MailingAddress as stored; null when Shopify has none (a digital order ships nowhere). */
function mailingAddress(address: MailingAddress | null): PostalAddress | null {
  if (!address) return null;
  const { countryCodeV2, ...parts } = address;
  return addressOrNull({ ...parts, countryCode: countryCodeV2 });
}

export function mapOrder(order: CompleteOrder, observedAt: string): OrderRecord {
  return {
    externalId: legacyId(order.id),
    name: order.name,
    email: order.email,
    customerExternalId: order.customer ? legacyId(order.customer.id) : null,
    financialStatus: order.displayFinancialStatus,
    fulfillmentStatus: order.displayFulfillmentStatus,
    currency: order.currencyCode,
    subtotal: shopMoney(order.subtotalPriceSet),
    totalTax: shopMoney(order.totalTaxSet),
    totalDiscounts: shopMoney(order.totalDiscountsSet),
    totalPrice: shopMoney(order.totalPriceSet),
    currentTotalPrice: shopMoney(order.currentTotalPriceSet),
    totalRefunded: shopMoney(order.totalRefundedSet),
    totalShipping: shopMoney(order.totalShippingPriceSet),
    ...attribution(order),
    shippingAddress: mailingAddress(order.shippingAddress),
    billingAddress: mailingAddress(order.billingAddress),
    tags: order.tags,
    test: order.test,
    processedAt: order.processedAt,
    cancelledAt: order.cancelledAt,
    cancelReason: order.cancelReason,
    closedAt: order.closedAt,
    sourceCreatedAt: order.createdAt,
    sourceUpdatedAt: order.updatedAt,
    observedAt,
    lineItems: order.lineItems.map((item) => ({
      externalId: legacyId(item.id),
      productExternalId: item.product ? legacyId(item.product.id) : null,
      variantExternalId: item.variant ? legacyId(item.variant.id) : null,
      sku: item.sku || null,
      title: item.title,
      variantTitle: item.variantTitle,
      quantity: item.quantity,
      currentQuantity: item.currentQuantity,
      unitPrice: shopMoney(item.originalUnitPriceSet),
      discountedUnitPrice: shopMoney(item.discountedUnitPriceSet),
    })),
    refunds: order.refunds.map((refund) => ({
      externalId: legacyId(refund.id),
      note: refund.note,
      total: shopMoney(refund.totalRefundedSet),
      // Refund.createdAt is nullable in the schema; processedAt is not.
      sourceCreatedAt: refund.createdAt ?? refund.processedAt ?? order.updatedAt,
      lineItems: refund.refundLineItems.map((line) => ({
        lineItemExternalId: legacyId(line.lineItem.id),
        quantity: line.quantity,
        restockType: line.restockType,
        subtotal: shopMoney(line.subtotalSet),
      })),
    })),
    transactions: order.transactions.map((tx) => ({
      externalId: legacyId(tx.id),
      parentExternalId: tx.parentTransaction ? legacyId(tx.parentTransaction.id) : null,
      kind: tx.kind,
      status: tx.status,
      gateway: tx.gateway,
      amount: shopMoney(tx.amountSet),
      processedAt: tx.processedAt,
    })),
  };
}

export function mapCustomer(customer: CustomerNode, observedAt: string): CustomerRecord {
  return {
    externalId: legacyId(customer.id),
    email: customer.defaultEmailAddress?.emailAddress ?? null,
    firstName: customer.firstName,
    lastName: customer.lastName,
    phone: customer.defaultPhoneNumber?.phoneNumber ?? null,
    state: customer.state,
    tags: customer.tags,
    numberOfOrders: customer.numberOfOrders,
    amountSpent: customer.amountSpent ? money(customer.amountSpent) : null,
    sourceCreatedAt: customer.createdAt,
    sourceUpdatedAt: customer.updatedAt,
    observedAt,
  };
}

/** Variant prices are plain decimals in the shop's currency, which the caller supplies; `variants` are all of the product's. */
export function mapProduct(product: ProductScalars, variants: VariantNode[], shopCurrency: string, observedAt: string): ProductRecord {
  return {
    externalId: legacyId(product.id),
    title: product.title,
    handle: product.handle,
    vendor: product.vendor || null,
    productType: product.productType || null,
    status: product.status,
    tags: product.tags,
    sourceCreatedAt: product.createdAt,
    sourceUpdatedAt: product.updatedAt,
    observedAt,
    variantsComplete: true,
    variants: variants.map((variant) => ({
      externalId: legacyId(variant.id),
      inventoryItemExternalId: variant.inventoryItem ? legacyId(variant.inventoryItem.id) : null,
      title: variant.title,
      sku: variant.sku || null,
      barcode: variant.barcode || null,
      price: { amount: variant.price, currency: shopCurrency },
      compareAtPrice: variant.compareAtPrice ? { amount: variant.compareAtPrice, currency: shopCurrency } : null,
      position: variant.position,
      sourceUpdatedAt: variant.updatedAt,
    })),
  };
}

export function mapLocation(location: LocationNode, observedAt: string): LocationRecord {
  return {
    externalId: legacyId(location.id),
    name: location.name,
    isActive: location.isActive,
    fulfillsOnlineOrders: location.fulfillsOnlineOrders,
    address: { ...location.address },
    sourceUpdatedAt: location.updatedAt,
    observedAt,
  };
}

export function mapInventoryLevel(level: InventoryLevelNode, observedAt: string): InventoryLevelRecord {
  const quantity = (name: string): number => {
    const found = level.quantities.find((q) => q.name === name);
    if (!found) throw new PermanentError(`Inventory level of ${level.item.id} at ${level.location.id} lacks the "${name}" quantity`);
    return found.quantity;
  };
  return {
    inventoryItemExternalId: legacyId(level.item.id),
    locationExternalId: legacyId(level.location.id),
    available: quantity("available"),
    onHand: quantity("on_hand"),
    committed: quantity("committed"),
    incoming: quantity("incoming"),
    sourceUpdatedAt: level.updatedAt,
    observedAt,
  };
}

const DELETED_RESOURCES: Record<string, DeletionRecord["resource"]> = {
  PRODUCT: "product",
  ORDER: "order",
  CUSTOMER: "customer",
};

/** Deletions of resources we do not store (collections, ...) map to null. */
export function mapDeletionEvent(event: DeletionEventNode): DeletionRecord | null {
  const resource = DELETED_RESOURCES[event.subjectType];
  return resource ? { resource, externalId: legacyId(event.subjectId), occurredAt: event.occurredAt } : null;
}
