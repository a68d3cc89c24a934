// Normalized commerce records (what connectors produce and server/ingest writes) and a
// workspace with a connection to write them into. Record builders are pure and deterministic
// for a given id, so tests can build the same record twice and change one field.
import type {
  CustomerRecord,
  InventoryLevelRecord,
  LocationRecord,
  OrderLineItemRecord,
  OrderRecord,
  OrderTransactionRecord,
  ProductRecord,
  ProductVariantRecord,
  ReceivingOrderRecord,
  RefundRecord,
  ReturnRecord,
  ShipmentRecord,
} from "@/server/connectors/_core/records";
import type { PostalAddress } from "@/server/connectors/_core/address";
import { buildConnection } from "./connections";
import { buildWorkspaceWithOwner } from "./members";

export const T0 = "2026-01-01T00:00:00.000Z";

/** An ISO time `seconds` after T0. */
export function at(seconds: number): string {
  return new Date(Date.parse(T0) + seconds * 1000).toISOString();
}

const usd = (amount: string) => ({ amount, currency: "USD" });

export function lineItemRecord(externalId: string, overrides: Partial<OrderLineItemRecord> = {}): OrderLineItemRecord {
  return {
    externalId,
    productExternalId: `gid://shopify/Product/${externalId}`,
    variantExternalId: `gid://shopify/ProductVariant/${externalId}`,
    sku: `SKU-${externalId}`,
    title: `Item ${externalId}`,
    variantTitle: "Default",
    quantity: 2,
    currentQuantity: 2,
    unitPrice: usd("10.0000"),
    discountedUnitPrice: usd("9.5000"),
    ...overrides,
  };
}

export function refundRecord(externalId: string, overrides: Partial<RefundRecord> = {}): RefundRecord {
  return {
    externalId,
    note: null,
    total: usd("9.50"),
    lineItems: [],
    sourceCreatedAt: T0,
    ...overrides,
  };
}

export function transactionRecord(externalId: string, overrides: Partial<OrderTransactionRecord> = {}): OrderTransactionRecord {
  return {
    externalId,
    parentExternalId: null,
    kind: "SALE",
    status: "SUCCESS",
    gateway: "manual",
    amount: usd("19.00"),
    processedAt: T0,
    ...overrides,
  };
}

/** A postal address written in its country's own script, with the parts it lacks null. */
export function addressRecord(overrides: Partial<PostalAddress> = {}): PostalAddress {
  return {
    name: "山田 花子",
    company: null,
    address1: "神南1-2-3",
    address2: "ハイツ渋谷 402",
    city: "渋谷区",
    province: "東京都",
    provinceCode: "JP-13",
    zip: "150-0041",
    country: "Japan",
    countryCode: "JP",
    phone: null,
    ...overrides,
  };
}

/** An order with `lineItems` line items ("<id>-1", "<id>-2", ...) and one sale transaction. */
export function orderRecord(externalId: string, overrides: Partial<OrderRecord> = {}, lineItems = 2): OrderRecord {
  return {
    externalId,
    name: `#${externalId}`,
    email: `buyer-${externalId}@example.test`,
    customerExternalId: `customer-${externalId}`,
    financialStatus: "PAID",
    fulfillmentStatus: "UNFULFILLED",
    currency: "USD",
    subtotal: usd("19.00"),
    totalTax: usd("0.00"),
    totalDiscounts: usd("1.00"),
    totalPrice: usd("19.00"),
    currentTotalPrice: usd("19.00"),
    totalRefunded: usd("0.00"),
    tags: ["web"],
    test: false,
    processedAt: T0,
    cancelledAt: null,
    cancelReason: null,
    closedAt: null,
    sourceCreatedAt: T0,
    sourceUpdatedAt: T0,
    observedAt: T0,
    lineItems: Array.from({ length: lineItems }, (_, i) => lineItemRecord(`${externalId}-${i + 1}`)),
    refunds: [],
    transactions: [transactionRecord(`${externalId}-t1`)],
    ...overrides,
  };
}

export function customerRecord(externalId: string, overrides: Partial<CustomerRecord> = {}): CustomerRecord {
  return {
    externalId,
    email: `Customer-${externalId}@Example.test`,
    firstName: "Ada",
    lastName: `Buyer ${externalId}`,
    phone: "+15550100",
    state: "ENABLED",
    tags: [],
    numberOfOrders: 1,
    amountSpent: usd("19.00"),
    sourceCreatedAt: T0,
    sourceUpdatedAt: T0,
    observedAt: T0,
    ...overrides,
  };
}

