import type { InventoryLevelRecord, LocationRecord, ProductRecord } from "../_core/records";
import type { FulfillmentCenter, InventoryByLocation, Product } from "./payloads";

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
 * awaiting what is on its way in (incoming).
 */
export function inventoryLevelRecords(item: InventoryByLocation, observedAt: string): InventoryLevelRecord[] {
  return item.locations.map((l) => ({
    inventoryItemExternalId: String(item.inventory_id),
    locationExternalId: String(l.location_id),
    available: l.fulfillable_quantity ?? 0,
    onHand: l.on_hand_quantity ?? 0,
    committed: l.committed_quantity ?? 0,
    incoming: l.awaiting_quantity ?? 0,
    sourceUpdatedAt: NO_CHANGE_TIME,
    observedAt,
  }));
}
