"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { errorMessageOf } from "@/components/forms/api-error";
import { listRefetchInterval, SyncInProgress, useSyncActivity } from "@/components/orders/sync-activity";
import { SyncedDataEmpty } from "@/components/orders/synced-data-empty";
import { useTRPC } from "@/components/trpc/client";
import { Alert, ErrorState } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterBar, FilterField, FilterSelect } from "@/components/ui/filter-bar";
import { ListTableCard } from "@/components/ui/list-table-card";
import { positionQuery, useListUrl, type ListUrl } from "@/components/ui/list-url-state";
import { SelectPageHead, SelectRowCell } from "@/components/ui/row-selection";
import { SortableHead } from "@/components/ui/sortable-head";
import { SearchInput } from "@/components/ui/search-input";
import { Skeleton, TableSkeleton } from "@/components/ui/skeleton";
import { RowLink, Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useWorkspace } from "@/components/workspace/workspace-context";
import { findInventoryLevelsInput, INVENTORY_PAGE_SIZE, INVENTORY_SORTS, type InventorySort } from "@/server/services/inventory/schema";
import { inventoryFiltersToSearch, readInventoryFilters, type InventoryFilters } from "./inventory-filters";
import { WholeNumberFilter } from "./whole-number-filter";
import { ExportMenu } from "@/components/exports/export-menu";
import { SavedViewsMenu } from "@/components/saved-views/saved-views-menu";
import { useFormat } from "@/components/ui/formats";

const SORT_CAPTIONS: Record<InventorySort, Record<"asc" | "desc", string>> = {
  available: { asc: "lowest available first", desc: "highest available first" },
  onHand: { asc: "lowest on hand first", desc: "highest on hand first" },
};

// Inventory by location: pick a location (the first active one by default), then search and
// narrow to low stock. Everything (filters, sort and page) is kept in the URL.
export function InventoryView() {
  const { slug } = useWorkspace();
  const trpc = useTRPC();
  const { filters, rejected } = readInventoryFilters(useSearchParams());
  const url = useListUrl(INVENTORY_SORTS, "available");
  const { syncing } = useSyncActivity();
  const locations = useQuery({
    ...trpc.inventory.locations.queryOptions({ workspaceSlug: slug }),
    // Locations arrive with the first sync; look again while one runs.
    refetchInterval: listRefetchInterval(syncing.length > 0, 1),
  });

  const apply = (next: InventoryFilters) => url.applyFilters(inventoryFiltersToSearch(next));
  const set = (patch: Partial<InventoryFilters>) => apply({ ...filters, ...patch });

  if (locations.isPending) {
    return (
      <div className="grid gap-4" role="status" aria-label="Loading inventory">
        <Skeleton className="h-9 w-full max-w-md" />
        <Card>
          <TableSkeleton rows={8} columns={6} label="Loading inventory" />
        </Card>
      </div>
    );
  }
  if (locations.isError) {
    return (
      <Card>
        <ErrorState title="Could not load locations" message={errorMessageOf(locations.error)} onRetry={() => locations.refetch()} />
      </Card>
    );
  }
  if (locations.data.length === 0) {
    return (
      <Card>
        <SyncedDataEmpty what="locations" filtered={false} onClearFilters={() => apply({})} />
      </Card>
    );
  }

  const location = locations.data.find((l) => l.id === filters.locationId) ?? (filters.locationId ? undefined : locations.data[0]);
  const showConnection = new Set(locations.data.map((l) => l.connection.id)).size > 1;

  return (
    <div className="flex flex-col gap-4">
      {location && (
        <div className="flex justify-end gap-2">
          <SavedViewsMenu list="inventory" current={url.viewQuery()} apply={url.applyView} />
          <ExportMenu list="inventory" what="the stock at this location" filters={exportFilters(location.id, filters)} />
        </div>
      )}
      <FilterBar
        label="Filter inventory"
        rejected={[...rejected, ...url.rejected]}
        clear={{
          onClear: () => apply({ locationId: filters.locationId }),
          disabled: filters.search === undefined && filters.lowStockAt === undefined,
          testId: "inventory-filter-clear",
        }}
      >
        <FilterSelect
          id="inventory-location"
          label="Location"
          placeholder={location ? undefined : "Choose a location"}
          options={locations.data.map((l) => ({
            value: l.id,
            label: `${l.name}${l.isActive ? "" : " (inactive)"}${showConnection ? ` · ${l.connection.displayName}` : ""}`,
          }))}
          value={location?.id}
          onChange={(locationId) => set({ locationId })}
        />
        <FilterField label="Search" htmlFor="inventory-search" wide>
          <SearchInput id="inventory-search" placeholder="SKU or product title" value={filters.search ?? ""} onSearch={(search) => set({ search: search || undefined })} testId="inventory-search" />
        </FilterField>
        <WholeNumberFilter
          id="inventory-low-stock"
          label="Low stock: available at most"
          placeholder="Any"
          schema={findInventoryLevelsInput.shape.lowStockAt}
          value={filters.lowStockAt}
          onChange={(lowStockAt) => set({ lowStockAt })}
        />
      </FilterBar>
      <SyncInProgress syncing={syncing} what="stock levels" />
      {location ? (
        <InventoryPages
          key={`${location.id}|${filters.search ?? ""}|${filters.lowStockAt ?? ""}`}
          locationId={location.id}
          locationName={location.name}
          filters={filters}
          url={url}
          syncing={syncing.length > 0}
          onClearFilters={() => apply({ locationId: filters.locationId })}
        />
      ) : (
        <Card>
          <EmptyState title="Location not found" description="It may have been removed from the store. Choose another location above." />
        </Card>
      )}
    </div>
  );
}

