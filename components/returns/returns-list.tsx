"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { FulfilmentListEmpty } from "@/components/fulfilment/fulfilment-list-empty";
import { useTRPC } from "@/components/trpc/client";
import { FilterBar, FilterField, FilterSelect } from "@/components/ui/filter-bar";
import { PaginationFooter } from "@/components/ui/pagination";
import { SearchInput } from "@/components/ui/search-input";
import { TableCard } from "@/components/ui/table-card";
import { useCursorPages } from "@/components/ui/use-cursor-pages";
import { hasFilters } from "@/components/ui/url-filters";
import { useWorkspace } from "@/components/workspace/workspace-context";
import { RETURN_PAGE_SIZE } from "@/server/services/returns/schema";
import { readReturnFilters, RETURN_STATUS_OPTIONS, returnFiltersToSearch, type ReturnFilters } from "./return-filters";
import { ReturnsTable } from "./returns-table";

// The Returns page: filters kept in the URL, and the returns for them.
export function ReturnsList() {
  const router = useRouter();
  const pathname = usePathname();
  const { filters, rejected } = readReturnFilters(useSearchParams());

  const applyFilters = (next: ReturnFilters) => {
    const query = returnFiltersToSearch(next);
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
  };
  const set = (patch: Partial<ReturnFilters>) => applyFilters({ ...filters, ...patch });

  return (
    <div className="flex flex-col gap-4">
      <FilterBar label="Filter returns" rejected={rejected} clear={{ onClear: () => applyFilters({}), disabled: !hasFilters(filters), testId: "return-filter-clear" }}>
        <FilterField label="Search" htmlFor="return-search" wide>
          <SearchInput
            id="return-search"
            placeholder="Return id or reference, tracking number or store order id"
            value={filters.search ?? ""}
            onSearch={(search) => set({ search: search || undefined })}
            testId="return-search"
          />
        </FilterField>
        <FilterSelect
          id="return-filter-status"
          label="Status"
          placeholder="All returns"
          options={RETURN_STATUS_OPTIONS}
          value={filters.status}
          onChange={(value) => set({ status: RETURN_STATUS_OPTIONS.find((option) => option.value === value)?.value })}
        />
      </FilterBar>
      {/* Keyed on the filters: new filters start again from the first page. */}
      <ReturnPages key={returnFiltersToSearch(filters)} filters={filters} onClearFilters={() => applyFilters({})} />
    </div>
  );
}

function ReturnPages({ filters, onClearFilters }: { filters: ReturnFilters; onClearFilters: () => void }) {
  const { slug } = useWorkspace();
  const trpc = useTRPC();
  const pages = useCursorPages();
  const returns = useQuery({
    ...trpc.returns.list.queryOptions({ workspaceSlug: slug, cursor: pages.cursor, limit: RETURN_PAGE_SIZE, status: filters.status, search: filters.search }),
    placeholderData: keepPreviousData,
  });

  return (
    <TableCard
      query={returns}
      what="returns"
      skeleton={{ rows: 8, columns: 7 }}
      empty={
        <FulfilmentListEmpty
          what="returns"
          filtered={hasFilters(filters)}
          filteredHint="Try another search or another status."
          hasFulfilmentConnection={returns.data?.hasFulfilmentConnection ?? true}
          onClearFilters={onClearFilters}
        />
      }
      footer={<PaginationFooter pages={pages} nextCursor={returns.data?.nextCursor} pending={returns.isPlaceholderData} />}
    >
      {(page) => <ReturnsTable slug={slug} returns={page.items} busy={returns.isPlaceholderData} caption="Returns, newest first" />}
    </TableCard>
  );
}
