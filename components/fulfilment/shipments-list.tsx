"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useTRPC } from "@/components/trpc/client";
import { FilterBar, FilterField, FilterSelect } from "@/components/ui/filter-bar";
import { PaginationFooter } from "@/components/ui/pagination";
import { SearchInput } from "@/components/ui/search-input";
import { TableCard } from "@/components/ui/table-card";
import { useCursorPages } from "@/components/ui/use-cursor-pages";
import { hasFilters } from "@/components/ui/url-filters";
import { useWorkspace } from "@/components/workspace/workspace-context";
import { SHIPMENT_PAGE_SIZE } from "@/server/services/fulfilment/schema";
import { FulfilmentListEmpty } from "./fulfilment-list-empty";
import { GROUP_OPTIONS, readShipmentFilters, shipmentFiltersToSearch, type ShipmentFilters } from "./shipment-filters";
import { ShipmentsTable } from "./shipments-table";

// The Fulfilment page: filters kept in the URL, and the shipments for them.
export function ShipmentsList() {
  const router = useRouter();
  const pathname = usePathname();
  const { filters, rejected } = readShipmentFilters(useSearchParams());

  const applyFilters = (next: ShipmentFilters) => {
    const query = shipmentFiltersToSearch(next);
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
  };
  const set = (patch: Partial<ShipmentFilters>) => applyFilters({ ...filters, ...patch });

  return (
    <div className="flex flex-col gap-4">
      <FilterBar label="Filter shipments" rejected={rejected} clear={{ onClear: () => applyFilters({}), disabled: !hasFilters(filters), testId: "shipment-filter-clear" }}>
        <FilterField label="Search" htmlFor="shipment-search" wide>
          <SearchInput
            id="shipment-search"
            placeholder="Tracking number or store order id"
            value={filters.search ?? ""}
            onSearch={(search) => set({ search: search || undefined })}
            testId="shipment-search"
          />
        </FilterField>
        <FilterSelect
          id="shipment-filter-status"
          label="Status"
          placeholder="All shipments"
          options={GROUP_OPTIONS}
          value={filters.group}
          onChange={(value) => set({ group: GROUP_OPTIONS.find((option) => option.value === value)?.value })}
        />
      </FilterBar>
      {/* Keyed on the filters: new filters start again from the first page. */}
      <ShipmentPages key={shipmentFiltersToSearch(filters)} filters={filters} onClearFilters={() => applyFilters({})} />
    </div>
  );
}

function ShipmentPages({ filters, onClearFilters }: { filters: ShipmentFilters; onClearFilters: () => void }) {
  const { slug } = useWorkspace();
  const trpc = useTRPC();
  const pages = useCursorPages();
  const shipments = useQuery({
    ...trpc.fulfilment.list.queryOptions({ workspaceSlug: slug, cursor: pages.cursor, limit: SHIPMENT_PAGE_SIZE, group: filters.group ?? "all", search: filters.search }),
    placeholderData: keepPreviousData,
  });

  return (
    <TableCard
      query={shipments}
      what="shipments"
      skeleton={{ rows: 8, columns: 6 }}
      empty={
        <FulfilmentListEmpty
          what="shipments"
          filtered={hasFilters(filters)}
          filteredHint="Try another search or another status."
          hasFulfilmentConnection={shipments.data?.hasFulfilmentConnection ?? true}
          onClearFilters={onClearFilters}
        />
      }
      footer={<PaginationFooter pages={pages} nextCursor={shipments.data?.nextCursor} pending={shipments.isPlaceholderData} />}
    >
      {(page) => <ShipmentsTable slug={slug} shipments={page.items} busy={shipments.isPlaceholderData} caption="Shipments, earliest estimated fulfilment first" />}
    </TableCard>
  );
}
