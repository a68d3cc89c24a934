// The normalized records every connector's stream produces and server/ingest writes. Provider
// payloads never travel further than a connector's mapper: the sync engine and ingest only see
// these shapes. Ids are the provider's own (text); money is a decimal string with its currency;
// times are ISO-8601 strings. `sourceUpdatedAt` and `observedAt` are what keep an older copy (a
// replayed page, a late webhook) from overwriting a newer one.

import type { PostalAddress } from "./address";

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
  /**
   * Where the copy says nothing of them (a webhook payload without the customer's journey), these
   * are left out and the stored values stay; null says the order has none.
   */
  totalShipping?: Money | null;
  /** The sales channel as the store names it (the app that created the order, else the store's source name). */
  channel?: string | null;
  /** The converting visit's marketing source and medium (UTM parameters, else the referrer's). */
  marketingSource?: string | null;
  marketingMedium?: string | null;
  /** Where it ships and whom it bills; left out where the copy carries no addresses (the stored ones stay). */
  shippingAddress?: PostalAddress | null;
  billingAddress?: PostalAddress | null;
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
  /** Null when the provider keeps no prices (a 3PL's catalogue). */
  price: Money | null;
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
  /**
   * A 3PL's further per-location figures (ShipBob's backordered, exception and internal transfer
   * quantities). Absent or null when the provider has no such figure (a store's levels): a level's
   * copy is its whole state, so an absent figure is stored as null, not kept from an older copy.
   */
  backordered?: number | null;
  exception?: number | null;
  internalTransfer?: number | null;
  sourceUpdatedAt: string;
};

/** An item and its quantity in a 3PL's shipment or return. */
export type FulfilmentItemRecord = {
  /** The 3PL's inventory item (the InventoryLevelRecord's inventoryItemExternalId), when given. */
  inventoryItemExternalId: string | null;
  sku: string | null;
  quantity: number;
};

/** One entry of a status history: the status entered and when. */
export type StatusChangeRecord = { status: string; occurredAt: string };

/** One event of a shipment's timeline (label printed, picked, shipped, delivered, put on hold...). */
export type ShipmentEventRecord = { type: string; description: string | null; occurredAt: string };

/**
 * A 3PL's shipment of (part of) an order from one of its locations. An order may ship in several.
 * Its copy carries all its items (stored as given, replaced whole).
 */
export type ShipmentRecord = Observed & {
  externalId: string;
  /** The 3PL's own order id. */
  orderExternalId: string;
  /** The store order it fulfils, as the 3PL knows it (ShipBob's reference_id): joins it to Order. */
  storeOrderReference: string | null;
  status: string;
  locationExternalId: string | null;
  trackingNumber: string | null;
  carrier: string | null;
  trackingUrl: string | null;
  /** When the 3PL promised to fulfil it, and how it stands against that (ShipBob: PendingOnTime, FulfilledLate...). */
  estimatedFulfillmentAt: string | null;
  estimatedFulfillmentStatus: string | null;
  shippedAt: string | null;
  deliveredAt: string | null;
  /**
   * The whole timeline, oldest first; null when this copy was read without it (a provider that
   * serves it per shipment, at a request each): the stored timeline then stays.
   */
  timeline: ShipmentEventRecord[] | null;
  items: FulfilmentItemRecord[];
  sourceCreatedAt: string;
  sourceUpdatedAt: string;
};

/**
 * A return of items to a 3PL's location. `sourceUpdatedAt`: the provider's last change, or (a
 * provider that gives none) the time of its latest status change.
 */
export type ReturnRecord = Observed & {
  externalId: string;
  /** The 3PL's own reference for the return (an RMA number), when it has one. */
  reference: string | null;
  /** The 3PL's order and shipment returned from, when given. */
  orderExternalId: string | null;
  shipmentExternalId: string | null;
  /** The store order, as the 3PL knows it (ShipBob's store_order_id). */
  storeOrderReference: string | null;
  status: string;
  locationExternalId: string | null;
  trackingNumber: string | null;
  items: FulfilmentItemRecord[];
  statusHistory: StatusChangeRecord[];
  completedAt: string | null;
  sourceCreatedAt: string;
  sourceUpdatedAt: string;
};

