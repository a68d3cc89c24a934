import { listSortOf } from "@/components/ui/list-origin";
import { PRODUCT_SORTS } from "@/server/services/products/schema";
import { readProductFilters } from "./product-filters";

/** The Products list's search, status and sort in a list query (list-origin.ts), as search.adjacentProducts takes them. */
export function productListOf(listQuery: string) {
  const params = new URLSearchParams(listQuery);
  return { ...readProductFilters(params).filters, ...listSortOf(params, PRODUCT_SORTS) };
}
