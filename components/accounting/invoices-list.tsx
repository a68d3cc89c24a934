"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useTRPC } from "@/components/trpc/client";
import { Badge } from "@/components/ui/badge";
import { FilterBar, FilterField, FilterSelect } from "@/components/ui/filter-bar";
import { PaginationFooter } from "@/components/ui/pagination";
import { SearchInput } from "@/components/ui/search-input";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { TableCard } from "@/components/ui/table-card";
import { useCursorPages } from "@/components/ui/use-cursor-pages";
import { hasFilters } from "@/components/ui/url-filters";
import { useWorkspace } from "@/components/workspace/workspace-context";
import type { AppRouter } from "@/server/api/root";
import { ACCOUNTING_PAGE_SIZE } from "@/server/services/accounting/schema";
import { INVOICE_PARAM, INVOICE_STATUS_OPTIONS, readInvoiceFilters, type InvoiceFilters } from "./accounting-filters";
import { AccountingListEmpty } from "./accounting-list-empty";
import { documentStatusVariant } from "./document-status";
import { useUrlFilters } from "./use-url-filters";
import { useFormat } from "@/components/ui/formats";

type Invoice = inferRouterOutputs<AppRouter>["accounting"]["invoices"]["items"][number];

// The Invoices tab: search and status in the URL, the invoices for them, newest first.
export function InvoicesList() {
  const { filters, rejected, apply, set, key } = useUrlFilters(readInvoiceFilters, INVOICE_PARAM);
  return (
    <div className="flex flex-col gap-4">
      <FilterBar label="Filter invoices" rejected={rejected} clear={{ onClear: () => apply({}), disabled: !hasFilters(filters), testId: "invoice-filter-clear" }}>
        <FilterField label="Search" htmlFor="invoice-search" wide>
          <SearchInput id="invoice-search" placeholder="Reference or contact name" value={filters.search ?? ""} onSearch={(search) => set({ search: search || undefined })} testId="invoice-search" />
        </FilterField>
        <FilterSelect
          id="invoice-filter-status"
          label="Status"
          placeholder="All invoices"
          options={INVOICE_STATUS_OPTIONS}
          value={filters.status}
          onChange={(value) => set({ status: INVOICE_STATUS_OPTIONS.find((option) => option.value === value)?.value })}
        />
      </FilterBar>
      <InvoicePages key={key} filters={filters} onClearFilters={() => apply({})} />
    </div>
  );
}

function InvoicePages({ filters, onClearFilters }: { filters: InvoiceFilters; onClearFilters: () => void }) {
  const { slug } = useWorkspace();
  const trpc = useTRPC();
  const pages = useCursorPages();
  const invoices = useQuery({ ...trpc.accounting.invoices.queryOptions({ workspaceSlug: slug, cursor: pages.cursor, limit: ACCOUNTING_PAGE_SIZE, ...filters }), placeholderData: keepPreviousData });
  return (
    <TableCard
      query={invoices}
      what="invoices"
      skeleton={{ rows: 8, columns: 6 }}
      empty={<AccountingListEmpty what="invoices" filtered={hasFilters(filters)} hasAccountingConnection={invoices.data?.hasAccountingConnection ?? true} onClearFilters={onClearFilters} />}
      footer={<PaginationFooter pages={pages} nextCursor={invoices.data?.nextCursor} pending={invoices.isPlaceholderData} />}
    >
      {(page) => <InvoicesTable invoices={page.items} busy={invoices.isPlaceholderData} />}
    </TableCard>
  );
}

function InvoicesTable({ invoices, busy }: { invoices: Invoice[]; busy: boolean }) {
  const format = useFormat();
  return (
    <Table data-testid="invoices-table" aria-busy={busy || undefined} stacked>
      <TableCaption>Invoices, newest first</TableCaption>
      <TableHeader>
        <TableRow>
          <TableHead>Reference</TableHead>
          <TableHead>Contact</TableHead>
          <TableHead>Status</TableHead>
          <TableHead>Dated</TableHead>
          <TableHead className="hidden md:table-cell">Due</TableHead>
          <TableHead className="text-right">Total</TableHead>
          <TableHead className="hidden text-right md:table-cell">Still due</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {invoices.map((invoice) => (
          <TableRow key={invoice.id} data-testid="invoice-row" data-reference={invoice.reference}>
            <TableCell label="Reference" className="font-medium whitespace-nowrap">{invoice.reference}</TableCell>
            <TableCell label="Contact">{invoice.contactName ?? <span className="text-muted-foreground">Unknown contact</span>}</TableCell>
            <TableCell label="Status">
              <Badge variant={documentStatusVariant(invoice.status)} data-testid="invoice-status">
                {invoice.status}
              </Badge>
            </TableCell>
            <TableCell label="Dated" className="whitespace-nowrap">{format.day(invoice.datedOn)}</TableCell>
            <TableCell label="Due" className="hidden whitespace-nowrap md:table-cell">{format.day(invoice.dueOn)}</TableCell>
            <TableCell label="Total" className="text-right whitespace-nowrap tabular-nums" data-testid="invoice-total">
              {format.money(invoice.totalValue, invoice.currency)}
            </TableCell>
            <TableCell label="Still due" className="hidden text-right whitespace-nowrap tabular-nums md:table-cell">{format.money(invoice.dueValue, invoice.currency)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
