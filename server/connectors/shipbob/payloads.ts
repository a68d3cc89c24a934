import { z } from "zod";

// The parts of ShipBob's 2026-01 answers the connector reads (schemas in the published OpenAPI:
// Channel, FulfillmentCenter, Product with its variants, InventoryLevelByLocation, Order with its
// shipments, ShipmentLogViewModel (a timeline entry), Return, ReceivingOrder). Other fields are ignored, so ShipBob may add some.

const id = z.number().int();

export const channel = z.object({ id, name: z.string(), application_name: z.string().nullish(), scopes: z.array(z.string()).nullish() });
export type Channel = z.output<typeof channel>;

export const fulfillmentCenter = z.object({
  id,
  name: z.string(),
  address1: z.string().nullish(),
  city: z.string().nullish(),
  country: z.string().nullish(),
  zip_code: z.string().nullish(),
});
export type FulfillmentCenter = z.output<typeof fulfillmentCenter>;

const variant = z.object({
  id,
  name: z.string(),
  sku: z.string().nullish(),
  status: z.string().nullish(),
  gtin: z.string().nullish(),
  upc: z.string().nullish(),
  created_on: z.string(),
  updated_on: z.string(),
  inventory: z.object({ inventory_id: id }).nullish(),
});

export const product = z.object({
  id,
  name: z.string(),
  type: z.string().nullish(),
  created_on: z.string(),
  updated_on: z.string(),
  variants: z.array(variant),
});
export type Product = z.output<typeof product>;

const count = z.number().int().nullish();

export const inventoryByLocation = z.object({
  inventory_id: id,
  locations: z.array(
    z.object({
      location_id: id,
      on_hand_quantity: count,
      fulfillable_quantity: count,
      committed_quantity: count,
      awaiting_quantity: count,
      internal_transfer_quantity: count,
    }),
  ),
});
export type InventoryByLocation = z.output<typeof inventoryByLocation>;

const idAndName = z.object({ id, name: z.string().nullish() });
const time = z.string();

const shipment = z.object({
  id,
  status: z.string(),
  created_date: time,
  last_update_at: time.nullish(),
  estimated_fulfillment_date: time.nullish(),
  estimated_fulfillment_date_status: z.string().nullish(),
  actual_fulfillment_date: time.nullish(),
  delivery_date: time.nullish(),
  location: idAndName.nullish(),
  tracking: z.object({ carrier: z.string().nullish(), tracking_number: z.string().nullish(), tracking_url: z.string().nullish() }).nullish(),
  products: z
    .array(z.object({ sku: z.string().nullish(), inventory_items: z.array(z.object({ id, quantity: z.number().int() })).nullish() }))
    .nullish(),
});

export const order = z.object({ id, reference_id: z.string().nullish(), created_date: time, shipments: z.array(shipment).nullish() });
export type Order = z.output<typeof order>;

/**
 * An entry of `GET /2026-01/shipment/{id}/timeline` (Orders.ShipmentLogViewModel; the answer is an
 * array of them). The OpenAPI document gives every entry an id and a timestamp; ShipBob's reference
 * pages show both as nullable, so neither is relied on.
 */
export const timelineEntry = z.object({ log_type_id: z.number().int().nullish(), log_type_name: z.string().nullish(), log_type_text: z.string().nullish(), timestamp: time.nullish() });
export type TimelineEntry = z.output<typeof timelineEntry>;

const statusChange = z.object({ status: z.string().nullish(), timestamp: time });

export const returnOrder = z.object({
  id,
  reference_id: z.string().nullish(),
  store_order_id: z.string().nullish(),
  status: z.string().nullish(),
  tracking_number: z.string().nullish(),
  original_shipment_id: id.nullish(),
  insert_date: time,
  completed_date: time.nullish(),
  fulfillment_center: idAndName.nullish(),
  inventory: z.array(z.object({ id, sku: z.string().nullish(), quantity: z.number().int() })).nullish(),
  status_history: z.array(statusChange).nullish(),
});
export type ReturnOrder = z.output<typeof returnOrder>;

export const receivingOrder = z.object({
  id,
  purchase_order_number: z.string().nullish(),
  status: z.string(),
  expected_arrival_date: time.nullish(),
  insert_date: time,
  last_updated_date: time.nullish(),
  fulfillment_center: z.object({ id }).nullish(),
  inventory_quantities: z
    .array(z.object({ inventory_id: id, sku: z.string().nullish(), expected_quantity: z.number().int(), received_quantity: z.number().int(), stowed_quantity: z.number().int().nullish() }))
    .nullish(),
  status_history: z.array(statusChange).nullish(),
});
export type ReceivingOrder = z.output<typeof receivingOrder>;

/** A shipment as GET /2026-01/shipment/{id} serves it (ShipmentViewModel): the body of the order.* webhook topics. */
export const shipmentOfOrder = shipment.extend({ order_id: id, reference_id: z.string().nullish() });
export type ShipmentOfOrder = z.output<typeof shipmentOfOrder>;
