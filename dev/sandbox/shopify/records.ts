/**
 * The sandbox's own record shapes: plain data from which the GraphQL views, the bulk JSONL and
 * the REST-shaped webhook payloads are all derived. Ids are Shopify's numeric (legacy) ids;
 * timestamps are epoch milliseconds; money amounts are decimal strings in the shop currency.
 */
export type FinancialStatus =
  | "PENDING"
  | "AUTHORIZED"
  | "PAID"
  | "PARTIALLY_REFUNDED"
  | "REFUNDED"
  | "VOIDED";
export type FulfillmentStatus = "UNFULFILLED" | "PARTIALLY_FULFILLED" | "FULFILLED";

export interface LineItemRecord {
  id: number;
  productId: number | null;
  variantId: number | null;
  sku: string | null;
  title: string;
  variantTitle: string | null;
  vendor: string | null;
  quantity: number;
  currentQuantity: number;
  unitPrice: string;
  discountedUnitPrice: string;
  requiresShipping: boolean;
  taxable: boolean;
}

export interface RefundLineItemRecord {
  id: number;
  lineItemId: number;
  quantity: number;
  restockType: "NO_RESTOCK" | "RETURN" | "CANCEL";
  subtotal: string;
  totalTax: string;
}

export interface RefundRecord {
  id: number;
  createdAt: number;
  note: string | null;
  total: string;
  lineItems: RefundLineItemRecord[];
}

export interface TransactionRecord {
  id: number;
  kind: "SALE" | "AUTHORIZATION" | "CAPTURE" | "REFUND" | "VOID";
  status: "SUCCESS" | "FAILURE" | "PENDING";
  gateway: string;
  processedAt: number;
  amount: string;
  parentId: number | null;
}

export interface ShippingLineRecord {
  id: number;
  title: string;
  code: string;
  price: string;
}

/** Shopify's MarketingTactic values the sandbox's visits use. */
export type MarketingTactic = "AD" | "NEWSLETTER" | "SEO" | "LINK";

/** The last visit before an order (its customer journey), with the UTM parameters it landed with. */
export interface VisitRecord {
  occurredAt: number;
  source: string;
  sourceType: MarketingTactic | null;
  utmSource: string | null;
  utmMedium: string | null;
}

/** The app that created an order and the `sourceName` Shopify gives its orders. */
export interface SalesChannel {
  appId: number;
  appName: string;
  sourceName: string;
}

/** A postal address, every part of which Shopify may give as null. */
export interface MailingAddressRecord {
  name: string | null;
  company: string | null;
  address1: string | null;
  address2: string | null;
  city: string | null;
  province: string | null;
  provinceCode: string | null;
  zip: string | null;
  country: string | null;
  countryCode: string | null;
  phone: string | null;
}

export interface OrderRecord {
  id: number;
  orderNumber: number;
  name: string;
  email: string | null;
  phone: string | null;
  createdAt: number;
  updatedAt: number;
  processedAt: number;
  cancelledAt: number | null;
  cancelReason: "CUSTOMER" | "FRAUD" | "INVENTORY" | "DECLINED" | "OTHER" | null;
  closedAt: number | null;
  financialStatus: FinancialStatus;
  fulfillmentStatus: FulfillmentStatus;
  currency: string;
  customerId: number | null;
  subtotal: string;
  totalTax: string;
  totalDiscounts: string;
  totalPrice: string;
  currentTotalPrice: string;
  totalRefunded: string;
  /** The sum of the shipping lines' prices. */
  totalShipping: string;
  shippingLines: ShippingLineRecord[];
  channel: SalesChannel;
  /** Null: an order no online store visit led to (point of sale, draft orders). */
  journey: { lastVisit: VisitRecord | null } | null;
  /** Null: none given (a point of sale order ships nowhere). */
  shippingAddress: MailingAddressRecord | null;
  billingAddress: MailingAddressRecord | null;
  tags: string[];
  note: string | null;
  test: boolean;
  lineItems: LineItemRecord[];
  refunds: RefundRecord[];
  transactions: TransactionRecord[];
}

export interface CustomerRecord {
  id: number;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  state: "ENABLED" | "DISABLED" | "INVITED" | "DECLINED";
  tags: string[];
  note: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface VariantRecord {
  id: number;
  productId: number;
  inventoryItemId: number;
  title: string;
  sku: string | null;
  barcode: string | null;
  price: string;
  compareAtPrice: string | null;
  position: number;
  createdAt: number;
  updatedAt: number;
}

export interface ProductRecord {
  id: number;
  title: string;
  handle: string;
  vendor: string;
  productType: string;
  status: "ACTIVE" | "DRAFT" | "ARCHIVED";
  tags: string[];
  createdAt: number;
  updatedAt: number;
  variants: VariantRecord[];
}

export interface LocationRecord {
  id: number;
  name: string;
  isActive: boolean;
  fulfillsOnlineOrders: boolean;
  address1: string;
  city: string;
  countryCode: string;
  zip: string;
  createdAt: number;
  updatedAt: number;
}

export interface InventoryQuantities {
  available: number;
  on_hand: number;
  committed: number;
  incoming: number;
  reserved: number;
  damaged: number;
  quality_control: number;
  safety_stock: number;
}

export interface InventoryLevelRecord {
  inventoryItemId: number;
  locationId: number;
  quantities: InventoryQuantities;
  createdAt: number;
  updatedAt: number;
}

export interface DeletionEventRecord {
  /** Sequence number: the DeletionEvent sort key for ID. */
  seq: number;
  subjectType: "PRODUCT" | "COLLECTION" | "ORDER" | "CUSTOMER";
  subjectId: number;
  occurredAt: number;
}

export type ShopifyResource = "Order" | "Customer" | "Product";
