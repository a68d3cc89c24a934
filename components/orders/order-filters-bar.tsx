"use client";

import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { FINANCIAL_STATUSES, FULFILLMENT_STATUSES } from "@/server/services/orders/schema";
import type { OrderFilters } from "./order-filters";
import { statusLabel } from "./order-status";
import { SearchInput } from "./search-input";
import { hasFilters } from "./url-filters";
import { DateRangeFields } from "@/components/ui/date-range-fields";

export function OrderFiltersBar({
  filters,
  connections,
  onChange,
}: {
  filters: OrderFilters;
  connections: { id: string; displayName: string }[] | undefined;
  onChange: (filters: OrderFilters) => void;
}) {
  const set = (patch: Partial<OrderFilters>) => onChange({ ...filters, ...patch });
  // A connection from a shared link may not be in the list (yet).
  const options =
    filters.connectionId && !connections?.some((c) => c.id === filters.connectionId)
      ? [...(connections ?? []), { id: filters.connectionId, displayName: "Selected connection" }]
      : (connections ?? []);

  return (
    <div role="search" aria-label="Filter orders" className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-[minmax(0,2fr)_repeat(5,minmax(0,1fr))_auto] lg:items-end">
      <div className="col-span-2 sm:col-span-3 lg:col-span-1">
        <SearchInput
          id="order-search"
          label="Search"
          placeholder="Order number or email"
          value={filters.search ?? ""}
          onSearch={(search) => set({ search: search || undefined })}
          testId="order-search"
        />
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="order-filter-financial">Payment</Label>
        <Select
          id="order-filter-financial"
          data-testid="order-filter-financial"
          value={filters.financialStatus ?? ""}
          onChange={(e) => set({ financialStatus: FINANCIAL_STATUSES.find((s) => s === e.target.value) })}
        >
          <option value="">Any payment</option>
          {FINANCIAL_STATUSES.map((status) => (
            <option key={status} value={status}>
              {statusLabel(status)}
            </option>
          ))}
        </Select>
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="order-filter-fulfillment">Fulfillment</Label>
        <Select
          id="order-filter-fulfillment"
          data-testid="order-filter-fulfillment"
          value={filters.fulfillmentStatus ?? ""}
          onChange={(e) => set({ fulfillmentStatus: FULFILLMENT_STATUSES.find((s) => s === e.target.value) })}
        >
          <option value="">Any fulfillment</option>
          {FULFILLMENT_STATUSES.map((status) => (
            <option key={status} value={status}>
              {statusLabel(status)}
            </option>
          ))}
        </Select>
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="order-filter-connection">Store</Label>
        <Select
          id="order-filter-connection"
          data-testid="order-filter-connection"
          value={filters.connectionId ?? ""}
          onChange={(e) => set({ connectionId: e.target.value || undefined })}
        >
          <option value="">All stores</option>
          {options.map((connection) => (
            <option key={connection.id} value={connection.id}>
              {connection.displayName}
            </option>
          ))}
        </Select>
      </div>
      <DateRangeFields idPrefix="order-filter" value={filters} onChange={set} />
      <Button variant="ghost" size="md" disabled={!hasFilters(filters)} onClick={() => onChange({})} data-testid="order-filter-clear">
        Clear filters
      </Button>
    </div>
  );
}
