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

// The Products list's search, status and sort: what its pages read, and the order j and k follow
// on a product opened from it.
export const productListInput = z.object({ ...sortInput(PRODUCT_SORTS), search: searchText.optional(), status: z.enum(PRODUCT_STATUSES).optional() });
export type ProductListInput = z.infer<typeof productListInput>;

export const findProductsInput = productListInput.extend({
  ...twoWayPageInput,
  limit: z.number().int().min(1).max(100).default(PRODUCT_PAGE_SIZE),
});
export type FindProductsInput = z.infer<typeof findProductsInput>;

export const productIdInput = z.object({ productId: recordId });
export type ProductIdInput = z.infer<typeof productIdInput>;

/** A product, and the list it was opened from when that was not the Products list as it starts. */
export const adjacentProductsInput = productIdInput.extend({ list: productListInput.optional() });
export type AdjacentProductsInput = z.infer<typeof adjacentProductsInput>;
