"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { errorMessageOf } from "@/components/forms/api-error";
import { formatQuantity } from "@/components/orders/format-money";
import { StatusBadge } from "@/components/orders/order-badges";
import { statusLabel } from "@/components/orders/order-status";
import { SearchInput } from "@/components/orders/search-input";
import { listRefetchInterval, SyncInProgress, useSyncActivity } from "@/components/orders/sync-activity";
import { SyncedDataEmpty } from "@/components/orders/synced-data-empty";
import { hasFilters } from "@/components/orders/url-filters";
import { useTRPC } from "@/components/trpc/client";
import { ErrorState } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Label } from "@/components/ui/label";
import { Pagination } from "@/components/ui/pagination";
import { Select } from "@/components/ui/select";
import { TableSkeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useCursorPages } from "@/components/ui/use-cursor-pages";
import { useWorkspace } from "@/components/workspace/workspace-context";
import { PRODUCT_PAGE_SIZE, PRODUCT_STATUSES } from "@/server/services/products/schema";
import { parseProductFilters, productFiltersToSearch, type ProductFilters } from "./product-filters";

const linkClass = "font-medium underline-offset-4 hover:underline rounded-sm focus-visible:outline-2 focus-visible:outline-ring";

export function ProductsList() {
  const router = useRouter();
  const pathname = usePathname();
  const filters = parseProductFilters(useSearchParams());
  const applyFilters = (next: ProductFilters) => {
    const query = productFiltersToSearch(next);
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
  };
  const set = (patch: Partial<ProductFilters>) => applyFilters({ ...filters, ...patch });
  const { syncing } = useSyncActivity();

  return (
    <div className="flex flex-col gap-4">
      <div role="search" aria-label="Filter products" className="grid gap-3 sm:grid-cols-[minmax(0,2fr)_minmax(0,1fr)_auto] sm:items-end">
        <SearchInput
          id="product-search"
          label="Search"
          placeholder="Product title"
          value={filters.search ?? ""}
          onSearch={(search) => set({ search: search || undefined })}
          testId="product-search"
        />
        <div className="grid gap-1.5">
          <Label htmlFor="product-filter-status">Status</Label>
          <Select
            id="product-filter-status"
            data-testid="product-filter-status"
            value={filters.status ?? ""}
            onChange={(e) => set({ status: PRODUCT_STATUSES.find((s) => s === e.target.value) })}
          >
            <option value="">Any status</option>
            {PRODUCT_STATUSES.map((status) => (
              <option key={status} value={status}>
                {statusLabel(status)}
              </option>
            ))}
          </Select>
        </div>
        <Button variant="ghost" size="md" disabled={!hasFilters(filters)} onClick={() => applyFilters({})} data-testid="product-filter-clear">
          Clear filters
        </Button>
      </div>
      <SyncInProgress syncing={syncing} what="products" />
      <ProductPages key={productFiltersToSearch(filters)} filters={filters} syncing={syncing.length > 0} onClearFilters={() => applyFilters({})} />
    </div>
  );
}

function ProductPages({ filters, syncing, onClearFilters }: { filters: ProductFilters; syncing: boolean; onClearFilters: () => void }) {
  const { slug } = useWorkspace();
  const trpc = useTRPC();
  const pages = useCursorPages();
  const products = useQuery({
    ...trpc.product.list.queryOptions({ workspaceSlug: slug, cursor: pages.cursor, limit: PRODUCT_PAGE_SIZE, ...filters }),
    placeholderData: keepPreviousData,
    refetchInterval: listRefetchInterval(syncing, pages.pageNumber),
  });

  return (
    <Card>
      {products.isPending ? (
        <TableSkeleton rows={8} columns={5} label="Loading products" />
      ) : products.isError ? (
        <ErrorState title="Could not load products" message={errorMessageOf(products.error)} onRetry={() => products.refetch()} />
      ) : products.data.items.length === 0 ? (
        <SyncedDataEmpty what="products" filtered={hasFilters(filters)} onClearFilters={onClearFilters} />
      ) : (
        <Table data-testid="products-table" aria-busy={products.isPlaceholderData || undefined}>
          <TableCaption>Products, by title</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHead>Product</TableHead>
              <TableHead>Status</TableHead>
              <TableHead className="hidden md:table-cell">Vendor</TableHead>
              <TableHead className="text-right">Variants</TableHead>
              <TableHead className="text-right">Available</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {products.data.items.map((product) => (
              <TableRow key={product.id} data-testid="product-row">
                <TableCell>
                  <Link href={`/w/${slug}/products/${product.id}`} className={linkClass} data-testid="product-link">
                    {product.title}
                  </Link>
                  {product.productType && <div className="text-xs text-muted-foreground">{product.productType}</div>}
                </TableCell>
                <TableCell>
                  <StatusBadge kind="product" status={product.status} />
                </TableCell>
                <TableCell className="hidden md:table-cell">{product.vendor ?? <span className="text-muted-foreground">—</span>}</TableCell>
                <TableCell className="text-right tabular-nums">{formatQuantity(product.variantCount)}</TableCell>
                <TableCell
                  className={product.totalAvailable !== null && product.totalAvailable <= 0 ? "text-right tabular-nums text-destructive" : "text-right tabular-nums"}
                  title={product.totalAvailable === null ? "Inventory not tracked or not synced" : undefined}
                >
                  {formatQuantity(product.totalAvailable)}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {products.data && (pages.hasPrevious || products.data.nextCursor) && (
        <Pagination
          className="border-t px-4 py-3"
          label={`Page ${pages.pageNumber}`}
          hasPrevious={pages.hasPrevious}
          hasNext={Boolean(products.data.nextCursor)}
          onPrevious={pages.previous}
          onNext={() => products.data.nextCursor && pages.next(products.data.nextCursor)}
          pending={products.isPlaceholderData}
        />
      )}
    </Card>
  );
}
