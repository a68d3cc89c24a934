// Records as ShipBob 2026-01 answers them (schemas in spec/openapi-2026-01.subset.json).
import { CHANNELS, STORE_CHANNEL, type Account, type ChannelRecord, type Centre, type LevelRecord, type OrderRecord, type ProductRecord, type ReturnRecord, type VariantRecord } from "./generate";
import { atOf, DELIVERED_STEP, SHIPMENT_STEPS, SHIPPED_STEP, shipmentStatus, type ReceivingRecord, type ShipmentRecord } from "./lifecycle";
import { SHIPBOB_DEV } from "./config";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const idAndName = (centres: Centre[], id: number) => ({ id, name: centres.find((c) => c.id === id)?.name ?? null });

export const channelView = (channel: ChannelRecord) => ({ id: channel.id, name: channel.name, application_name: channel.application_name, scopes: [...channel.scopes] });

export const centreView = (c: Centre) => ({ id: c.id, name: c.name, address1: c.address1, address2: null, city: c.city, state: c.state, country: "US", zip_code: c.zip, email: null, phone_number: null, timezone: c.timezone });

export const locationView = (c: Centre) => ({ id: c.id, name: c.name, abbreviation: c.abbreviation, timezone: c.timezone, is_active: true, is_receiving_enabled: true, is_shipping_enabled: true, access_granted: true, attributes: [], region: { id: 1, name: "US" } });

export const variantView = (v: VariantRecord, levels: LevelRecord[]) => ({
  id: v.id,
  name: v.name,
  sku: v.sku,
  status: "Active",
  gtin: v.gtin,
  upc: null,
  is_digital: false,
  created_on: iso(v.createdAt),
  updated_on: iso(v.updatedAt),
  inventory: { inventory_id: v.inventoryId, on_hand_qty: levels.reduce((n, l) => n + l.onHand, 0) },
});

export const productView = (p: ProductRecord, account: Account) => ({
  id: p.id,
  name: p.name,
  type: "Regular",
  user_id: SHIPBOB_DEV.userId,
  created_on: iso(p.createdAt),
  updated_on: iso(p.updatedAt),
  variants: p.variants.map((v) => variantView(v, account.levels.get(v.inventoryId) ?? [])),
});

export const inventoryView = (v: VariantRecord) => ({ inventory_id: v.inventoryId, name: v.name, sku: v.sku, barcode: v.gtin, is_case: false, is_lot: false, user_id: SHIPBOB_DEV.userId, variant: { is_active: true, is_bundle: false, is_digital: false } });

export function inventoryLevelView(v: VariantRecord, levels: LevelRecord[]) {
  const sum = (key: keyof LevelRecord) => levels.reduce((n, l) => n + l[key], 0);
  return {
    inventory_id: v.inventoryId,
    name: v.name,
    sku: v.sku,
    total_on_hand_quantity: sum("onHand"),
    total_fulfillable_quantity: sum("fulfillable"),
    total_committed_quantity: sum("committed"),
    total_sellable_quantity: sum("fulfillable"),
    total_awaiting_quantity: sum("awaiting"),
    total_backordered_quantity: sum("backordered"),
    total_exception_quantity: sum("exception"),
    total_internal_transfer_quantity: sum("internalTransfer"),
  };
}

export const inventoryByLocationView = (v: VariantRecord, levels: LevelRecord[], centres: Centre[]) => ({
  inventory_id: v.inventoryId,
  name: v.name,
  sku: v.sku,
  locations: levels.map((l) => ({
    location_id: l.centreId,
    name: idAndName(centres, l.centreId).name,
    on_hand_quantity: l.onHand,
    fulfillable_quantity: l.fulfillable,
    committed_quantity: l.committed,
    awaiting_quantity: l.awaiting,
    internal_transfer_quantity: l.internalTransfer,
  })),
});

function estimatedStatus(s: ShipmentRecord, now: number): string {
  const shipped = atOf(s, SHIPPED_STEP);
  if (shipped !== null) return shipped <= s.estimatedFulfillmentAt ? "FulfilledOnTime" : "FulfilledLate";
  return now <= s.estimatedFulfillmentAt ? "PendingOnTime" : "PendingLate";
}

export function shipmentView(s: ShipmentRecord, order: OrderRecord, centres: Centre[], now: number) {
  const shipped = atOf(s, SHIPPED_STEP);
  const last = Math.max(s.events[s.events.length - 1]!.at, s.hold?.at ?? 0);
  return {
    id: s.id,
    order_id: order.id,
    reference_id: order.referenceId,
    status: shipmentStatus(s),
    status_details: s.hold && s.hold.status !== "Cancelled" ? [{ id: s.hold.status === "Exception" ? 1 : 2, name: s.hold.status === "Exception" ? "OutOfStock" : "OnHold", description: s.hold.status === "Exception" ? "Not enough fulfillable stock" : "Held by the merchant", inventory_id: s.lines[0]?.inventoryId ?? null, exception_fulfillment_center_id: s.centreId, extra_information: { validation_messages: [] } }] : [],
    created_date: iso(s.createdAt),
    last_update_at: iso(last),
    last_tracking_update_at: shipped === null ? null : iso(last),
    estimated_fulfillment_date: iso(s.estimatedFulfillmentAt),
    estimated_fulfillment_date_status: estimatedStatus(s, now),
    actual_fulfillment_date: iso(shipped),
    delivery_date: iso(atOf(s, DELIVERED_STEP)),
    location: idAndName(centres, s.centreId),
    tracking: shipped === null ? { carrier: null, carrier_service: null, tracking_number: null, tracking_url: null, shipping_date: null, bol: null, pro_number: null, scac: null } : { carrier: s.carrier, carrier_service: s.service, tracking_number: s.trackingNumber, tracking_url: `https://tracking.shipbob.com/${s.trackingNumber}`, shipping_date: iso(shipped), bol: null, pro_number: null, scac: null },
    is_tracking_uploaded: shipped !== null,
    require_signature: false,
    ship_option: "Standard",
    products: s.lines.map((l) => ({ id: l.inventoryId, name: l.name, reference_id: l.sku, sku: l.sku, inventory_items: [{ id: l.inventoryId, name: l.name, quantity: l.quantity, quantity_committed: shipped === null ? l.quantity : 0, lot: null, expiration_date: null, is_dangerous_goods: false, serial_numbers: [] }] })),
    recipient: { name: order.recipient.name, full_name: order.recipient.name, email: order.recipient.email, phone_number: null, address: { address1: order.recipient.address1, address2: null, city: order.recipient.city, state: order.recipient.state, country: "US", zip_code: order.recipient.zip, company_name: null } },
  };
}

