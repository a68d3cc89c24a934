"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { errorMessageOf } from "@/components/forms/api-error";
import { formatMoney, formatQuantity } from "@/components/orders/format-money";
import { SearchInput } from "@/components/orders/search-input";
import { listRefetchInterval, SyncInProgress, useSyncActivity } from "@/components/orders/sync-activity";
import { SyncedDataEmpty } from "@/components/orders/synced-data-empty";
import { filtersToSearch, textParam } from "@/components/orders/url-filters";
import { useTRPC } from "@/components/trpc/client";
import { ErrorState } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { formatDate } from "@/components/ui/format";
import { Pagination } from "@/components/ui/pagination";
import { TableSkeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useCursorPages } from "@/components/ui/use-cursor-pages";
import { useWorkspace } from "@/components/workspace/workspace-context";
import { CUSTOMER_PAGE_SIZE } from "@/server/services/customers/schema";
import { RedactedName } from "./redacted";

const linkClass = "font-medium underline-offset-4 hover:underline rounded-sm focus-visible:outline-2 focus-visible:outline-ring";

// The Customers page: the search is kept in the URL (?q=).
export function CustomersList() {
  const router = useRouter();
  const pathname = usePathname();
  const search = textParam(useSearchParams(), "q");
  const { syncing } = useSyncActivity();
  const apply = (next: string | undefined) => {
    const query = filtersToSearch({ search: next }, { search: "q" });
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
  };

  return (
    <div className="flex flex-col gap-4">
      <div role="search" aria-label="Search customers" className="max-w-md">
        <SearchInput
          id="customer-search"
          label="Search"
          placeholder="Name or email"
          value={search ?? ""}
          onSearch={(value) => apply(value || undefined)}
          testId="customer-search"
        />
      </div>
      <SyncInProgress syncing={syncing} what="customers" />
      <CustomerPages key={search ?? ""} search={search} syncing={syncing.length > 0} onClear={() => apply(undefined)} />
    </div>
  );
}

function CustomerPages({ search, syncing, onClear }: { search: string | undefined; syncing: boolean; onClear: () => void }) {
  const { slug } = useWorkspace();
  const trpc = useTRPC();
  const pages = useCursorPages();
  const customers = useQuery({
    ...trpc.customer.list.queryOptions({ workspaceSlug: slug, cursor: pages.cursor, limit: CUSTOMER_PAGE_SIZE, search }),
    placeholderData: keepPreviousData,
    refetchInterval: listRefetchInterval(syncing, pages.pageNumber),
  });

  return (
    <Card>
      {customers.isPending ? (
        <TableSkeleton rows={8} columns={4} label="Loading customers" />
      ) : customers.isError ? (
        <ErrorState title="Could not load customers" message={errorMessageOf(customers.error)} onRetry={() => customers.refetch()} />
      ) : customers.data.items.length === 0 ? (
        <SyncedDataEmpty what="customers" filtered={Boolean(search)} onClearFilters={onClear} />
      ) : (
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
            {customers.data.items.map((customer) => (
              <TableRow key={customer.id} data-testid="customer-row" data-redacted={customer.redacted || undefined}>
                <TableCell>
                  <Link href={`/w/${slug}/customers/${customer.id}`} className={linkClass} data-testid="customer-link">
                    {customer.redacted ? <RedactedName /> : (customer.name ?? customer.email ?? "Unnamed customer")}
                  </Link>
                  {!customer.redacted && customer.email && <div className="max-w-56 truncate text-xs text-muted-foreground md:hidden">{customer.email}</div>}
                </TableCell>
                <TableCell className="hidden max-w-64 truncate md:table-cell">
                  {customer.redacted ? <span className="text-muted-foreground">—</span> : (customer.email ?? <span className="text-muted-foreground">—</span>)}
                </TableCell>
                <TableCell className="text-right tabular-nums">{formatQuantity(customer.numberOfOrders)}</TableCell>
                <TableCell className="text-right whitespace-nowrap tabular-nums">{formatMoney(customer.amountSpent, customer.currency)}</TableCell>
                <TableCell className="hidden whitespace-nowrap text-muted-foreground lg:table-cell">
                  <time dateTime={customer.sourceCreatedAt.toISOString()}>{formatDate(customer.sourceCreatedAt)}</time>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {customers.data && (pages.hasPrevious || customers.data.nextCursor) && (
        <Pagination
          className="border-t px-4 py-3"
          label={`Page ${pages.pageNumber}`}
          hasPrevious={pages.hasPrevious}
          hasNext={Boolean(customers.data.nextCursor)}
          onPrevious={pages.previous}
          onNext={() => customers.data.nextCursor && pages.next(customers.data.nextCursor)}
          pending={customers.isPlaceholderData}
        />
      )}
    </Card>
  );
}
