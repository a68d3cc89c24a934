import { FINANCIAL_STATUSES, FULFILLMENT_STATUSES } from "@/server/services/orders/schema";
import { dayBound, filtersToSearch, urlFilterReader, type UrlFilters } from "@/components/ui/url-filters";

// The Orders filters, in the URL as ?q=&financial=&fulfillment=&connection=&from=&to=. Dates are
// calendar days in the workspace's time zone.
export type OrderFilters = {
  search?: string;
  financialStatus?: (typeof FINANCIAL_STATUSES)[number];
  fulfillmentStatus?: (typeof FULFILLMENT_STATUSES)[number];
  connectionId?: string;
  from?: string;
  to?: string;
};

const PARAM: Record<keyof OrderFilters, string> = {
  search: "q",
  financialStatus: "financial",
  fulfillmentStatus: "fulfillment",
  connectionId: "connection",
  from: "from",
  to: "to",
};

export function readOrderFilters(params: Pick<URLSearchParams, "get">): UrlFilters<OrderFilters> {
  const read = urlFilterReader(params);
  return read.result({
    search: read.text(PARAM.search, "Search"),
    financialStatus: read.oneOf(PARAM.financialStatus, "payment status", FINANCIAL_STATUSES),
    fulfillmentStatus: read.oneOf(PARAM.fulfillmentStatus, "fulfillment status", FULFILLMENT_STATUSES),
    connectionId: read.text(PARAM.connectionId, "Store", 64),
    from: read.day(PARAM.from, "From"),
    to: read.day(PARAM.to, "To"),
  });
}

export function orderFiltersToSearch(filters: OrderFilters): string {
  return filtersToSearch(filters, PARAM);
}

/** The order.list input for these filters: whole days of the workspace's zone, from the start of `from` to the end of `to`. */
export function orderFiltersToQuery(filters: OrderFilters, timeZone: string) {
  return {
    search: filters.search,
    financialStatus: filters.financialStatus,
    fulfillmentStatus: filters.fulfillmentStatus,
    connectionId: filters.connectionId,
    from: dayBound(filters.from, "start", timeZone),
    to: dayBound(filters.to, "end", timeZone),
  };
}
