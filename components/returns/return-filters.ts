import { filtersToSearch, urlFilterReader, type UrlFilters } from "@/components/ui/url-filters";
import { RETURN_STATUSES, type ReturnStatus } from "@/server/services/returns/schema";

// The Returns filters, in the URL as ?status=&q=.
export type ReturnFilters = { status?: ReturnStatus; search?: string };

const PARAM: Record<keyof ReturnFilters, string> = { status: "status", search: "q" };

export const RETURN_STATUS_OPTIONS: { value: ReturnStatus; label: string }[] = [
  { value: "AwaitingArrival", label: "Awaiting arrival" },
  { value: "Arrived", label: "Arrived" },
  { value: "Processing", label: "Processing" },
  { value: "Completed", label: "Completed" },
  { value: "Cancelled", label: "Cancelled" },
];

export function readReturnFilters(params: Pick<URLSearchParams, "get">): UrlFilters<ReturnFilters> {
  const read = urlFilterReader(params);
  return read.result({ status: read.oneOf(PARAM.status, "status", RETURN_STATUSES), search: read.text(PARAM.search, "Search") });
}

export function returnFiltersToSearch(filters: ReturnFilters): string {
  return filtersToSearch(filters, PARAM);
}
