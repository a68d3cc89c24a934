import { z } from "zod";
import { searchText } from "@/server/services/orders/schema";
import { pageInput } from "@/server/services/pagination";

export const SHIPMENT_PAGE_SIZE = 25;

// What the Fulfilment page filters shipments by: the 3PL's own statuses, plus "late" (against the
// estimated fulfilment date, the rule an order's page shows) across all of them.
export const SHIPMENT_GROUPS = ["all", "exception", "on_hold", "late", "in_transit", "delivered"] as const;
export type ShipmentGroup = (typeof SHIPMENT_GROUPS)[number];

export const findShipmentsInput = z.object({
  ...pageInput,
  limit: z.number().int().min(1).max(100).default(SHIPMENT_PAGE_SIZE),
  group: z.enum(SHIPMENT_GROUPS).default("all"),
  search: searchText.optional(),
});
export type FindShipmentsInput = z.infer<typeof findShipmentsInput>;
