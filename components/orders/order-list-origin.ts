import { listSortOf } from "@/components/ui/list-origin";
import { ORDER_SORTS } from "@/server/services/orders/schema";
import { orderFiltersToQuery, readOrderFilters } from "./order-filters";

/** The Orders list's filters and sort in a list query (list-origin.ts), as search.adjacentOrders takes them. */
export function orderListOf(listQuery: string, timeZone: string) {
  const params = new URLSearchParams(listQuery);
  return { ...orderFiltersToQuery(readOrderFilters(params).filters, timeZone), ...listSortOf(params, ORDER_SORTS) };
}
