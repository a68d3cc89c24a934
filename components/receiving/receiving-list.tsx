"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { FulfilmentListEmpty } from "@/components/fulfilment/fulfilment-list-empty";
import { useTRPC } from "@/components/trpc/client";
import { FilterBar, FilterSelect } from "@/components/ui/filter-bar";
import { PaginationFooter } from "@/components/ui/pagination";
import { TableCard } from "@/components/ui/table-card";
import { useCursorPages } from "@/components/ui/use-cursor-pages";
import { hasFilters } from "@/components/ui/url-filters";
import { useWorkspace } from "@/components/workspace/workspace-context";
import { RECEIVING_PAGE_SIZE } from "@/server/services/receiving/schema";
import { readReceivingFilters, RECEIVING_STATUS_OPTIONS, receivingFiltersToSearch, VIEW_OPTIONS, type ReceivingFilters } from "./receiving-filters";
import { ReceivingTable } from "./receiving-table";

const CAPTION: Record<NonNullable<ReceivingFilters["view"]> | "all", string> = {
  all: "Receiving orders, newest first",
  arriving_soon: "Receiving orders arriving soon, the soonest first",
  overdue: "Overdue receiving orders, the most overdue first",
};

// The Receiving page: filters kept in the URL, and the receiving orders for them.
export function ReceivingList() {
  const router = useRouter();
  const pathname = usePathname();
  const { filters, rejected } = readReceivingFilters(useSearchParams());

  const applyFilters = (next: ReceivingFilters) => {
    const query = receivingFiltersToSearch(next);
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
  };
  const set = (patch: Partial<ReceivingFilters>) => applyFilters({ ...filters, ...patch });

  return (
    <div className="flex flex-col gap-4">
      <FilterBar label="Filter receiving orders" rejected={rejected} clear={{ onClear: () => applyFilters({}), disabled: !hasFilters(filters), testId: "receiving-filter-clear" }}>
        <FilterSelect
          id="receiving-filter-view"
          label="Show"
          placeholder="All receiving orders"
          options={VIEW_OPTIONS}
          value={filters.view}
          onChange={(value) => set({ view: VIEW_OPTIONS.find((option) => option.value === value)?.value })}
        />
        <FilterSelect
          id="receiving-filter-status"
          label="Status"
          placeholder="Any status"
          options={RECEIVING_STATUS_OPTIONS}
          value={filters.status}
          onChange={(value) => set({ status: RECEIVING_STATUS_OPTIONS.find((option) => option.value === value)?.value })}
        />
      </FilterBar>
      {/* Keyed on the filters: new filters start again from the first page. */}
      <ReceivingPages key={receivingFiltersToSearch(filters)} filters={filters} onClearFilters={() => applyFilters({})} />
    </div>
  );
}

function ReceivingPages({ filters, onClearFilters }: { filters: ReceivingFilters; onClearFilters: () => void }) {
  const { slug } = useWorkspace();
  const trpc = useTRPC();
  const pages = useCursorPages();
  const view = filters.view ?? "all";
  const orders = useQuery({
    ...trpc.receiving.list.queryOptions({ workspaceSlug: slug, cursor: pages.cursor, limit: RECEIVING_PAGE_SIZE, view, status: filters.status }),
    placeholderData: keepPreviousData,
  });

  return (
    <TableCard
      query={orders}
      what="receiving orders"
      skeleton={{ rows: 8, columns: 8 }}
      empty={
        <FulfilmentListEmpty
          what="receiving orders"
          filtered={hasFilters(filters)}
          filteredHint="Try another view or another status."
          hasFulfilmentConnection={orders.data?.hasFulfilmentConnection ?? true}
          onClearFilters={onClearFilters}
        />
      }
      footer={<PaginationFooter pages={pages} nextCursor={orders.data?.nextCursor} pending={orders.isPlaceholderData} />}
    >
      {(page) => <ReceivingTable orders={page.items} busy={orders.isPlaceholderData} caption={CAPTION[view]} />}
    </TableCard>
  );
}
