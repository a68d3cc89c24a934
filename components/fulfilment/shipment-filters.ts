import { filtersToSearch, urlFilterReader, type UrlFilters } from "@/components/ui/url-filters";
import { SHIPMENT_GROUPS, type ShipmentGroup } from "@/server/services/fulfilment/schema";

// The Fulfilment filters, in the URL as ?status=&q=. "all" is the default, so it is left out.
export type ShipmentFilters = { group?: Exclude<ShipmentGroup, "all">; search?: string };

const PARAM: Record<keyof ShipmentFilters, string> = { group: "status", search: "q" };

export const GROUP_OPTIONS: { value: Exclude<ShipmentGroup, "all">; label: string }[] = [
  { value: "exception", label: "Exception" },
  { value: "on_hold", label: "On hold" },
  { value: "late", label: "Late" },
  { value: "in_transit", label: "In transit" },
  { value: "delivered", label: "Delivered" },
];

export function readShipmentFilters(params: Pick<URLSearchParams, "get">): UrlFilters<ShipmentFilters> {
  const read = urlFilterReader(params);
  return read.result({
    group: read.oneOf(PARAM.group, "status", SHIPMENT_GROUPS.filter((group) => group !== "all")),
    search: read.text(PARAM.search, "Search"),
  });
}

export function shipmentFiltersToSearch(filters: ShipmentFilters): string {
  return filtersToSearch(filters, PARAM);
}
