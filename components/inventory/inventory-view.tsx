"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { errorMessageOf } from "@/components/forms/api-error";
import { listRefetchInterval, SyncInProgress, useSyncActivity } from "@/components/orders/sync-activity";
import { SyncedDataEmpty } from "@/components/orders/synced-data-empty";
import { useTRPC } from "@/components/trpc/client";
import { Alert, ErrorState } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterBar, FilterField, FilterSelect } from "@/components/ui/filter-bar";
import { PaginationFooter } from "@/components/ui/pagination";
import { SearchInput } from "@/components/ui/search-input";
import { Skeleton, TableSkeleton } from "@/components/ui/skeleton";
import { RowLink, Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { TableCard } from "@/components/ui/table-card";
import { useCursorPages } from "@/components/ui/use-cursor-pages";
import { useWorkspace } from "@/components/workspace/workspace-context";
import { findInventoryLevelsInput, INVENTORY_PAGE_SIZE } from "@/server/services/inventory/schema";
import { inventoryFiltersToSearch, readInventoryFilters, type InventoryFilters } from "./inventory-filters";
import { WholeNumberFilter } from "./whole-number-filter";
import { ExportMenu } from "@/components/exports/export-menu";
import { useFormat } from "@/components/ui/formats";

// Inventory by location: pick a location (the first active one by default), then search and
// narrow to low stock. Everything is kept in the URL.
export function InventoryView() {
  const { slug } = useWorkspace();
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const { filters, rejected } = readInventoryFilters(useSearchParams());
  const { syncing } = useSyncActivity();
  const locations = useQuery({
    ...trpc.inventory.locations.queryOptions({ workspaceSlug: slug }),
    // Locations arrive with the first sync; look again while one runs.
    refetchInterval: listRefetchInterval(syncing.length > 0, 1),
  });

  const apply = (next: InventoryFilters) => {
    const query = inventoryFiltersToSearch(next);
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
  };
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
        <div className="flex justify-end">
          <ExportMenu list="inventory" what="the stock at this location" filters={{ locationId: location.id, search: filters.search, lowStockAt: filters.lowStockAt }} />
        </div>
      )}
      <FilterBar
        label="Filter inventory"
        rejected={rejected}
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

function InventoryPages({
  locationId,
  locationName,
  filters,
  syncing,
  onClearFilters,
}: {
  locationId: string;
  locationName: string;
  filters: InventoryFilters;
  syncing: boolean;
  onClearFilters: () => void;
}) {
  const format = useFormat();
  const { slug } = useWorkspace();
  const trpc = useTRPC();
  const pages = useCursorPages();
  const levels = useQuery({
    ...trpc.inventory.list.queryOptions({
      workspaceSlug: slug,
      locationId,
      search: filters.search,
      lowStockAt: filters.lowStockAt,
      cursor: pages.cursor,
      limit: INVENTORY_PAGE_SIZE,
    }),
    placeholderData: keepPreviousData,
    refetchInterval: listRefetchInterval(syncing, pages.pageNumber),
  });
  const filtered = filters.search !== undefined || filters.lowStockAt !== undefined;

  return (
    <TableCard
      query={levels}
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
      footer={<PaginationFooter pages={pages} nextCursor={levels.data?.nextCursor} pending={levels.isPlaceholderData} />}
    >
      {(page) => (
        <Table data-testid="inventory-table" aria-busy={levels.isPlaceholderData || undefined} stacked>
          <TableCaption>Stock at {locationName}, lowest available first</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHead>Product</TableHead>
              <TableHead className="hidden sm:table-cell">SKU</TableHead>
              <TableHead className="text-right">Available</TableHead>
              <TableHead className="hidden text-right md:table-cell">On hand</TableHead>
              <TableHead className="hidden text-right md:table-cell">Committed</TableHead>
              <TableHead className="hidden text-right lg:table-cell">Incoming</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {page.items.map((row) => (
              <TableRow key={row.id} data-testid="inventory-row" data-sku={row.variant?.sku ?? ""}>
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
    </TableCard>
  );
}
