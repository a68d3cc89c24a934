import { z } from "zod";
import { sortInput, twoWayPageInput, type Direction } from "@/server/services/pagination";
import { recordId, searchText } from "@/server/services/orders/schema";

export const PRODUCT_PAGE_SIZE = 25;

// The statuses products are filtered by: the values connectors store in a product record's status.
export const PRODUCT_STATUSES = ["ACTIVE", "DRAFT", "ARCHIVED"] as const;

// The Products list's sorts and the direction each starts in: by title (A first) or by when the
// source last changed it (newest first), each on an index with the id that breaks ties
// (find-products.ts).
export const PRODUCT_SORTS = { title: "asc", updated: "desc" } as const satisfies Record<string, Direction>;
export type ProductSort = keyof typeof PRODUCT_SORTS;

export const findProductsInput = z.object({
  ...twoWayPageInput,
  ...sortInput(PRODUCT_SORTS),
  limit: z.number().int().min(1).max(100).default(PRODUCT_PAGE_SIZE),
  search: searchText.optional(),
  status: z.enum(PRODUCT_STATUSES).optional(),
});
export type FindProductsInput = z.infer<typeof findProductsInput>;

export const productIdInput = z.object({ productId: recordId });
export type ProductIdInput = z.infer<typeof productIdInput>;
