import { FINANCIAL_STATUSES, FULFILLMENT_STATUSES } from "@/server/services/orders/schema";
import { dayBound, dayParam, enumParam, filtersToSearch, textParam, withoutEmpty } from "@/components/ui/url-filters";

// The Orders filters, in the URL as ?q=&financial=&fulfillment=&connection=&from=&to=. Dates are
// calendar days in the viewer's timezone.
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

export function parseOrderFilters(params: Pick<URLSearchParams, "get">): OrderFilters {
  return withoutEmpty({
    search: textParam(params, PARAM.search),
    financialStatus: enumParam(params, PARAM.financialStatus, FINANCIAL_STATUSES),
    fulfillmentStatus: enumParam(params, PARAM.fulfillmentStatus, FULFILLMENT_STATUSES),
    connectionId: textParam(params, PARAM.connectionId, 64),
    from: dayParam(params, PARAM.from),
    to: dayParam(params, PARAM.to),
  });
}

export function orderFiltersToSearch(filters: OrderFilters): string {
  return filtersToSearch(filters, PARAM);
}

/** The order.list input for these filters: whole days, from the start of `from` to the end of `to`. */
export function orderFiltersToQuery(filters: OrderFilters) {
  return {
    search: filters.search,
    financialStatus: filters.financialStatus,
    fulfillmentStatus: filters.fulfillmentStatus,
    connectionId: filters.connectionId,
    from: dayBound(filters.from, "start"),
    to: dayBound(filters.to, "end"),
  };
}