function orderStatus(order: OrderRecord): string {
  const statuses = order.shipments.map(shipmentStatus);
  if (!statuses.length) return "ImportReview";
  if (statuses.every((s) => s === "Cancelled")) return "Cancelled";
  if (statuses.some((s) => s === "Exception" || s === "OnHold")) return "Exception";
  const shipped = statuses.filter((s) => s === "Completed").length;
  return shipped === statuses.length ? "Fulfilled" : shipped ? "PartiallyFulfilled" : "Processing";
}

export function orderView(order: OrderRecord, centres: Centre[], now: number) {
  return {
    id: order.id,
    reference_id: order.referenceId,
    order_number: order.orderNumber,
    created_date: iso(order.createdAt),
    purchase_date: iso(order.createdAt),
    status: orderStatus(order),
    type: "DTC",
    channel: { id: order.channelId, name: CHANNELS.find((c) => c.id === order.channelId)?.name ?? null },
    recipient: { name: order.recipient.name, email: order.recipient.email, phone_number: null, address: { address1: order.recipient.address1, address2: null, city: order.recipient.city, state: order.recipient.state, country: "US", zip_code: order.recipient.zip, company_name: null } },
    products: order.lines.map((l) => ({ id: l.inventoryId, reference_id: l.referenceId, sku: l.sku, quantity: l.quantity, unit_price: l.unitPrice, quantity_unit_of_measure_code: null, external_line_id: null, gtin: null, upc: null })),
    financials: { total_price: Math.round(order.lines.reduce((n, l) => n + l.quantity * l.unitPrice, 0) * 100) / 100 },
    shipments: order.shipments.map((s) => shipmentView(s, order, centres, now)),
    shipping_method: "Standard",
    tags: [],
    gift_message: null,
  };
}

export const timelineView = (s: ShipmentRecord) => [
  ...s.events.map((e) => ({ log_type_id: SHIPMENT_STEPS[e.step]!.logTypeId, log_type_name: SHIPMENT_STEPS[e.step]!.name, log_type_text: SHIPMENT_STEPS[e.step]!.text, timestamp: iso(e.at), metadata: {} })),
  ...(s.hold ? [{ log_type_id: 100, log_type_name: s.hold.status, log_type_text: s.hold.status, timestamp: iso(s.hold.at), metadata: {} }] : []),
];

export function returnView(r: ReturnRecord, centres: Centre[]) {
  const at = (status: string) => iso(r.history.find((h) => h.status === status)?.at ?? null);
  return {
    id: r.id,
    reference_id: r.referenceId,
    store_order_id: r.storeOrderId,
    status: r.status,
    return_type: "Regular",
    customer_name: r.customerName,
    tracking_number: r.trackingNumber,
    shipment_tracking_number: r.trackingNumber,
    original_shipment_id: r.shipmentId,
    insert_date: iso(r.createdAt),
    awaiting_arrival_date: at("AwaitingArrival"),
    arrived_date: at("Arrived"),
    processing_date: at("Processing"),
    completed_date: at("Completed"),
    cancelled_date: at("Cancelled"),
    channel: { id: STORE_CHANNEL.id, name: STORE_CHANNEL.name },
    fulfillment_center: idAndName(centres, r.centreId),
    inventory: r.items.map((i) => ({ id: i.inventoryId, name: i.name, sku: i.sku, quantity: i.quantity })),
    status_history: r.history.map((h) => ({ status: h.status, timestamp: iso(h.at) })),
    transactions: [],
    invoice: { amount: null, currency_code: "USD" },
  };
}

export function receivingView(w: ReceivingRecord, centres: Centre[]) {
  const centre = centres.find((c) => c.id === w.centreId)!;
  return {
    id: w.id,
    purchase_order_number: w.purchaseOrderNumber,
    status: w.status,
    package_type: "Package",
    box_packaging_type: "MultipleSkuPerBox",
    expected_arrival_date: iso(w.expectedArrivalAt),
    insert_date: iso(w.createdAt),
    last_updated_date: iso(w.updatedAt),
    external_sync_timestamp: null,
    box_labels_uri: null,
    fulfillment_center: centreView(centre),
    inventory_quantities: w.quantities.map((q) => ({ inventory_id: q.inventoryId, sku: q.sku, expected_quantity: q.expected, received_quantity: q.received, stowed_quantity: q.stowed })),
    status_history: w.history.map((h, i) => ({ id: i + 1, status: h.status, timestamp: iso(h.at) })),
  };
}
