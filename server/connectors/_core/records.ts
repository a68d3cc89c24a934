// The normalized records every connector's stream produces and server/ingest writes. Provider
// payloads never travel further than a connector's mapper: the sync engine and ingest only see
// these shapes. Ids are the provider's own (text); money is a decimal string with its currency;
// times are ISO-8601 strings. `sourceUpdatedAt` and `observedAt` are what keep an older copy (a
// replayed page, a late webhook) from overwriting a newer one.

export type Money = { amount: string; currency: string };

/**
 * When this copy of a record was seen: for a webhook delivery, when the provider triggered it;
 * for a read, when it was asked for (a read reflects every change before it was made). It orders
 * two copies with the same `sourceUpdatedAt`, which providers give to the second only (timestamps
 * in whole seconds): the copy seen later is the newer version.
 */
type Observed = { observedAt: string };

export type CustomerRecord = Observed & {
  externalId: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  state: string | null;
  tags: string[];
  numberOfOrders: number | null;
  amountSpent: Money | null;
  sourceCreatedAt: string;
  sourceUpdatedAt: string;
};

export type OrderLineItemRecord = {
  externalId: string;
  productExternalId: string | null;
  variantExternalId: string | null;
  sku: string | null;
  title: string;
  variantTitle: string | null;
  quantity: number;
  currentQuantity: number;
  unitPrice: Money;
  discountedUnitPrice: Money;
};

export type RefundLineItemRecord = {
  lineItemExternalId: string;
  quantity: number;
  restockType: string | null;
  subtotal: Money;
};

export type RefundRecord = {
  externalId: string;
  note: string | null;
  total: Money;
  lineItems: RefundLineItemRecord[];
  sourceCreatedAt: string;
};

export type OrderTransactionRecord = {
  externalId: string;
  parentExternalId: string | null;
  kind: string;
  status: string;
  gateway: string | null;
  amount: Money;
  processedAt: string | null;
};

/** An order always travels with all of its line items, refunds and transactions. */
export type OrderRecord = Observed & {
  externalId: string;
  name: string;
  email: string | null;
  customerExternalId: string | null;
  financialStatus: string | null;
  fulfillmentStatus: string | null;
  /**
   * When the provider said less than a stored status can say (one value for several finer ones):
   * the finer stored statuses it does not contradict, which then stay.
   */
  fulfillmentStatusKeeps?: readonly string[];
  currency: string;
  subtotal: Money | null;
  totalTax: Money | null;
  totalDiscounts: Money | null;
  totalPrice: Money;
  currentTotalPrice: Money | null;
  totalRefunded: Money | null;
  tags: string[];
  test: boolean;
  processedAt: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
  closedAt: string | null;
  sourceCreatedAt: string;
  sourceUpdatedAt: string;
  lineItems: OrderLineItemRecord[];
  refunds: RefundRecord[];
  transactions: OrderTransactionRecord[];
};

export type ProductVariantRecord = {
  externalId: string;
  inventoryItemExternalId: string | null;
  title: string;
  sku: string | null;
  barcode: string | null;
  price: Money;
  compareAtPrice: Money | null;
  position: number | null;
  sourceUpdatedAt: string;
};

/**
 * A product with its variants: all of them, or (`variantsComplete` false) only some, when the
 * payload carries a limited number (a product webhook may carry only the first 100). Variants it does
 * not carry are kept as stored, never taken for deleted.
 */
export type ProductRecord = Observed & {
  externalId: string;
  title: string;
  handle: string | null;
  vendor: string | null;
  productType: string | null;
  status: string;
  tags: string[];
  sourceCreatedAt: string;
  sourceUpdatedAt: string;
  variants: ProductVariantRecord[];
  variantsComplete: boolean;
};

export type LocationRecord = Observed & {
  externalId: string;
  name: string;
  isActive: boolean;
  fulfillsOnlineOrders: boolean;
  address: { address1: string | null; city: string | null; countryCode: string | null; zip: string | null };
  sourceUpdatedAt: string;
};

/** Quantities of one inventory item (variant) at one location. */
export type InventoryLevelRecord = Observed & {
  inventoryItemExternalId: string;
  locationExternalId: string;
  available: number;
  onHand: number;
  committed: number;
  incoming: number;
  sourceUpdatedAt: string;
};

/** Something the provider deleted: a product, customer or order. */
export type DeletionRecord = {
  resource: "order" | "customer" | "product";
  externalId: string;
  occurredAt: string;
};
