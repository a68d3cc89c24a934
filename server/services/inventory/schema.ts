import { z } from "zod";
import { pageInput } from "@/server/services/pagination";
import { recordId, searchText } from "@/server/services/orders/schema";

export const INVENTORY_PAGE_SIZE = 50;

export const findInventoryLevelsInput = z.object({
  ...pageInput,
  limit: z.number().int().min(1).max(100).default(INVENTORY_PAGE_SIZE),
  locationId: recordId,
  search: searchText.optional(),
  // Low stock: only rows whose available quantity is at most this.
  lowStockAt: z.number().int("Enter a whole number.").min(-1_000_000).max(1_000_000).optional(),
});
export type FindInventoryLevelsInput = z.infer<typeof findInventoryLevelsInput>;
