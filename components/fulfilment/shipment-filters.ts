import { enumParam, filtersToSearch, textParam, withoutEmpty } from "@/components/ui/url-filters";
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

export function parseShipmentFilters(params: Pick<URLSearchParams, "get">): ShipmentFilters {
  return withoutEmpty({
    group: enumParam(params, PARAM.group, SHIPMENT_GROUPS.filter((group) => group !== "all")),
    search: textParam(params, PARAM.search),
  });
}

export function shipmentFiltersToSearch(filters: ShipmentFilters): string {
  return filtersToSearch(filters, PARAM);
}