// What the export of a location's stock takes: the list's filters, not its view or page.
function exportFilters(locationId: string, filters: InventoryFilters) {
  return { locationId, search: filters.search, lowStockAt: filters.lowStockAt };
}

function InventoryPages({
  locationId,
  locationName,
  filters,
  url,
  syncing,
  onClearFilters,
}: {
  locationId: string;
  locationName: string;
  filters: InventoryFilters;
  url: ListUrl<InventorySort>;
  syncing: boolean;
  onClearFilters: () => void;
}) {
  const format = useFormat();
  const { slug } = useWorkspace();
  const trpc = useTRPC();
  const levels = useQuery({
    ...trpc.inventory.list.queryOptions({
      workspaceSlug: slug,
      ...exportFilters(locationId, filters),
      ...positionQuery(url.position),
      limit: INVENTORY_PAGE_SIZE,
    }),
    placeholderData: keepPreviousData,
    refetchInterval: listRefetchInterval(syncing, url.position.page),
  });
  const filtered = filters.search !== undefined || filters.lowStockAt !== undefined;

  return (
    <ListTableCard
      query={levels}
      url={url}
      pageSize={INVENTORY_PAGE_SIZE}
      what="inventory"
      skeleton={{ rows: 8, columns: 6 }}
      notice={
        levels.data?.searchTruncated && (
          <Alert variant="warning" className="m-4" data-testid="inventory-search-truncated">
            This search matches too many variants to list them all. Type more of the SKU or title.
          </Alert>
        )
      }
      empty={
        filtered ? (
          <SyncedDataEmpty what="items" filtered onClearFilters={onClearFilters} />
        ) : (
          <EmptyState title={`Nothing stocked at ${locationName}`} description="Inventory appears here once a sync has read this location's stock levels." />
        )
      }
      bulk={(ids) => <ExportMenu list="inventory" what="stock levels" filters={exportFilters(locationId, filters)} selection={ids} />}
    >
      {(page, { selection, tableRef }) => (
        <Table data-testid="inventory-table" aria-busy={levels.isPlaceholderData || undefined} stacked ref={tableRef} tabIndex={-1}>
          <TableCaption>{`Stock at ${locationName}, ${SORT_CAPTIONS[url.table.sort][url.table.dir]}`}</TableCaption>
          <TableHeader>
            <TableRow>
              <SelectPageHead selection={selection} what="stock level" />
              <TableHead>Product</TableHead>
              <TableHead className="hidden sm:table-cell">SKU</TableHead>
              <SortableHead label="Available" sort="available" table={url.table} className="text-right" />
              <SortableHead label="On hand" sort="onHand" table={url.table} className="hidden text-right md:table-cell" />
              <TableHead className="hidden text-right md:table-cell">Committed</TableHead>
              <TableHead className="hidden text-right lg:table-cell">Incoming</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {page.items.map((row) => (
              <TableRow key={row.id} data-testid="inventory-row" data-sku={row.variant?.sku ?? ""}>
                <SelectRowCell selection={selection} id={row.id} name={row.variant?.sku ?? row.product?.title ?? "item not synced yet"} />
                <TableCell label="Product">
                  {row.product ? (
                    <RowLink href={`/w/${slug}/products/${row.product.id}`}>{row.product.title}</RowLink>
                  ) : (
                    <span className="text-muted-foreground">{row.variant ? "Removed product" : "Item not synced yet"}</span>
                  )}
                  {row.variant && <div className="text-xs text-muted-foreground">{row.variant.title}</div>}
                  <div className="font-mono text-xs text-muted-foreground sm:hidden">{row.variant?.sku}</div>
                </TableCell>
                <TableCell label="SKU" className="hidden font-mono text-xs sm:table-cell">
                  {row.variant?.sku ?? <span className="font-sans text-muted-foreground">—</span>}
                </TableCell>
                <TableCell label="Available" className={row.available <= 0 ? "text-right font-medium tabular-nums text-destructive" : "text-right font-medium tabular-nums"}>
                  {format.quantity(row.available)}
                </TableCell>
                <TableCell label="On hand" className="hidden text-right tabular-nums md:table-cell">{format.quantity(row.onHand)}</TableCell>
                <TableCell label="Committed" className="hidden text-right tabular-nums md:table-cell">{format.quantity(row.committed)}</TableCell>
                <TableCell label="Incoming" className="hidden text-right tabular-nums lg:table-cell">{format.quantity(row.incoming)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </ListTableCard>
  );
}
