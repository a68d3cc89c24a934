"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useTRPC } from "@/components/trpc/client";
import { Badge } from "@/components/ui/badge";
import { FilterBar, FilterField } from "@/components/ui/filter-bar";
import { PaginationFooter } from "@/components/ui/pagination";
import { SearchInput } from "@/components/ui/search-input";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { TableCard } from "@/components/ui/table-card";
import { useCursorPages } from "@/components/ui/use-cursor-pages";
import { hasFilters } from "@/components/ui/url-filters";
import { useWorkspace } from "@/components/workspace/workspace-context";
import type { AppRouter } from "@/server/api/root";
import { ACCOUNTING_PAGE_SIZE } from "@/server/services/accounting/schema";
import { readSearchFilters, SEARCH_PARAM, type SearchFilters } from "./accounting-filters";
import { AccountingListEmpty } from "./accounting-list-empty";
import { documentStatusVariant } from "./document-status";
import { useUrlFilters } from "./use-url-filters";
import { useFormat } from "@/components/ui/formats";

type Bill = inferRouterOutputs<AppRouter>["accounting"]["bills"]["items"][number];

// The Bills tab: a search in the URL, the bills for it, newest first.
export function BillsList() {
  const { filters, rejected, apply, set, key } = useUrlFilters(readSearchFilters, SEARCH_PARAM);
  return (
    <div className="flex flex-col gap-4">
      <FilterBar label="Filter bills" rejected={rejected} clear={{ onClear: () => apply({}), disabled: !hasFilters(filters), testId: "bill-filter-clear" }}>
        <FilterField label="Search" htmlFor="bill-search" wide>
          <SearchInput id="bill-search" placeholder="Reference or supplier name" value={filters.search ?? ""} onSearch={(search) => set({ search: search || undefined })} testId="bill-search" />
        </FilterField>
      </FilterBar>
      <BillPages key={key} filters={filters} onClearFilters={() => apply({})} />
    </div>
  );
}

function BillPages({ filters, onClearFilters }: { filters: SearchFilters; onClearFilters: () => void }) {
  const { slug } = useWorkspace();
  const trpc = useTRPC();
  const pages = useCursorPages();
  const bills = useQuery({ ...trpc.accounting.bills.queryOptions({ workspaceSlug: slug, cursor: pages.cursor, limit: ACCOUNTING_PAGE_SIZE, ...filters }), placeholderData: keepPreviousData });
  return (
    <TableCard
      query={bills}
      what="bills"
      skeleton={{ rows: 8, columns: 6 }}
      empty={<AccountingListEmpty what="bills" filtered={hasFilters(filters)} hasAccountingConnection={bills.data?.hasAccountingConnection ?? true} onClearFilters={onClearFilters} />}
      footer={<PaginationFooter pages={pages} nextCursor={bills.data?.nextCursor} pending={bills.isPlaceholderData} />}
    >
      {(page) => <BillsTable bills={page.items} busy={bills.isPlaceholderData} />}
    </TableCard>
  );
}

function BillsTable({ bills, busy }: { bills: Bill[]; busy: boolean }) {
  const format = useFormat();
  return (
    <Table data-testid="bills-table" aria-busy={busy || undefined} stacked>
      <TableCaption>Bills, newest first</TableCaption>
      <TableHeader>
        <TableRow>
          <TableHead>Reference</TableHead>
          <TableHead>Supplier</TableHead>
          <TableHead>Status</TableHead>
          <TableHead>Dated</TableHead>
          <TableHead className="hidden md:table-cell">Due</TableHead>
          <TableHead className="hidden md:table-cell">Paid</TableHead>
          <TableHead className="text-right">Total</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {bills.map((bill) => (
          <TableRow key={bill.id} data-testid="bill-row">
            <TableCell label="Reference" className="font-medium whitespace-nowrap">{bill.reference ?? <span className="text-muted-foreground">No reference</span>}</TableCell>
            <TableCell label="Supplier">{bill.contactName ?? <span className="text-muted-foreground">Unknown contact</span>}</TableCell>
            <TableCell label="Status">
              <Badge variant={documentStatusVariant(bill.status)}>{bill.status}</Badge>
            </TableCell>
            <TableCell label="Dated" className="whitespace-nowrap">{format.day(bill.datedOn)}</TableCell>
            <TableCell label="Due" className="hidden whitespace-nowrap md:table-cell">{format.day(bill.dueOn)}</TableCell>
            <TableCell label="Paid" className="hidden whitespace-nowrap md:table-cell">{format.day(bill.paidOn)}</TableCell>
            <TableCell label="Total" className="text-right whitespace-nowrap tabular-nums">{format.money(bill.totalValue, bill.currency)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
