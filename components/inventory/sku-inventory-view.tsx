"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { ExportMenu } from "@/components/exports/export-menu";
import { listRefetchInterval, SyncInProgress, useSyncActivity } from "@/components/orders/sync-activity";
import { SyncedDataEmpty } from "@/components/orders/synced-data-empty";
import { SavedViewsMenu } from "@/components/saved-views/saved-views-menu";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";
import { FilterBar, FilterField, FilterSelect } from "@/components/ui/filter-bar";
import { ListTableCard } from "@/components/ui/list-table-card";
import { positionQuery, useListUrl, type ListUrl } from "@/components/ui/list-url-state";
import { SearchInput } from "@/components/ui/search-input";
import type { RejectedFilter } from "@/components/ui/url-filters";
import { useWorkspace } from "@/components/workspace/workspace-context";
import { findInventoryBySkuInput, INVENTORY_PAGE_SIZE, INVENTORY_SKU_SORTS, type InventorySkuSort } from "@/server/services/inventory/schema";
import { inventoryFiltersToSearch, type InventoryFilters } from "./inventory-filters";
import { SkuStockTable } from "./sku-stock-table";
import { WholeNumberFilter } from "./whole-number-filter";

const SHOW_OPTIONS = [
  { value: "discrepancies", label: "Discrepancies" },
  { value: "one-system", label: "In one system only" },
] as const;

type SkuFilters = Pick<InventoryFilters, "search" | "show" | "threshold">;

// Inventory by SKU across the store and the 3PL: search, discrepancies beyond a threshold, SKUs
// known to one system only. Everything (filters, sort and page) is kept in the URL, with view=sku.
export function SkuInventoryView({ filters, rejected }: { filters: InventoryFilters; rejected: readonly RejectedFilter[] }) {
  const url = useListUrl(INVENTORY_SKU_SORTS, "sku");
  const { syncing } = useSyncActivity();

  const current: SkuFilters = { search: filters.search, show: filters.show, threshold: filters.threshold };
  const apply = (next: SkuFilters) => url.applyFilters(inventoryFiltersToSearch({ view: "sku", ...next }));
  const set = (patch: Partial<SkuFilters>) => apply({ ...current, ...patch });

  return (
    <div className="flex flex-col gap-4">
      <div className="flex justify-end gap-2">
        <SavedViewsMenu list="inventory-sku" current={url.viewQuery()} apply={url.applyView} />
        <ExportMenu list="inventory-sku" what="SKUs" filters={listQuery(current, url)} />
      </div>
      <FilterBar
        label="Filter inventory by SKU"
        rejected={[...rejected, ...url.rejected]}
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
      <SkuPages
        key={`${filters.search ?? ""}|${filters.show ?? ""}|${filters.threshold ?? ""}`}
        filters={current}
        url={url}
        syncing={syncing.length > 0}
        onClearFilters={() => apply({})}
      />
    </div>
  );
}

// What the page's query and its exports take: the filters and the sort, not the page.
function listQuery(filters: SkuFilters, url: ListUrl<InventorySkuSort>) {
  return { search: filters.search, show: filters.show, threshold: filters.threshold, sort: url.position.sort, dir: url.position.dir };
}

function SkuPages({ filters, url, syncing, onClearFilters }: { filters: SkuFilters; url: ListUrl<InventorySkuSort>; syncing: boolean; onClearFilters: () => void }) {
  const { slug } = useWorkspace();
  const trpc = useTRPC();
  const stock = useQuery({
    ...trpc.inventory.bySku.queryOptions({ workspaceSlug: slug, ...listQuery(filters, url), ...positionQuery(url.position), limit: INVENTORY_PAGE_SIZE }),
    placeholderData: keepPreviousData,
    refetchInterval: listRefetchInterval(syncing, url.position.page),
  });
  const filtered = filters.search !== undefined || filters.show !== undefined;

  return (
    <ListTableCard
      query={stock}
      url={url}
      pageSize={INVENTORY_PAGE_SIZE}
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
      bulk={(ids) => <ExportMenu list="inventory-sku" what="SKUs" filters={listQuery(filters, url)} selection={ids} />}
    >
      {(page, parts) => <SkuStockTable items={page.items} busy={stock.isPlaceholderData} sort={url.table} {...parts} />}
    </ListTableCard>
  );
}
