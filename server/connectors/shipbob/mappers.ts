import type { InventoryLevelRecord, LocationRecord, ProductRecord, ReceivingOrderRecord, ReturnRecord, ShipmentEventRecord, ShipmentRecord, StatusChangeRecord } from "../_core/records";
import type { FulfillmentCenter, InventoryByLocation, Order, Product, ReceivingOrder, ReturnOrder, TimelineEntry } from "./payloads";

// ShipBob's answers → the normalized records server/ingest writes.

/**
 * ShipBob gives fulfilment centres and stock levels no change time. A fixed one makes the copy
 * seen later (`observedAt`) the newer version, and leaves a row read again unchanged unless its
 * values changed: ingest compares values and this time, so it writes nothing then.
 */
const NO_CHANGE_TIME = "1970-01-01T00:00:00.000Z";

export function locationRecord(centre: FulfillmentCenter, observedAt: string): LocationRecord {
  return {
    externalId: String(centre.id),
    name: centre.name,
    isActive: true,
    fulfillsOnlineOrders: true,
    address: { address1: centre.address1 ?? null, city: centre.city ?? null, countryCode: centre.country ?? null, zip: centre.zip_code ?? null },
    sourceUpdatedAt: NO_CHANGE_TIME,
    observedAt,
  };
}

export function productRecord(product: Product, observedAt: string): ProductRecord {
  return {
    externalId: String(product.id),
    title: product.name,
    handle: null,
    vendor: null,
    productType: product.type ?? null,
    status: "active",
    tags: [],
    sourceCreatedAt: product.created_on,
    sourceUpdatedAt: product.updated_on,
    variants: product.variants.map((v, position) => ({
      externalId: String(v.id),
      inventoryItemExternalId: v.inventory ? String(v.inventory.inventory_id) : null,
      title: v.name,
      sku: v.sku ?? null,
      barcode: v.gtin ?? v.upc ?? null,
      // ShipBob keeps no prices: the store's catalogue has them.
      price: null,
      compareAtPrice: null,
      position: position + 1,
      sourceUpdatedAt: v.updated_on,
    })),
    variantsComplete: true,
    observedAt,
  };
}

/**
 * One record per fulfilment centre holding the item: fulfillable is what can be sold (available),
 * awaiting what is on its way in (incoming). ShipBob gives backordered and exception quantities
 * only as totals across centres (`/inventory-level`), never per centre: they stay null (unknown),
 * not 0.
 */
export function inventoryLevelRecords(item: InventoryByLocation, observedAt: string): InventoryLevelRecord[] {
  return item.locations.map((l) => ({
    inventoryItemExternalId: String(item.inventory_id),
    locationExternalId: String(l.location_id),
    available: l.fulfillable_quantity ?? 0,
    onHand: l.on_hand_quantity ?? 0,
    committed: l.committed_quantity ?? 0,
    incoming: l.awaiting_quantity ?? 0,
    internalTransfer: l.internal_transfer_quantity ?? null,
    backordered: null,
    exception: null,
    sourceUpdatedAt: NO_CHANGE_TIME,
    observedAt,
  }));
}

const latest = (times: readonly string[]) => times.reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a));

/** A status history, oldest first; an entry without a status says nothing to keep. */
function statusHistory(entries: readonly { status?: string | null; timestamp: string }[] | null | undefined): StatusChangeRecord[] {
  return (entries ?? []).flatMap((e) => (e.status ? [{ status: e.status, occurredAt: e.timestamp }] : []));
}

/**
 * The order's shipments. The list carries no timeline (ShipBob serves it per shipment, a request
 * each): those read are given by shipment id; a shipment without one gets `timeline: null`, which
 * keeps the one stored.
 */
