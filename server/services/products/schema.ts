import { z } from "zod";
import { pageInput } from "@/server/services/pagination";
import { recordId, searchText } from "@/server/services/orders/schema";

export const PRODUCT_PAGE_SIZE = 25;

// The statuses products are filtered by: the values connectors store in a product record's status.
export const PRODUCT_STATUSES = ["ACTIVE", "DRAFT", "ARCHIVED"] as const;

export const findProductsInput = z.object({
  ...pageInput,
  limit: z.number().int().min(1).max(100).default(PRODUCT_PAGE_SIZE),
  search: searchText.optional(),
  status: z.enum(PRODUCT_STATUSES).optional(),
});
export type FindProductsInput = z.infer<typeof findProductsInput>;

export const productIdInput = z.object({ productId: recordId });
export type ProductIdInput = z.infer<typeof productIdInput>;
