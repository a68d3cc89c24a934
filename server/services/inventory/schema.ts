import { z } from "zod";
import { pageInput, sortInput, twoWayPageInput, type Direction } from "@/server/services/pagination";
import { recordId, searchText } from "@/server/services/orders/schema";

export const INVENTORY_PAGE_SIZE = 50;

// The stock at a location sorts by available or on hand, lowest first (what needs attention leads);
// each on an index of InventoryLevel (workspace, connection, location, column, id).
export const INVENTORY_SORTS = { available: "asc", onHand: "asc" } as const satisfies Record<string, Direction>;
export type InventorySort = keyof typeof INVENTORY_SORTS;

export const findInventoryLevelsInput = z.object({
  ...twoWayPageInput,
  ...sortInput(INVENTORY_SORTS),
  limit: z.number().int().min(1).max(100).default(INVENTORY_PAGE_SIZE),
  locationId: recordId,
  search: searchText.optional(),
  // Low stock: only rows whose available quantity is at most this.
  lowStockAt: z.number().int("Enter a whole number.").min(-1_000_000).max(1_000_000).optional(),
});
export type FindInventoryLevelsInput = z.infer<typeof findInventoryLevelsInput>;

// The By SKU view: which SKUs to show. "discrepancies": known to both the store and the 3PL,
// with the store's available and the 3PL's fulfillable apart by more than the threshold;
// "one-system": known to only one of them.
export const INVENTORY_SKU_SHOW = ["all", "discrepancies", "one-system"] as const;
export type InventorySkuShow = (typeof INVENTORY_SKU_SHOW)[number];

export const findInventoryBySkuInput = z.object({
  ...pageInput,
  limit: z.number().int().min(1).max(100).default(INVENTORY_PAGE_SIZE),
  search: searchText.optional(),
  show: z.enum(INVENTORY_SKU_SHOW).default("all"),
  threshold: z.number().int("Enter a whole number.").min(0, "Enter zero or more.").max(1_000_000).default(0),
});
export type FindInventoryBySkuInput = z.infer<typeof findInventoryBySkuInput>;
