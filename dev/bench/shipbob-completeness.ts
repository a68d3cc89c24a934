// Whether a ShipBob connection's rows equal the sandbox ShipBob's data, stream by stream: counts
// and checksums (dev/sandbox/_kit/snapshot.ts) of the sandbox's snapshot, its records as the API
// serves them projected to the columns the database holds, against the same built from the rows,
// both in id order. Every column the sync writes from ShipBob's data is compared; bookkeeping
// (observedAt, sourceHash, positions) is not. A shipment's timeline is expected when it changed
// from `timelinesFrom` on (the sync reads those: RECENT_TIMELINES_MS before the backfill began),
// as its timeline endpoint serves it now; null (never read) before.
import { SnapshotBuilder, type Snapshot } from "@/dev/sandbox/_kit/snapshot";
import type { ShipBobSandbox } from "@/dev/sandbox/shipbob";
import { db } from "@/server/db";

/** The sync's streams and the snapshot resource each is compared on. */
export const STREAM_RESOURCES = {
  locations: "fulfillment_centers",
  products: "products",
  // One entry per inventory item, holding its levels (one per centre).
  inventory: "inventory_locations",
  shipments: "shipments",
  returns: "returns",
  receiving: "receiving_orders",
} as const;
type Stream = keyof typeof STREAM_RESOURCES;

export type StreamComparison = { stream: Stream; expected: number; stored: number; checksumsEqual: boolean };

type View = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const iso = (d: Date | null) => d?.toISOString() ?? null;
const byKey = <T>(key: (t: T) => string) => (a: T, b: T) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
const history = (entries: View[]) => entries.map((h) => ({ status: h.status, occurredAt: h.timestamp }));

/** The sandbox side: its snapshot, projected to the database's columns; timelines of the shipments changed from `timelinesFrom` (epoch ms) on. */
export function sandboxSnapshot(sandbox: ShipBobSandbox, timelinesFrom: number): Snapshot {
  return sandbox.snapshot({
    fulfillment_centers: (v: View) => ({ externalId: String(v.id), name: v.name, address1: v.address1, city: v.city, countryCode: v.country, zip: v.zip_code }),
    products: (v: View) => ({
      externalId: String(v.id),
      title: v.name,
      variants: v.variants
        .map((variant: View) => ({ externalId: String(variant.id), title: variant.name, sku: variant.sku, inventoryItemExternalId: String(variant.inventory.inventory_id), barcode: variant.gtin ?? variant.upc }))
        .sort(byKey((variant: View) => variant.externalId)),
    }),
    inventory_locations: (v: View) => ({
      inventoryItemExternalId: String(v.inventory_id),
      levels: v.locations
        .map((l: View) => ({ locationExternalId: String(l.location_id), available: l.fulfillable_quantity, onHand: l.on_hand_quantity, committed: l.committed_quantity, incoming: l.awaiting_quantity, internalTransfer: l.internal_transfer_quantity }))
        .sort(byKey((l: View) => l.locationExternalId)),
    }),
    shipments: (v: View) => ({
      externalId: String(v.id),
      orderExternalId: String(v.order_id),
      storeOrderReference: v.reference_id,
      status: v.status,
      locationExternalId: String(v.location.id),
      trackingNumber: v.tracking.tracking_number,
      carrier: v.tracking.carrier,
      trackingUrl: v.tracking.tracking_url,
      estimatedFulfillmentStatus: v.estimated_fulfillment_date_status,
      items: v.products.flatMap((p: View) => p.inventory_items.map((i: View) => ({ inventoryItemExternalId: String(i.id), sku: p.sku, quantity: i.quantity }))),
      estimatedFulfillmentAt: v.estimated_fulfillment_date,
      shippedAt: v.actual_fulfillment_date,
      deliveredAt: v.delivery_date,
      sourceCreatedAt: v.created_date,
      sourceUpdatedAt: v.last_update_at,
      timeline: Date.parse(v.last_update_at) >= timelinesFrom ? sandbox.timeline(v.id).map((e) => ({ type: e.log_type_name, description: e.log_type_text, occurredAt: e.timestamp })) : null,
    }),
    returns: (v: View) => ({
      externalId: String(v.id),
      reference: v.reference_id,
      shipmentExternalId: v.original_shipment_id == null ? null : String(v.original_shipment_id),
      storeOrderReference: v.store_order_id,
      status: v.status,
      locationExternalId: String(v.fulfillment_center.id),
      trackingNumber: v.tracking_number,
      items: v.inventory.map((i: View) => ({ inventoryItemExternalId: String(i.id), sku: i.sku, quantity: i.quantity })),
      statusHistory: history(v.status_history),
      completedAt: v.completed_date,
      sourceCreatedAt: v.insert_date,
    }),
    receiving_orders: (v: View) => ({
      externalId: String(v.id),
      purchaseOrderNumber: v.purchase_order_number,
      status: v.status,
      locationExternalId: String(v.fulfillment_center.id),
      items: v.inventory_quantities.map((q: View) => ({ inventoryItemExternalId: String(q.inventory_id), sku: q.sku, expectedQuantity: q.expected_quantity, receivedQuantity: q.received_quantity, stowedQuantity: q.stowed_quantity })),
      statusHistory: history(v.status_history),
      expectedArrivalAt: v.expected_arrival_date,
      sourceCreatedAt: v.insert_date,
      sourceUpdatedAt: v.last_updated_date,
    }),
  });
}

