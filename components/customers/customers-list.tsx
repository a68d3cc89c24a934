"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { listRefetchInterval, SyncInProgress, useSyncActivity } from "@/components/orders/sync-activity";
import { SyncedDataEmpty } from "@/components/orders/synced-data-empty";
import { useTRPC } from "@/components/trpc/client";
import { FilterBar, FilterField } from "@/components/ui/filter-bar";
import { Time } from "@/components/ui/time";
import { ListTableCard } from "@/components/ui/list-table-card";
import { recordHref } from "@/components/ui/list-origin";
import { positionQuery, useListUrl, type ListUrl } from "@/components/ui/list-url-state";
import { SelectPageHead, SelectRowCell } from "@/components/ui/row-selection";
import { SearchInput } from "@/components/ui/search-input";
import { SortableHead } from "@/components/ui/sortable-head";
import { RowLink, Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useWorkspace } from "@/components/workspace/workspace-context";
import { CUSTOMER_PAGE_SIZE, CUSTOMER_SORTS, type CustomerSort } from "@/server/services/customers/schema";
import { customerFiltersToSearch, readCustomerFilters } from "./customer-filters";
import { RedactedName } from "./redacted";
import { ExportMenu } from "@/components/exports/export-menu";
import { SavedViewsMenu } from "@/components/saved-views/saved-views-menu";
import { useFormat } from "@/components/ui/formats";

const SORT_CAPTIONS: Record<CustomerSort, Record<"asc" | "desc", string>> = {
  created: { desc: "newest first", asc: "oldest first" },
  name: { asc: "by name, A to Z", desc: "by name, Z to A" },
  orders: { desc: "most orders first", asc: "fewest orders first" },
  spent: { desc: "most spent first", asc: "least spent first" },
};

// The Customers page: the search (?q=), sort and page kept in the URL.
export function CustomersList() {
  const { filters: { search }, rejected } = readCustomerFilters(useSearchParams());
  const url = useListUrl(CUSTOMER_SORTS, "created");
  const { syncing } = useSyncActivity();
  const apply = (next: string | undefined) => url.applyFilters(customerFiltersToSearch({ search: next }));

  return (
    <div className="flex flex-col gap-4">
      <div className="flex justify-end gap-2">
        <SavedViewsMenu list="customers" current={url.viewQuery()} apply={url.applyView} />
        <ExportMenu list="customers" what="customers" filters={{ search }} />
      </div>
      <FilterBar label="Search customers" rejected={[...rejected, ...url.rejected]} className="max-w-md">
        <FilterField label="Search" htmlFor="customer-search" wide>
          <SearchInput id="customer-search" placeholder="Name or email" value={search ?? ""} onSearch={(value) => apply(value || undefined)} testId="customer-search" />
        </FilterField>
      </FilterBar>
      <SyncInProgress syncing={syncing} what="customers" />
      <CustomerPages key={search ?? ""} search={search} url={url} syncing={syncing.length > 0} onClear={() => apply(undefined)} />
    </div>
  );
}

function CustomerPages({ search, url, syncing, onClear }: { search: string | undefined; url: ListUrl<CustomerSort>; syncing: boolean; onClear: () => void }) {
  const format = useFormat();
  const { slug } = useWorkspace();
  const trpc = useTRPC();
  const customers = useQuery({
    ...trpc.customer.list.queryOptions({ workspaceSlug: slug, limit: CUSTOMER_PAGE_SIZE, search, ...positionQuery(url.position) }),
    placeholderData: keepPreviousData,
    refetchInterval: listRefetchInterval(syncing, url.position.page),
  });

  return (
    <ListTableCard
      query={customers}
      url={url}
      pageSize={CUSTOMER_PAGE_SIZE}
      what="customers"
      skeleton={{ rows: 8, columns: 4 }}
      empty={<SyncedDataEmpty what="customers" filtered={Boolean(search)} onClearFilters={onClear} />}
      bulk={(ids) => <ExportMenu list="customers" what="customers" filters={{ search }} selection={ids} />}
    >
      {(page, { selection, tableRef }) => (
        <Table data-testid="customers-table" aria-busy={customers.isPlaceholderData || undefined} stacked ref={tableRef} tabIndex={-1}>
          <TableCaption>Customers, {SORT_CAPTIONS[url.table.sort][url.table.dir]}</TableCaption>
          <TableHeader>
            <TableRow>
              <SelectPageHead selection={selection} what="customer" />
              <SortableHead label="Customer" sort="name" table={url.table} />
              <TableHead className="hidden md:table-cell">Email</TableHead>
              <SortableHead label="Orders" sort="orders" table={url.table} className="text-right" />
              <SortableHead label="Spent" sort="spent" table={url.table} className="text-right" />
              <SortableHead label="Since" sort="created" table={url.table} className="hidden lg:table-cell" />
            </TableRow>
          </TableHeader>
          <TableBody>
            {page.items.map((customer) => (
              <TableRow key={customer.id} data-testid="customer-row" data-redacted={customer.redacted || undefined}>
                <SelectRowCell selection={selection} id={customer.id} name={customer.redacted ? "redacted customer" : (customer.name ?? customer.email ?? "unnamed customer")} />
                <TableCell>
                  <RowLink href={recordHref(`/w/${slug}/customers/${customer.id}`, url.viewQuery())} data-testid="customer-link">
                    {customer.redacted ? <RedactedName /> : (customer.name ?? customer.email ?? "Unnamed customer")}
                  </RowLink>
                  {/* Between the stacked cards (which show the Email cell) and the Email column. */}
                  {!customer.redacted && customer.email && <div className="hidden max-w-56 truncate text-xs text-muted-foreground sm:block md:hidden">{customer.email}</div>}
                </TableCell>
                <TableCell label="Email" className="hidden max-w-64 truncate md:table-cell">
                  {customer.redacted ? <span className="text-muted-foreground">—</span> : (customer.email ?? <span className="text-muted-foreground">—</span>)}
                </TableCell>
                <TableCell label="Orders" className="text-right tabular-nums">
                  {format.quantity(customer.numberOfOrders)}
                </TableCell>
                <TableCell label="Spent" className="text-right whitespace-nowrap tabular-nums">
                  {format.money(customer.amountSpent, customer.currency)}
                </TableCell>
                <TableCell label="Since" className="hidden whitespace-nowrap text-muted-foreground lg:table-cell">
                  <Time value={customer.sourceCreatedAt} date />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </ListTableCard>
  );
}
