import { z } from "zod";

// The parts of ShipBob's 2026-01 answers the connector reads (schemas in the published OpenAPI:
// Channel, FulfillmentCenter, Product with its variants, InventoryLevelByLocation). Other fields
// are ignored, so ShipBob may add some.

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
    }),
  ),
});
export type InventoryByLocation = z.output<typeof inventoryByLocation>;
