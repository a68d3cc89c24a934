import { filtersToSearch, intParam, textParam, withoutEmpty } from "@/components/ui/url-filters";

// The Inventory view's state, in the URL as ?location=&q=&low=.
export type InventoryFilters = { locationId?: string; search?: string; lowStockAt?: number };

const PARAM: Record<keyof InventoryFilters, string> = { locationId: "location", search: "q", lowStockAt: "low" };

export function parseInventoryFilters(params: Pick<URLSearchParams, "get">): InventoryFilters {
  return withoutEmpty({
    locationId: textParam(params, PARAM.locationId, 64),
    search: textParam(params, PARAM.search),
    lowStockAt: intParam(params, PARAM.lowStockAt, -1_000_000, 1_000_000),
  });
}

export function inventoryFiltersToSearch(filters: InventoryFilters): string {
  return filtersToSearch(filters, PARAM);
}
