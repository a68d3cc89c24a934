import { enumParam, filtersToSearch, intParam, textParam, withoutEmpty } from "@/components/ui/url-filters";
import { INVENTORY_SKU_SHOW, type InventorySkuShow } from "@/server/services/inventory/schema";

// The Inventory page's state, in the URL. By location (the default): ?location=&q=&low=. By SKU:
// ?view=sku&q=&show=&diff= (show "all" and a threshold of 0 are the defaults, left out).
export type InventoryFilters = {
  view?: "sku";
  locationId?: string;
  search?: string;
  lowStockAt?: number;
  show?: Exclude<InventorySkuShow, "all">;
  threshold?: number;
};

const PARAM: Record<keyof InventoryFilters, string> = { view: "view", locationId: "location", search: "q", lowStockAt: "low", show: "show", threshold: "diff" };

const SHOWN = INVENTORY_SKU_SHOW.filter((show) => show !== "all");

export function parseInventoryFilters(params: Pick<URLSearchParams, "get">): InventoryFilters {
  return withoutEmpty({
    view: enumParam(params, PARAM.view, ["sku"] as const),
    locationId: textParam(params, PARAM.locationId, 64),
    search: textParam(params, PARAM.search),
    lowStockAt: intParam(params, PARAM.lowStockAt, -1_000_000, 1_000_000),
    show: enumParam(params, PARAM.show, SHOWN),
    threshold: intParam(params, PARAM.threshold, 0, 1_000_000),
  });
}

export function inventoryFiltersToSearch(filters: InventoryFilters): string {
  return filtersToSearch(filters, PARAM);
}
