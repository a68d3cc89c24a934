import { filtersToSearch, urlFilterReader, type UrlFilters } from "@/components/ui/url-filters";
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

export function readInventoryFilters(params: Pick<URLSearchParams, "get">): UrlFilters<InventoryFilters> {
  const read = urlFilterReader(params);
  return read.result({
    view: read.oneOf(PARAM.view, "view", ["sku"] as const),
    locationId: read.text(PARAM.locationId, "Location", 64),
    search: read.text(PARAM.search, "Search"),
    lowStockAt: read.int(PARAM.lowStockAt, "Low stock at", -1_000_000, 1_000_000),
    show: read.oneOf(PARAM.show, "show", SHOWN),
    threshold: read.int(PARAM.threshold, "Difference", 0, 1_000_000),
  });
}

export function inventoryFiltersToSearch(filters: InventoryFilters): string {
  return filtersToSearch(filters, PARAM);
}