export function shipmentRecords(order: Order, observedAt: string, timelines: ReadonlyMap<number, ShipmentEventRecord[]> = new Map()): ShipmentRecord[] {
  return (order.shipments ?? []).map((s) => ({
    externalId: String(s.id),
    orderExternalId: String(order.id),
    storeOrderReference: order.reference_id ?? null,
    status: s.status,
    locationExternalId: s.location ? String(s.location.id) : null,
    trackingNumber: s.tracking?.tracking_number ?? null,
    carrier: s.tracking?.carrier ?? null,
    trackingUrl: s.tracking?.tracking_url ?? null,
    estimatedFulfillmentAt: s.estimated_fulfillment_date ?? null,
    estimatedFulfillmentStatus: s.estimated_fulfillment_date_status ?? null,
    shippedAt: s.actual_fulfillment_date ?? null,
    deliveredAt: s.delivery_date ?? null,
    timeline: timelines.get(s.id) ?? null,
    items: (s.products ?? []).flatMap((p) => (p.inventory_items ?? []).map((i) => ({ inventoryItemExternalId: String(i.id), sku: p.sku ?? null, quantity: i.quantity }))),
    sourceCreatedAt: s.created_date,
    sourceUpdatedAt: shipmentChangedAt(s),
    observedAt,
  }));
}

/** When the shipment last changed, as the list says. */
export const shipmentChangedAt = (shipment: NonNullable<Order["shipments"]>[number]): string => shipment.last_update_at ?? shipment.created_date;

/**
 * A shipment's timeline, oldest first (ShipBob's answer is not documented as ordered). An entry's
 * type is its log type's name (else its id), its description ShipBob's text for it; an entry
 * without a time cannot be placed on a timeline and is left out.
 */
export function shipmentTimeline(entries: readonly TimelineEntry[]): ShipmentEventRecord[] {
  return entries
    .flatMap((e) => (e.timestamp ? [{ type: e.log_type_name ?? `Log type ${e.log_type_id ?? "unknown"}`, description: e.log_type_text ?? null, occurredAt: e.timestamp }] : []))
    .sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt));
}

/** When the order last changed: ShipBob's list filters orders by it, and it is its shipments' latest change. */
export function orderChangedAt(order: Order): string {
  return latest([order.created_date, ...(order.shipments ?? []).map(shipmentChangedAt)]);
}

/** ShipBob gives a return no change time: its latest status change stands for it. */
export function returnRecord(ret: ReturnOrder, observedAt: string): ReturnRecord {
  const history = statusHistory(ret.status_history);
  return {
    externalId: String(ret.id),
    reference: ret.reference_id ?? null,
    // A return names the shipment it came from, not ShipBob's order.
    orderExternalId: null,
    shipmentExternalId: ret.original_shipment_id == null ? null : String(ret.original_shipment_id),
    storeOrderReference: ret.store_order_id ?? null,
    status: ret.status ?? history.at(-1)?.status ?? "Unknown",
    locationExternalId: ret.fulfillment_center ? String(ret.fulfillment_center.id) : null,
    trackingNumber: ret.tracking_number ?? null,
    items: (ret.inventory ?? []).map((i) => ({ inventoryItemExternalId: String(i.id), sku: i.sku ?? null, quantity: i.quantity })),
    statusHistory: history,
    completedAt: ret.completed_date ?? null,
    sourceCreatedAt: ret.insert_date,
    sourceUpdatedAt: latest([ret.insert_date, ...history.map((h) => h.occurredAt)]),
    observedAt,
  };
}

export function receivingOrderRecord(wro: ReceivingOrder, observedAt: string): ReceivingOrderRecord {
  const history = statusHistory(wro.status_history);
  return {
    externalId: String(wro.id),
    purchaseOrderNumber: wro.purchase_order_number ?? null,
    status: wro.status,
    locationExternalId: wro.fulfillment_center ? String(wro.fulfillment_center.id) : null,
    expectedArrivalAt: wro.expected_arrival_date ?? null,
    items: (wro.inventory_quantities ?? []).map((q) => ({
      inventoryItemExternalId: String(q.inventory_id),
      sku: q.sku ?? null,
      expectedQuantity: q.expected_quantity,
      receivedQuantity: q.received_quantity,
      stowedQuantity: q.stowed_quantity ?? null,
    })),
    statusHistory: history,
    sourceCreatedAt: wro.insert_date,
    sourceUpdatedAt: wro.last_updated_date ?? latest([wro.insert_date, ...history.map((h) => h.occurredAt)]),
    observedAt,
  };
}
