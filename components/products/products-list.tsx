"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { StatusBadge } from "@/components/orders/order-badges";
import { statusOptions } from "@/components/orders/order-status";
import { listRefetchInterval, SyncInProgress, useSyncActivity } from "@/components/orders/sync-activity";
import { SyncedDataEmpty } from "@/components/orders/synced-data-empty";
import { useTRPC } from "@/components/trpc/client";
import { FilterBar, FilterField, FilterSelect } from "@/components/ui/filter-bar";
import { PaginationFooter } from "@/components/ui/pagination";
import { SearchInput } from "@/components/ui/search-input";
import { RowLink, Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { TableCard } from "@/components/ui/table-card";
import { useCursorPages } from "@/components/ui/use-cursor-pages";
import { hasFilters } from "@/components/ui/url-filters";
import { useWorkspace } from "@/components/workspace/workspace-context";
import { PRODUCT_PAGE_SIZE, PRODUCT_STATUSES } from "@/server/services/products/schema";
import { readProductFilters, productFiltersToSearch, type ProductFilters } from "./product-filters";
import { ExportMenu } from "@/components/exports/export-menu";
import { useFormat } from "@/components/ui/formats";

const STATUS_OPTIONS = statusOptions(PRODUCT_STATUSES);

export function ProductsList() {
  const router = useRouter();
  const pathname = usePathname();
  const { filters, rejected } = readProductFilters(useSearchParams());
  const applyFilters = (next: ProductFilters) => {
    const query = productFiltersToSearch(next);
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
  };
  const set = (patch: Partial<ProductFilters>) => applyFilters({ ...filters, ...patch });
  const { syncing } = useSyncActivity();

  return (
    <div className="flex flex-col gap-4">
      <div className="flex justify-end">
        <ExportMenu list="products" what="products" filters={filters} />
      </div>
      <FilterBar label="Filter products" rejected={rejected} clear={{ onClear: () => applyFilters({}), disabled: !hasFilters(filters), testId: "product-filter-clear" }}>
        <FilterField label="Search" htmlFor="product-search" wide>
          <SearchInput id="product-search" placeholder="Product title" value={filters.search ?? ""} onSearch={(search) => set({ search: search || undefined })} testId="product-search" />
        </FilterField>
        <FilterSelect
          id="product-filter-status"
          label="Status"
          placeholder="Any status"
          options={STATUS_OPTIONS}
          value={filters.status}
          onChange={(value) => set({ status: PRODUCT_STATUSES.find((s) => s === value) })}
        />
      </FilterBar>
      <SyncInProgress syncing={syncing} what="products" />
      <ProductPages key={productFiltersToSearch(filters)} filters={filters} syncing={syncing.length > 0} onClearFilters={() => applyFilters({})} />
    </div>
  );
}

function ProductPages({ filters, syncing, onClearFilters }: { filters: ProductFilters; syncing: boolean; onClearFilters: () => void }) {
  const format = useFormat();
  const { slug } = useWorkspace();
  const trpc = useTRPC();
  const pages = useCursorPages();
  const products = useQuery({
    ...trpc.product.list.queryOptions({ workspaceSlug: slug, cursor: pages.cursor, limit: PRODUCT_PAGE_SIZE, ...filters }),
    placeholderData: keepPreviousData,
    refetchInterval: listRefetchInterval(syncing, pages.pageNumber),
  });

  return (
    <TableCard
      query={products}
      what="products"
      skeleton={{ rows: 8, columns: 5 }}
      empty={<SyncedDataEmpty what="products" filtered={hasFilters(filters)} onClearFilters={onClearFilters} />}
      footer={<PaginationFooter pages={pages} nextCursor={products.data?.nextCursor} pending={products.isPlaceholderData} />}
    >
      {(page) => (
        <Table data-testid="products-table" aria-busy={products.isPlaceholderData || undefined}>
          <TableCaption>Products, by title</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHead>Product</TableHead>
              <TableHead>Status</TableHead>
              <TableHead className="hidden md:table-cell">Vendor</TableHead>
              <TableHead className="hidden md:table-cell">Source</TableHead>
              <TableHead className="text-right">Variants</TableHead>
              <TableHead className="text-right">Available</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {page.items.map((product) => (
              <TableRow key={product.id} data-testid="product-row">
                <TableCell>
                  <RowLink href={`/w/${slug}/products/${product.id}`} data-testid="product-link">
                    {product.title}
                  </RowLink>
                  {product.productType && <div className="text-xs text-muted-foreground">{product.productType}</div>}
                </TableCell>
                <TableCell>
                  <StatusBadge kind="product" status={product.status} />
                </TableCell>
                <TableCell className="hidden md:table-cell">{product.vendor ?? <span className="text-muted-foreground">—</span>}</TableCell>
                <TableCell className="hidden md:table-cell" title={product.connection.displayName} data-testid="product-source">
                  {product.connection.providerName}
                </TableCell>
                <TableCell className="text-right tabular-nums">{format.quantity(product.variantCount)}</TableCell>
                <TableCell
                  className={product.totalAvailable !== null && product.totalAvailable <= 0 ? "text-right tabular-nums text-destructive" : "text-right tabular-nums"}
                  title={product.totalAvailable === null ? "Inventory not tracked or not synced" : undefined}
                >
                  {format.quantity(product.totalAvailable)}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </TableCard>
  );
}
