import { enumParam, filtersToSearch, textParam, withoutEmpty } from "@/components/ui/url-filters";
import { PRODUCT_STATUSES } from "@/server/services/products/schema";

// The Products filters, in the URL as ?q=&status=.
export type ProductFilters = { search?: string; status?: (typeof PRODUCT_STATUSES)[number] };

const PARAM: Record<keyof ProductFilters, string> = { search: "q", status: "status" };

export function parseProductFilters(params: Pick<URLSearchParams, "get">): ProductFilters {
  return withoutEmpty({ search: textParam(params, PARAM.search), status: enumParam(params, PARAM.status, PRODUCT_STATUSES) });
}

export function productFiltersToSearch(filters: ProductFilters): string {
  return filtersToSearch(filters, PARAM);
}
