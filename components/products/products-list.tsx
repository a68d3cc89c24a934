"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { StatusBadge } from "@/components/orders/order-badges";
import { statusOptions } from "@/components/orders/order-status";
import { listRefetchInterval, SyncInProgress, useSyncActivity } from "@/components/orders/sync-activity";
import { SyncedDataEmpty } from "@/components/orders/synced-data-empty";
import { useTRPC } from "@/components/trpc/client";
import { FilterBar, FilterField, FilterSelect } from "@/components/ui/filter-bar";
import { ListTableCard } from "@/components/ui/list-table-card";
import { recordHref } from "@/components/ui/list-origin";
import { positionQuery, useListUrl, type ListUrl } from "@/components/ui/list-url-state";
import { SelectPageHead, SelectRowCell } from "@/components/ui/row-selection";
import { SearchInput } from "@/components/ui/search-input";
import { SortableHead } from "@/components/ui/sortable-head";
import { RowLink, Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { hasFilters } from "@/components/ui/url-filters";
import { useWorkspace } from "@/components/workspace/workspace-context";
import { PRODUCT_PAGE_SIZE, PRODUCT_SORTS, PRODUCT_STATUSES, type ProductSort } from "@/server/services/products/schema";
import { readProductFilters, productFiltersToSearch, type ProductFilters } from "./product-filters";
import { ExportMenu } from "@/components/exports/export-menu";
import { SavedViewsMenu } from "@/components/saved-views/saved-views-menu";
import { useFormat } from "@/components/ui/formats";
import { Time } from "@/components/ui/time";

const STATUS_OPTIONS = statusOptions(PRODUCT_STATUSES);

const SORT_CAPTIONS: Record<ProductSort, Record<"asc" | "desc", string>> = {
  title: { asc: "by title, A to Z", desc: "by title, Z to A" },
  updated: { desc: "most recently changed first", asc: "least recently changed first" },
};

// The Products page: filters, sort and page kept in the URL, and the products for them.
export function ProductsList() {
  const { filters, rejected } = readProductFilters(useSearchParams());
  const url = useListUrl(PRODUCT_SORTS, "title");
  const applyFilters = (next: ProductFilters) => url.applyFilters(productFiltersToSearch(next));
  const set = (patch: Partial<ProductFilters>) => applyFilters({ ...filters, ...patch });
  const { syncing } = useSyncActivity();

  return (
    <div className="flex flex-col gap-4">
      <div className="flex justify-end gap-2">
        <SavedViewsMenu list="products" current={url.viewQuery()} apply={url.applyView} />
        <ExportMenu list="products" what="products" filters={filters} />
      </div>
      <FilterBar label="Filter products" rejected={[...rejected, ...url.rejected]} clear={{ onClear: () => applyFilters({}), disabled: !hasFilters(filters), testId: "product-filter-clear" }}>
        <FilterField label="Search" htmlFor="product-search" wide>
          <SearchInput id="product-search" placeholder="Title or SKU" value={filters.search ?? ""} onSearch={(search) => set({ search: search || undefined })} testId="product-search" />
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
      <ProductPages key={productFiltersToSearch(filters)} filters={filters} url={url} syncing={syncing.length > 0} onClearFilters={() => applyFilters({})} />
    </div>
  );
}

function ProductPages({ filters, url, syncing, onClearFilters }: { filters: ProductFilters; url: ListUrl<ProductSort>; syncing: boolean; onClearFilters: () => void }) {
  const format = useFormat();
  const { slug } = useWorkspace();
  const trpc = useTRPC();
  const products = useQuery({
    ...trpc.product.list.queryOptions({ workspaceSlug: slug, limit: PRODUCT_PAGE_SIZE, ...filters, ...positionQuery(url.position) }),
    placeholderData: keepPreviousData,
    refetchInterval: listRefetchInterval(syncing, url.position.page),
  });

  return (
    <ListTableCard
      query={products}
      url={url}
      pageSize={PRODUCT_PAGE_SIZE}
      what="products"
      skeleton={{ rows: 8, columns: 5 }}
      empty={<SyncedDataEmpty what="products" filtered={hasFilters(filters)} onClearFilters={onClearFilters} />}
      bulk={(ids) => <ExportMenu list="products" what="products" filters={filters} selection={ids} />}
    >
      {(page, { selection, tableRef }) => (
        <Table data-testid="products-table" aria-busy={products.isPlaceholderData || undefined} stacked ref={tableRef} tabIndex={-1}>
          <TableCaption>Products, {SORT_CAPTIONS[url.table.sort][url.table.dir]}</TableCaption>
          <TableHeader>
            <TableRow>
              <SelectPageHead selection={selection} what="product" />
              <SortableHead label="Product" sort="title" table={url.table} />
              <TableHead>Status</TableHead>
              <TableHead className="hidden md:table-cell">Vendor</TableHead>
              <TableHead className="hidden md:table-cell">Source</TableHead>
              <TableHead className="text-right">Variants</TableHead>
              <TableHead className="text-right">Available</TableHead>
              <SortableHead label="Updated" sort="updated" table={url.table} className="hidden lg:table-cell" />
            </TableRow>
          </TableHeader>
          <TableBody>
            {page.items.map((product) => (
              <TableRow key={product.id} data-testid="product-row">
                <SelectRowCell selection={selection} id={product.id} name={product.title} />
                <TableCell>
                  <RowLink href={recordHref(`/w/${slug}/products/${product.id}`, url.viewQuery())} data-testid="product-link">
                    {product.title}
                  </RowLink>
                  {product.productType && <div className="text-xs text-muted-foreground">{product.productType}</div>}
                </TableCell>
                <TableCell label="Status">
                  <StatusBadge kind="product" status={product.status} />
                </TableCell>
                <TableCell label="Vendor" className="hidden md:table-cell">
                  {product.vendor ?? <span className="text-muted-foreground">—</span>}
                </TableCell>
                <TableCell label="Source" className="hidden md:table-cell" title={product.connection.displayName} data-testid="product-source">
                  {product.connection.providerName}
                </TableCell>
                <TableCell label="Variants" className="text-right tabular-nums">
                  {format.quantity(product.variantCount)}
                </TableCell>
                <TableCell
                  label="Available"
                  className={product.totalAvailable !== null && product.totalAvailable <= 0 ? "text-right tabular-nums text-destructive" : "text-right tabular-nums"}
                  title={product.totalAvailable === null ? "Inventory not tracked or not synced" : undefined}
                >
                  {format.quantity(product.totalAvailable)}
                </TableCell>
                <TableCell label="Updated" className="hidden whitespace-nowrap text-muted-foreground lg:table-cell">
                  <Time value={product.updatedAt} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </ListTableCard>
  );
}
