import { enumParam, filtersToSearch, textParam, withoutEmpty } from "@/components/ui/url-filters";
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

export function parseReturnFilters(params: Pick<URLSearchParams, "get">): ReturnFilters {
  return withoutEmpty({ status: enumParam(params, PARAM.status, RETURN_STATUSES), search: textParam(params, PARAM.search) });
}

export function returnFiltersToSearch(filters: ReturnFilters): string {
  return filtersToSearch(filters, PARAM);
}
