"use client";

import type { InputErrors } from "@/components/forms/input-errors";
import { DateRangeFields } from "@/components/ui/date-range-fields";
import { FilterBar, FilterField, FilterSelect } from "@/components/ui/filter-bar";
import { SearchInput } from "@/components/ui/search-input";
import { hasFilters, type RejectedFilter } from "@/components/ui/url-filters";
import { FINANCIAL_STATUSES, FULFILLMENT_STATUSES } from "@/server/services/orders/schema";
import type { OrderFilters } from "./order-filters";
import { statusOptions } from "./order-status";

const FINANCIAL_OPTIONS = statusOptions(FINANCIAL_STATUSES);
const FULFILLMENT_OPTIONS = statusOptions(FULFILLMENT_STATUSES);

export function OrderFiltersBar({
  filters,
  rejected,
  errors,
  connections,
  onChange,
}: {
  rejected: readonly RejectedFilter[];
  /** What the list's schema refuses in these filters, by field. */
  errors: InputErrors | null;
  filters: OrderFilters;
  connections: { id: string; displayName: string }[] | undefined;
  onChange: (filters: OrderFilters) => void;
}) {
  const set = (patch: Partial<OrderFilters>) => onChange({ ...filters, ...patch });

  return (
    <FilterBar label="Filter orders" rejected={rejected} clear={{ onClear: () => onChange({}), disabled: !hasFilters(filters), testId: "order-filter-clear" }}>
      <FilterField label="Search" htmlFor="order-search" wide>
        <SearchInput
          id="order-search"
          placeholder="Number, email or customer name"
          value={filters.search ?? ""}
          onSearch={(search) => set({ search: search || undefined })}
          testId="order-search"
        />
      </FilterField>
      <FilterSelect
        id="order-filter-financial"
        label="Payment"
        placeholder="Any payment"
        options={FINANCIAL_OPTIONS}
        value={filters.financialStatus}
        onChange={(value) => set({ financialStatus: FINANCIAL_STATUSES.find((s) => s === value) })}
      />
      <FilterSelect
        id="order-filter-fulfillment"
        label="Fulfillment"
        placeholder="Any fulfillment"
        options={FULFILLMENT_OPTIONS}
        value={filters.fulfillmentStatus}
        onChange={(value) => set({ fulfillmentStatus: FULFILLMENT_STATUSES.find((s) => s === value) })}
      />
      <FilterSelect
        id="order-filter-connection"
        label="Store"
        placeholder="All stores"
        options={(connections ?? []).map((c) => ({ value: c.id, label: c.displayName }))}
        unlistedLabel="Selected connection"
        value={filters.connectionId}
        onChange={(connectionId) => set({ connectionId })}
      />
      <DateRangeFields idPrefix="order-filter" value={filters} errors={errors ?? undefined} onChange={set} />
    </FilterBar>
  );
}
