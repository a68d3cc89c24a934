"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useTRPC } from "@/components/trpc/client";
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
import { useUrlFilters } from "./use-url-filters";

type Contact = inferRouterOutputs<AppRouter>["accounting"]["contacts"]["items"][number];

// The Contacts tab: customers and suppliers A to Z, a search in the URL.
export function ContactsList() {
  const { filters, rejected, apply, set, key } = useUrlFilters(readSearchFilters, SEARCH_PARAM);
  return (
    <div className="flex flex-col gap-4">
      <FilterBar label="Filter contacts" rejected={rejected} clear={{ onClear: () => apply({}), disabled: !hasFilters(filters), testId: "contact-filter-clear" }}>
        <FilterField label="Search" htmlFor="contact-search" wide>
          <SearchInput id="contact-search" placeholder="Name or email" value={filters.search ?? ""} onSearch={(search) => set({ search: search || undefined })} testId="contact-search" />
        </FilterField>
      </FilterBar>
      <ContactPages key={key} filters={filters} onClearFilters={() => apply({})} />
    </div>
  );
}

function ContactPages({ filters, onClearFilters }: { filters: SearchFilters; onClearFilters: () => void }) {
  const { slug } = useWorkspace();
  const trpc = useTRPC();
  const pages = useCursorPages();
  const contacts = useQuery({ ...trpc.accounting.contacts.queryOptions({ workspaceSlug: slug, cursor: pages.cursor, limit: ACCOUNTING_PAGE_SIZE, ...filters }), placeholderData: keepPreviousData });
  return (
    <TableCard
      query={contacts}
      what="contacts"
      skeleton={{ rows: 8, columns: 4 }}
      empty={<AccountingListEmpty what="contacts" filtered={hasFilters(filters)} hasAccountingConnection={contacts.data?.hasAccountingConnection ?? true} onClearFilters={onClearFilters} />}
      footer={<PaginationFooter pages={pages} nextCursor={contacts.data?.nextCursor} pending={contacts.isPlaceholderData} />}
    >
      {(page) => <ContactsTable contacts={page.items} busy={contacts.isPlaceholderData} />}
    </TableCard>
  );
}

function ContactsTable({ contacts, busy }: { contacts: Contact[]; busy: boolean }) {
  return (
    <Table data-testid="contacts-table" aria-busy={busy || undefined} stacked>
      <TableCaption>Contacts, A to Z</TableCaption>
      <TableHeader>
        <TableRow>
          <TableHead>Name</TableHead>
          <TableHead>Email</TableHead>
          <TableHead className="hidden md:table-cell">Place</TableHead>
          <TableHead className="hidden md:table-cell">Status</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {contacts.map((contact) => (
          <TableRow key={contact.id} data-testid="contact-row">
            <TableCell label="Name">
              <span className="font-medium">{contact.name}</span>
              {contact.person && <div className="text-xs text-muted-foreground">{contact.person}</div>}
            </TableCell>
            <TableCell label="Email" className="break-all">{contact.email ?? <span className="text-muted-foreground">—</span>}</TableCell>
            <TableCell label="Place" className="hidden md:table-cell">{[contact.town, contact.country].filter(Boolean).join(", ") || <span className="text-muted-foreground">—</span>}</TableCell>
            <TableCell label="Status" className="hidden md:table-cell">{contact.status ?? <span className="text-muted-foreground">—</span>}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