/** One item of an inbound receiving order: how many were announced and how many arrived. */
export type ReceivingItemRecord = {
  inventoryItemExternalId: string | null;
  sku: string | null;
  expectedQuantity: number;
  receivedQuantity: number;
  /** Put away on shelves, of those received; null when the provider does not say. */
  stowedQuantity: number | null;
};

/** Stock sent to a 3PL's location (ShipBob's warehouse receiving order, WRO). */
export type ReceivingOrderRecord = Observed & {
  externalId: string;
  /** The brand's own reference (ShipBob's purchase_order_number). */
  purchaseOrderNumber: string | null;
  status: string;
  locationExternalId: string | null;
  expectedArrivalAt: string | null;
  items: ReceivingItemRecord[];
  statusHistory: StatusChangeRecord[];
  sourceCreatedAt: string;
  sourceUpdatedAt: string;
};

/** Something the provider deleted: a product, customer or order. */
export type DeletionRecord = {
  resource: "order" | "customer" | "product";
  externalId: string;
  occurredAt: string;
};

// ---------- Store payouts (a payment processor's) ----------

/**
 * A payout of a payment processor to the brand's bank (a store's own payments), with its summary by
 * kind of balance transaction. `net` is what reaches the bank: negative for a withdrawal.
 */
export type PayoutRecord = Observed & {
  externalId: string;
  status: string;
  /** DEPOSIT or WITHDRAWAL. */
  transactionType: string;
  issuedAt: string;
  net: Money;
  gross: Money | null;
  /** The provider's summary, each a decimal string in the payout's currency (chargesGross, chargesFee, refundsFeeGross, refundsFee, adjustmentsGross, adjustmentsFee, reservedFundsGross, reservedFundsFee, retriedPayoutsGross, retriedPayoutsFee...). */
  summary: Record<string, string>;
  /**
   * No update time at the source: a time that is the same in every read (issuedAt), so an unchanged
   * copy hashes the same and writes nothing; a changed one wins as the copy seen later (observedAt).
   */
  sourceUpdatedAt: string;
};

/** One movement of the processor's balance (a charge, refund, fee adjustment, reserve...), and the payout that settles it. */
export type PayoutBalanceTransactionRecord = Observed & {
  externalId: string;
  /** Null while no payout settles it yet. */
  payoutExternalId: string | null;
  type: string;
  amount: Money;
  fee: Money;
  net: Money;
  transactionDate: string;
  /** The store order it belongs to (Order.externalId), and that order's name. */
  orderExternalId: string | null;
  orderName: string | null;
  /** The order transaction (OrderTransaction.externalId) behind it: a refund's names the refund's. */
  orderTransactionExternalId: string | null;
  sourceType: string | null;
  sourceId: string | null;
  adjustmentReason: string | null;
  sourceUpdatedAt: string;
};

// ---------- Accounting (FreeAgent) ----------
// Every accounting record's externalId is the provider's identity for it (FreeAgent: its URL);
// references to others are those identities. Dates without a time are YYYY-MM-DD strings.

export type AccountingCompanyRecord = Observed & {
  externalId: string;
  name: string;
  companyType: string | null;
  currency: string;
  salesTaxRegistrationStatus: string | null;
  /** The month and day accounting years end (MM-DD), when known. */
  yearEnd: string | null;
  sourceCreatedAt: string | null;
  sourceUpdatedAt: string;
};

export type AccountingUserRecord = Observed & {
  externalId: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  role: string | null;
  /** The provider's access level (FreeAgent 0–8). */
  permissionLevel: number | null;
  sourceUpdatedAt: string;
};

export type AccountingContactRecord = Observed & {
  externalId: string;
  organisationName: string | null;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  status: string | null;
  town: string | null;
  postcode: string | null;
  country: string | null;
  sourceCreatedAt: string;
  sourceUpdatedAt: string;
};

export type AccountingCategoryRecord = Observed & {
  externalId: string;
  nominalCode: string;
  description: string;
  /** admin_expenses, cost_of_sales, income or general. */
  group: string;
  allowableForTax: boolean | null;
  sourceUpdatedAt: string;
};

