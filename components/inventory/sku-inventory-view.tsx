"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { usePathname, useRouter } from "next/navigation";
import { listRefetchInterval, SyncInProgress, useSyncActivity } from "@/components/orders/sync-activity";
import { SyncedDataEmpty } from "@/components/orders/synced-data-empty";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";
import { FilterBar, FilterField, FilterSelect } from "@/components/ui/filter-bar";
import { PaginationFooter } from "@/components/ui/pagination";
import { SearchInput } from "@/components/ui/search-input";
import { TableCard } from "@/components/ui/table-card";
import { useCursorPages } from "@/components/ui/use-cursor-pages";
import type { RejectedFilter } from "@/components/ui/url-filters";
import { useWorkspace } from "@/components/workspace/workspace-context";
import { findInventoryBySkuInput, INVENTORY_PAGE_SIZE } from "@/server/services/inventory/schema";
import { inventoryFiltersToSearch, type InventoryFilters } from "./inventory-filters";
import { SkuStockTable } from "./sku-stock-table";
import { WholeNumberFilter } from "./whole-number-filter";

const SHOW_OPTIONS = [
  { value: "discrepancies", label: "Discrepancies" },
  { value: "one-system", label: "In one system only" },
] as const;

// Inventory by SKU across the store and the 3PL: search, discrepancies beyond a threshold, SKUs
// known to one system only. Everything is kept in the URL (with view=sku).
export function SkuInventoryView({ filters, rejected }: { filters: InventoryFilters; rejected: readonly RejectedFilter[] }) {
  const router = useRouter();
  const pathname = usePathname();
  const { syncing } = useSyncActivity();

  const apply = (next: Omit<InventoryFilters, "view" | "locationId" | "lowStockAt">) => {
    router.replace(`${pathname}?${inventoryFiltersToSearch({ view: "sku", ...next })}`, { scroll: false });
  };
  const current = { search: filters.search, show: filters.show, threshold: filters.threshold };
  const set = (patch: Partial<typeof current>) => apply({ ...current, ...patch });

  return (
    <div className="flex flex-col gap-4">
      <FilterBar
        label="Filter inventory by SKU"
        rejected={rejected}
        clear={{ onClear: () => apply({}), disabled: Object.values(current).every((v) => v === undefined), testId: "inventory-sku-filter-clear" }}
      >
        <FilterField label="Search" htmlFor="inventory-sku-search" wide>
          <SearchInput id="inventory-sku-search" placeholder="SKU" value={filters.search ?? ""} onSearch={(search) => set({ search: search || undefined })} testId="inventory-sku-search" />
        </FilterField>
        <FilterSelect
          id="inventory-sku-show"
          label="Show"
          placeholder="All SKUs"
          options={SHOW_OPTIONS}
          value={filters.show}
          onChange={(show) => set({ show: SHOW_OPTIONS.find((o) => o.value === show)?.value })}
        />
        {filters.show === "discrepancies" && (
          <WholeNumberFilter
            id="inventory-sku-threshold"
            label="Difference more than"
            placeholder="0"
            schema={findInventoryBySkuInput.shape.threshold}
            value={filters.threshold}
            onChange={(threshold) => set({ threshold: threshold || undefined })}
          />
        )}
      </FilterBar>
      <SyncInProgress syncing={syncing} what="stock levels" />
      <SkuPages key={`${filters.search ?? ""}|${filters.show ?? ""}|${filters.threshold ?? ""}`} filters={filters} syncing={syncing.length > 0} onClearFilters={() => apply({})} />
    </div>
  );
}

function SkuPages({ filters, syncing, onClearFilters }: { filters: InventoryFilters; syncing: boolean; onClearFilters: () => void }) {
  const { slug } = useWorkspace();
  const trpc = useTRPC();
  const pages = useCursorPages();
  const stock = useQuery({
    ...trpc.inventory.bySku.queryOptions({
      workspaceSlug: slug,
      search: filters.search,
      show: filters.show,
      threshold: filters.threshold,
      cursor: pages.cursor,
      limit: INVENTORY_PAGE_SIZE,
    }),
    placeholderData: keepPreviousData,
    refetchInterval: listRefetchInterval(syncing, pages.pageNumber),
  });
  const filtered = filters.search !== undefined || filters.show !== undefined;

  return (
    <TableCard
      query={stock}
      what="inventory"
      skeleton={{ rows: 8, columns: 7 }}
      notice={
        stock.data && !stock.data.hasFulfilmentConnection && (
          <Alert variant="info" className="m-4" data-testid="inventory-sku-no-3pl">
            No fulfilment (3PL) connection: every SKU shows as store only. Connect one to compare stock.
          </Alert>
        )
      }
      empty={<SyncedDataEmpty what="SKUs" filtered={filtered} onClearFilters={onClearFilters} />}
      footer={<PaginationFooter pages={pages} nextCursor={stock.data?.nextCursor} pending={stock.isPlaceholderData} />}
    >
      {(page) => <SkuStockTable items={page.items} busy={stock.isPlaceholderData} caption="Stock by SKU across store and fulfilment centres, in SKU order" />}
    </TableCard>
  );
}