export function variantRecord(externalId: string, overrides: Partial<ProductVariantRecord> = {}): ProductVariantRecord {
  return {
    externalId,
    inventoryItemExternalId: `item-${externalId}`,
    title: `Variant ${externalId}`,
    sku: `SKU-${externalId}`,
    barcode: null,
    price: usd("10.00"),
    compareAtPrice: null,
    position: 1,
    sourceUpdatedAt: T0,
    ...overrides,
  };
}

/** A product with `variants` variants ("<id>-v1", ...). */
export function productRecord(externalId: string, overrides: Partial<ProductRecord> = {}, variants = 2): ProductRecord {
  return {
    externalId,
    title: `Product ${externalId}`,
    handle: `product-${externalId}`,
    vendor: "Acme",
    productType: "Widget",
    status: "ACTIVE",
    tags: [],
    sourceCreatedAt: T0,
    sourceUpdatedAt: T0,
    observedAt: T0,
    variantsComplete: true,
    variants: Array.from({ length: variants }, (_, i) => variantRecord(`${externalId}-v${i + 1}`, { position: i + 1 })),
    ...overrides,
  };
}

export function locationRecord(externalId: string, overrides: Partial<LocationRecord> = {}): LocationRecord {
  return {
    externalId,
    name: `Warehouse ${externalId}`,
    isActive: true,
    fulfillsOnlineOrders: true,
    address: { address1: "1 Main St", city: "Springfield", countryCode: "US", zip: "12345" },
    sourceUpdatedAt: T0,
    observedAt: T0,
    ...overrides,
  };
}

export function inventoryLevelRecord(inventoryItemExternalId: string, locationExternalId: string, overrides: Partial<InventoryLevelRecord> = {}): InventoryLevelRecord {
  return {
    inventoryItemExternalId,
    locationExternalId,
    available: 5,
    onHand: 7,
    committed: 2,
    incoming: 0,
    sourceUpdatedAt: T0,
    observedAt: T0,
    ...overrides,
  };
}

/** A shipped 3PL shipment of 3PL order "order-<id>", fulfilling store order "#<id>". */
export function shipmentRecord(externalId: string, overrides: Partial<ShipmentRecord> = {}): ShipmentRecord {
  return {
    externalId,
    orderExternalId: `order-${externalId}`,
    storeOrderReference: `#${externalId}`,
    status: "Completed",
    locationExternalId: "centre-1",
    trackingNumber: `1Z${externalId}`,
    carrier: "UPS",
    trackingUrl: `https://tracking.example.test/1Z${externalId}`,
    estimatedFulfillmentAt: at(86_400),
    estimatedFulfillmentStatus: "FulfilledOnTime",
    shippedAt: at(3_600),
    deliveredAt: null,
    timeline: [
      { type: "Processing", description: "Order processing", occurredAt: T0 },
      { type: "Shipped", description: "Shipped", occurredAt: at(3_600) },
    ],
    items: [{ inventoryItemExternalId: "inv-1", sku: "SKU-1", quantity: 2 }],
    sourceCreatedAt: T0,
    sourceUpdatedAt: at(3_600),
    observedAt: at(3_600),
    ...overrides,
  };
}

export function returnRecord(externalId: string, overrides: Partial<ReturnRecord> = {}): ReturnRecord {
  return {
    externalId,
    reference: `RMA-${externalId}`,
    orderExternalId: null,
    shipmentExternalId: `shipment-${externalId}`,
    storeOrderReference: `#${externalId}`,
    status: "AwaitingArrival",
    locationExternalId: "centre-1",
    trackingNumber: null,
    items: [{ inventoryItemExternalId: "inv-1", sku: "SKU-1", quantity: 1 }],
    statusHistory: [{ status: "AwaitingArrival", occurredAt: T0 }],
    completedAt: null,
    sourceCreatedAt: T0,
    sourceUpdatedAt: T0,
    observedAt: T0,
    ...overrides,
  };
}

export function receivingOrderRecord(externalId: string, overrides: Partial<ReceivingOrderRecord> = {}): ReceivingOrderRecord {
  return {
    externalId,
    purchaseOrderNumber: `PO-${externalId}`,
    status: "Awaiting",
    locationExternalId: "centre-1",
    expectedArrivalAt: at(7 * 86_400),
    items: [{ inventoryItemExternalId: "inv-1", sku: "SKU-1", expectedQuantity: 100, receivedQuantity: 0, stowedQuantity: 0 }],
    statusHistory: [{ status: "Awaiting", occurredAt: T0 }],
    sourceCreatedAt: T0,
    sourceUpdatedAt: T0,
    observedAt: T0,
    ...overrides,
  };
}

/** A workspace with an ACTIVE Shopify connection: the scope ingest writes into. */
export async function buildCommerceScope() {
  const { workspace } = await buildWorkspaceWithOwner();
  const connection = await buildConnection(workspace.id);
  return { workspaceId: workspace.id, connectionId: connection.id };
}