/** A line of an invoice or bill. */
export type AccountingLineItemRecord = {
  position: number;
  description: string | null;
  itemType: string | null;
  quantity: string;
  price: string;
  categoryExternalId: string | null;
  salesTaxRate: string | null;
};

export type InvoiceRecord = Observed & {
  externalId: string;
  contactExternalId: string | null;
  reference: string;
  status: string;
  datedOn: string;
  dueOn: string | null;
  currency: string;
  netValue: string;
  salesTaxValue: string | null;
  totalValue: string;
  paidValue: string | null;
  dueValue: string | null;
  items: AccountingLineItemRecord[];
  sourceCreatedAt: string;
  sourceUpdatedAt: string;
};

export type BillRecord = Observed & {
  externalId: string;
  contactExternalId: string | null;
  reference: string | null;
  status: string;
  datedOn: string;
  dueOn: string | null;
  paidOn: string | null;
  currency: string;
  categoryExternalId: string | null;
  salesTaxValue: string | null;
  totalValue: string;
  items: AccountingLineItemRecord[];
  sourceCreatedAt: string;
  sourceUpdatedAt: string;
};

export type BankAccountRecord = Observed & {
  externalId: string;
  name: string;
  /** StandardBankAccount, CreditCardAccount, PaypalAccount... */
  type: string;
  currency: string;
  isPrimary: boolean;
  bankName: string | null;
  status: string | null;
  openingBalance: string | null;
  currentBalance: string | null;
  latestActivityOn: string | null;
  sourceCreatedAt: string | null;
  sourceUpdatedAt: string;
};

export type BankTransactionRecord = Observed & {
  externalId: string;
  bankAccountExternalId: string;
  datedOn: string;
  description: string | null;
  amount: string;
  /** What no explanation covers yet: equal to amount for an unexplained transaction, "0" for a fully explained one. */
  unexplainedAmount: string;
  isManual: boolean;
  /**
   * The explanations it has now, when read with them (FreeAgent embeds them): one stored for it
   * and missing here was deleted at the source (a person un-explaining it, or Meridian's undo).
   * Null when read without them: the stored ones stay.
   */
  explanations: BankTransactionExplanationRecord[] | null;
  sourceCreatedAt: string;
  sourceUpdatedAt: string;
};

export type BankTransactionExplanationRecord = Observed & {
  externalId: string;
  bankTransactionExternalId: string;
  bankAccountExternalId: string;
  datedOn: string;
  description: string | null;
  type: string | null;
  grossValue: string;
  categoryExternalId: string | null;
  sourceCreatedAt: string;
  sourceUpdatedAt: string;
};

/** A double-entry line of the books (FreeAgent's accounting transactions); debitValue negative for a credit. */
export type LedgerTransactionRecord = Observed & {
  externalId: string;
  datedOn: string;
  description: string | null;
  categoryExternalId: string | null;
  nominalCode: string | null;
  categoryName: string | null;
  debitValue: string;
  sourceItemExternalId: string | null;
  sourceCreatedAt: string;
  sourceUpdatedAt: string;
};

// ---------- Analytics (GA4) ----------

/** One row of an analytics property's purchase report: a transaction id on one day, by traffic source and device. */
export type AnalyticsPurchaseRow = {
  /** As reported, `(not set)` included: a purchase recorded without an id still counts. */
  transactionId: string;
  /** The session's "source / medium" as reported (`(not set)` when unknown). */
  sourceMedium: string;
  deviceCategory: string;
  /** Decimal strings in the day's currency, exactly as reported. */
  revenue: string;
  tax: string;
  shipping: string;
  /** Purchase events, and those of them carrying a transaction id: above 1 is a duplicated purchase. */
  purchases: number;
  transactions: number;
};

/**
 * Every row an analytics property reports for one day (`YYYY-MM-DD` in the property's time zone),
 * in the property's currency: a day's copy replaces the stored one whole, so a row missing from it
 * is gone from the property (recent days change until processing is final). A day without
 * purchases is a copy with no rows. A copy seen before the stored one (`observedAt`) is ignored.
 */
export type AnalyticsPurchaseDayRecord = Observed & {
  date: string;
  currency: string;
  rows: AnalyticsPurchaseRow[];
};
