import { shipmentStatusLabel } from "@/components/orders/order-fulfilment-status";
import { filtersToSearch, urlFilterReader, type UrlFilters } from "@/components/ui/url-filters";
import { ARRIVING_SOON_DAYS, RECEIVING_STATUSES, RECEIVING_VIEWS, type ReceivingStatus, type ReceivingView } from "@/server/services/receiving/schema";

// The Receiving filters, in the URL as ?show=&status=. "all" is the default, so it is left out.
export type ReceivingFilters = { view?: Exclude<ReceivingView, "all">; status?: ReceivingStatus };

const PARAM: Record<keyof ReceivingFilters, string> = { view: "show", status: "status" };

export const VIEW_OPTIONS: { value: Exclude<ReceivingView, "all">; label: string }[] = [
  { value: "arriving_soon", label: `Arriving soon (${ARRIVING_SOON_DAYS} days)` },
  { value: "overdue", label: "Overdue" },
];

export const RECEIVING_STATUS_OPTIONS = RECEIVING_STATUSES.map((status) => ({ value: status, label: shipmentStatusLabel(status) }));

export function readReceivingFilters(params: Pick<URLSearchParams, "get">): UrlFilters<ReceivingFilters> {
  const read = urlFilterReader(params);
  return read.result({
    view: read.oneOf(PARAM.view, "view", RECEIVING_VIEWS.filter((view) => view !== "all")),
    status: read.oneOf(PARAM.status, "status", RECEIVING_STATUSES),
  });
}

export function receivingFiltersToSearch(filters: ReceivingFilters): string {
  return filtersToSearch(filters, PARAM);
}
