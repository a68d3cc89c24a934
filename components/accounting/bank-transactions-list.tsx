"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useTRPC } from "@/components/trpc/client";
import { Badge, type BadgeVariant } from "@/components/ui/badge";
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
import { BANK_TRANSACTION_PARAM, EXPLAINED_OPTIONS, readBankTransactionFilters, type BankTransactionFilters } from "./accounting-filters";
import { AccountingListEmpty } from "./accounting-list-empty";
import { useUrlFilters } from "./use-url-filters";
import { useFormat } from "@/components/ui/formats";

type BankTransaction = inferRouterOutputs<AppRouter>["accounting"]["bankTransactions"]["items"][number];

const EXPLAINED: Record<BankTransaction["explained"], { label: string; variant: BadgeVariant }> = {
  explained: { label: "Explained", variant: "success" },
  partly: { label: "Partly explained", variant: "warning" },
  unexplained: { label: "Unexplained", variant: "outline" },
};

// The Bank transactions tab: explained or not, the bank account and a search in the URL.
export function BankTransactionsList() {
  const { slug } = useWorkspace();
  const trpc = useTRPC();
  const accounts = useQuery(trpc.accounting.bankAccounts.queryOptions({ workspaceSlug: slug }));
  const { filters, rejected, apply, set, key } = useUrlFilters(readBankTransactionFilters, BANK_TRANSACTION_PARAM);
  const accountOptions = (accounts.data ?? []).map((account) => ({ value: account.id, label: `${account.name} (${account.currency})` }));
  return (
    <div className="flex flex-col gap-4">
      <FilterBar label="Filter bank transactions" rejected={rejected} clear={{ onClear: () => apply({}), disabled: !hasFilters(filters), testId: "bank-transaction-filter-clear" }}>
        <FilterField label="Search" htmlFor="bank-transaction-search" wide>
          <SearchInput id="bank-transaction-search" placeholder="Description" value={filters.search ?? ""} onSearch={(search) => set({ search: search || undefined })} testId="bank-transaction-search" />
        </FilterField>
        <FilterSelect
          id="bank-transaction-filter-explained"
          label="Explained"
          placeholder="All transactions"
          options={EXPLAINED_OPTIONS}
          value={filters.explained}
          onChange={(value) => set({ explained: EXPLAINED_OPTIONS.find((option) => option.value === value)?.value })}
        />
        <FilterSelect
          id="bank-transaction-filter-account"
          label="Bank account"
          placeholder="All accounts"
          options={accountOptions}
          unlistedLabel="Another account"
          value={filters.bankAccountId}
          onChange={(bankAccountId) => set({ bankAccountId })}
        />
      </FilterBar>
      <BankTransactionPages key={key} filters={filters} onClearFilters={() => apply({})} />
    </div>
  );
}

function BankTransactionPages({ filters, onClearFilters }: { filters: BankTransactionFilters; onClearFilters: () => void }) {
  const { slug } = useWorkspace();
  const trpc = useTRPC();
  const pages = useCursorPages();
  const transactions = useQuery({
    ...trpc.accounting.bankTransactions.queryOptions({ workspaceSlug: slug, cursor: pages.cursor, limit: ACCOUNTING_PAGE_SIZE, ...filters }),
    placeholderData: keepPreviousData,
  });
  return (
    <TableCard
      query={transactions}
      what="bank transactions"
      skeleton={{ rows: 8, columns: 5 }}
      empty={
        <AccountingListEmpty what="bank transactions" filtered={hasFilters(filters)} hasAccountingConnection={transactions.data?.hasAccountingConnection ?? true} onClearFilters={onClearFilters} />
      }
      footer={<PaginationFooter pages={pages} nextCursor={transactions.data?.nextCursor} pending={transactions.isPlaceholderData} />}
    >
      {(page) => <BankTransactionsTable transactions={page.items} busy={transactions.isPlaceholderData} />}
    </TableCard>
  );
}

function BankTransactionsTable({ transactions, busy }: { transactions: BankTransaction[]; busy: boolean }) {
  const format = useFormat();
  return (
    <Table data-testid="bank-transactions-table" aria-busy={busy || undefined} stacked>
      <TableCaption>Bank transactions, newest first</TableCaption>
      <TableHeader>
        <TableRow>
          <TableHead>Date</TableHead>
          <TableHead>Description</TableHead>
          <TableHead className="hidden md:table-cell">Account</TableHead>
          <TableHead className="text-right">Amount</TableHead>
          <TableHead>Explained</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {transactions.map((tx) => (
          <TableRow key={tx.id} data-testid="bank-transaction-row">
            <TableCell label="Date" className="whitespace-nowrap">{format.day(tx.datedOn)}</TableCell>
            <TableCell label="Description" className="break-words">{tx.description ?? <span className="text-muted-foreground">No description</span>}</TableCell>
            <TableCell label="Account" className="hidden md:table-cell">{tx.bankAccount?.name ?? <span className="text-muted-foreground">—</span>}</TableCell>
            <TableCell label="Amount" className="text-right whitespace-nowrap tabular-nums" data-testid="bank-transaction-amount">
              {format.money(tx.amount, tx.currency)}
            </TableCell>
            <TableCell label="Explained" className="whitespace-nowrap">
              <Badge variant={EXPLAINED[tx.explained].variant} data-testid="bank-transaction-explained" data-explained={tx.explained}>
                {EXPLAINED[tx.explained].label}
              </Badge>
              {tx.explained === "partly" && <div className="text-xs text-muted-foreground">{format.money(tx.unexplainedAmount, tx.currency)} left</div>}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