/** The database side: the connection's rows, in the same projection and order. */
export async function storedSnapshot(connectionId: string): Promise<Snapshot> {
  const where = { connectionId };
  const orderBy = { externalId: "asc" } as const;
  const builder = new SnapshotBuilder();
  // The sandbox lists its centres by id, a number: "8" before "10".
  for (const l of (await db.location.findMany({ where })).sort((a, b) => Number(a.externalId) - Number(b.externalId))) {
    builder.add("fulfillment_centers", { externalId: l.externalId, name: l.name, address1: l.address1, city: l.city, countryCode: l.countryCode, zip: l.zip });
  }
  for (const p of await db.product.findMany({ where, orderBy, include: { variants: { orderBy } } })) {
    builder.add("products", { externalId: p.externalId, title: p.title, variants: p.variants.map((v) => ({ externalId: v.externalId, title: v.title, sku: v.sku, inventoryItemExternalId: v.inventoryItemExternalId, barcode: v.barcode })) });
  }
  const levels = await db.inventoryLevel.findMany({ where, orderBy: [{ inventoryItemExternalId: "asc" }, { locationExternalId: "asc" }] });
  for (let i = 0; i < levels.length; ) {
    const item = levels[i]!.inventoryItemExternalId;
    const group = [];
    for (; i < levels.length && levels[i]!.inventoryItemExternalId === item; i++) group.push(levels[i]!);
    builder.add("inventory_locations", {
      inventoryItemExternalId: item,
      levels: group.map((l) => ({ locationExternalId: l.locationExternalId, available: l.available, onHand: l.onHand, committed: l.committed, incoming: l.incoming, internalTransfer: l.internalTransfer })),
    });
  }
  for (const s of await db.shipment.findMany({ where, orderBy })) {
    builder.add("shipments", {
      externalId: s.externalId,
      orderExternalId: s.orderExternalId,
      storeOrderReference: s.storeOrderReference,
      status: s.status,
      locationExternalId: s.locationExternalId,
      trackingNumber: s.trackingNumber,
      carrier: s.carrier,
      trackingUrl: s.trackingUrl,
      estimatedFulfillmentStatus: s.estimatedFulfillmentStatus,
      items: s.items,
      estimatedFulfillmentAt: iso(s.estimatedFulfillmentAt),
      shippedAt: iso(s.shippedAt),
      deliveredAt: iso(s.deliveredAt),
      sourceCreatedAt: iso(s.sourceCreatedAt),
      sourceUpdatedAt: iso(s.sourceUpdatedAt),
      timeline: s.timeline,
    });
  }
  for (const r of await db.returnOrder.findMany({ where, orderBy })) {
    builder.add("returns", {
      externalId: r.externalId,
      reference: r.reference,
      shipmentExternalId: r.shipmentExternalId,
      storeOrderReference: r.storeOrderReference,
      status: r.status,
      locationExternalId: r.locationExternalId,
      trackingNumber: r.trackingNumber,
      items: r.items,
      statusHistory: r.statusHistory,
      completedAt: iso(r.completedAt),
      sourceCreatedAt: iso(r.sourceCreatedAt),
    });
  }
  for (const w of await db.receivingOrder.findMany({ where, orderBy })) {
    builder.add("receiving_orders", {
      externalId: w.externalId,
      purchaseOrderNumber: w.purchaseOrderNumber,
      status: w.status,
      locationExternalId: w.locationExternalId,
      items: w.items,
      statusHistory: w.statusHistory,
      expectedArrivalAt: iso(w.expectedArrivalAt),
      sourceCreatedAt: iso(w.sourceCreatedAt),
      sourceUpdatedAt: iso(w.sourceUpdatedAt),
    });
  }
  return builder.result();
}

/** Per stream: the sandbox's count, the database's, and whether their checksums are equal (timelines as sandboxSnapshot's). */
export async function compareWithSandbox(sandbox: ShipBobSandbox, connectionId: string, timelinesFrom: number): Promise<StreamComparison[]> {
  const [want, have] = [sandboxSnapshot(sandbox, timelinesFrom), await storedSnapshot(connectionId)];
  return (Object.entries(STREAM_RESOURCES) as [Stream, string][]).map(([stream, resource]) => ({
    stream,
    expected: want.counts[resource] ?? 0,
    stored: have.counts[resource] ?? 0,
    checksumsEqual: want.checksums[resource] === have.checksums[resource],
  }));
}
