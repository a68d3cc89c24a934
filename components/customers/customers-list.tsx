"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { listRefetchInterval, SyncInProgress, useSyncActivity } from "@/components/orders/sync-activity";
import { SyncedDataEmpty } from "@/components/orders/synced-data-empty";
import { useTRPC } from "@/components/trpc/client";
import { FilterBar, FilterField } from "@/components/ui/filter-bar";
import { Time } from "@/components/ui/time";
import { PaginationFooter } from "@/components/ui/pagination";
import { SearchInput } from "@/components/ui/search-input";
import { RowLink, Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { TableCard } from "@/components/ui/table-card";
import { useCursorPages } from "@/components/ui/use-cursor-pages";
import { filtersToSearch, urlFilterReader } from "@/components/ui/url-filters";
import { useWorkspace } from "@/components/workspace/workspace-context";
import { CUSTOMER_PAGE_SIZE } from "@/server/services/customers/schema";
import { RedactedName } from "./redacted";
import { ExportMenu } from "@/components/exports/export-menu";
import { useFormat } from "@/components/ui/formats";

// The Customers page: the search is kept in the URL (?q=).
export function CustomersList() {
  const router = useRouter();
  const pathname = usePathname();
  const read = urlFilterReader(useSearchParams());
  const { filters: { search }, rejected } = read.result({ search: read.text("q", "Search") });
  const { syncing } = useSyncActivity();
  const apply = (next: string | undefined) => {
    const query = filtersToSearch({ search: next }, { search: "q" });
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
  };

  return (
    <div className="flex flex-col gap-4">
      <div className="flex justify-end">
        <ExportMenu list="customers" what="customers" filters={{ search }} />
      </div>
      <FilterBar label="Search customers" rejected={rejected} className="max-w-md">
        <FilterField label="Search" htmlFor="customer-search" wide>
          <SearchInput id="customer-search" placeholder="Name or email" value={search ?? ""} onSearch={(value) => apply(value || undefined)} testId="customer-search" />
        </FilterField>
      </FilterBar>
      <SyncInProgress syncing={syncing} what="customers" />
      <CustomerPages key={search ?? ""} search={search} syncing={syncing.length > 0} onClear={() => apply(undefined)} />
    </div>
  );
}

function CustomerPages({ search, syncing, onClear }: { search: string | undefined; syncing: boolean; onClear: () => void }) {
  const format = useFormat();
  const { slug } = useWorkspace();
  const trpc = useTRPC();
  const pages = useCursorPages();
  const customers = useQuery({
    ...trpc.customer.list.queryOptions({ workspaceSlug: slug, cursor: pages.cursor, limit: CUSTOMER_PAGE_SIZE, search }),
    placeholderData: keepPreviousData,
    refetchInterval: listRefetchInterval(syncing, pages.pageNumber),
  });

  return (
    <TableCard
      query={customers}
      what="customers"
      skeleton={{ rows: 8, columns: 4 }}
      empty={<SyncedDataEmpty what="customers" filtered={Boolean(search)} onClearFilters={onClear} />}
      footer={<PaginationFooter pages={pages} nextCursor={customers.data?.nextCursor} pending={customers.isPlaceholderData} />}
    >
      {(page) => (
        <Table data-testid="customers-table" aria-busy={customers.isPlaceholderData || undefined}>
          <TableCaption>Customers, newest first</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHead>Customer</TableHead>
              <TableHead className="hidden md:table-cell">Email</TableHead>
              <TableHead className="text-right">Orders</TableHead>
              <TableHead className="text-right">Spent</TableHead>
              <TableHead className="hidden lg:table-cell">Since</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {page.items.map((customer) => (
              <TableRow key={customer.id} data-testid="customer-row" data-redacted={customer.redacted || undefined}>
                <TableCell>
                  <RowLink href={`/w/${slug}/customers/${customer.id}`} data-testid="customer-link">
                    {customer.redacted ? <RedactedName /> : (customer.name ?? customer.email ?? "Unnamed customer")}
                  </RowLink>
                  {!customer.redacted && customer.email && <div className="max-w-56 truncate text-xs text-muted-foreground md:hidden">{customer.email}</div>}
                </TableCell>
                <TableCell className="hidden max-w-64 truncate md:table-cell">
                  {customer.redacted ? <span className="text-muted-foreground">—</span> : (customer.email ?? <span className="text-muted-foreground">—</span>)}
                </TableCell>
                <TableCell className="text-right tabular-nums">{format.quantity(customer.numberOfOrders)}</TableCell>
                <TableCell className="text-right whitespace-nowrap tabular-nums">{format.money(customer.amountSpent, customer.currency)}</TableCell>
                <TableCell className="hidden whitespace-nowrap text-muted-foreground lg:table-cell">
                  <Time value={customer.sourceCreatedAt} date />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </TableCard>
  );
}
