import { filtersToSearch, urlFilterReader, type UrlFilters } from "@/components/ui/url-filters";

export type CustomerFilters = { search?: string };

const PARAM = { search: "q" } as const;

/** The Customers list's search in the URL (?q=). */
export function readCustomerFilters(params: Pick<URLSearchParams, "get">): UrlFilters<CustomerFilters> {
  const read = urlFilterReader(params);
  return read.result({ search: read.text(PARAM.search, "Search") });
}

export function customerFiltersToSearch(filters: CustomerFilters): string {
  return filtersToSearch(filters, PARAM);
}
