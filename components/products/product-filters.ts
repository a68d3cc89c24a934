import { filtersToSearch, urlFilterReader, type UrlFilters } from "@/components/ui/url-filters";
import { PRODUCT_STATUSES } from "@/server/services/products/schema";

// The Products filters, in the URL as ?q=&status=.
export type ProductFilters = { search?: string; status?: (typeof PRODUCT_STATUSES)[number] };

const PARAM: Record<keyof ProductFilters, string> = { search: "q", status: "status" };

export function readProductFilters(params: Pick<URLSearchParams, "get">): UrlFilters<ProductFilters> {
  const read = urlFilterReader(params);
  return read.result({ search: read.text(PARAM.search, "Search"), status: read.oneOf(PARAM.status, "status", PRODUCT_STATUSES) });
}

export function productFiltersToSearch(filters: ProductFilters): string {
  return filtersToSearch(filters, PARAM);
}
