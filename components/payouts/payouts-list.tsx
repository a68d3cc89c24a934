"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import Link from "next/link";
import { useUrlFilters } from "@/components/accounting/use-url-filters";
import { inputErrors } from "@/components/forms/input-errors";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { DateRangeFields } from "@/components/ui/date-range-fields";
import { EmptyState } from "@/components/ui/empty-state";
import { FiltersMatchNothing } from "@/components/ui/filters-match-nothing";
import { FilterBar, FilterSelect } from "@/components/ui/filter-bar";
import { InvalidFilters } from "@/components/ui/invalid-filters";
import { findPayoutsInput } from "@/server/services/payout-reconciliation/schema";
import { Time } from "@/components/ui/time";
import { PaginationFooter } from "@/components/ui/pagination";
import { RowLink, Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { TableCard } from "@/components/ui/table-card";
import { useCursorPages } from "@/components/ui/use-cursor-pages";
import { hasFilters } from "@/components/ui/url-filters";
import { useCan, useWorkspace } from "@/components/workspace/workspace-context";
import type { AppRouter } from "@/server/api/root";
import { MatchStateBadge } from "./match-state-badge";
import { BREAKDOWN_OPTIONS, PAYOUT_PARAM, readPayoutFilters, payoutQueryOf, STATE_OPTIONS, type PayoutFilters } from "./payout-filters";
import { isNonZero } from "./payout-labels";
import { useFormat } from "@/components/ui/formats";

type PayoutListItem = inferRouterOutputs<AppRouter>["payouts"]["list"]["items"][number];

const PAGE_SIZE = 25;

// The Payouts page: state, breakdown and issue dates in the URL; the payouts for them, newest first.
export function PayoutsList() {
  const { filters, rejected, apply, set, key } = useUrlFilters(readPayoutFilters, PAYOUT_PARAM);
  // Checked here as the server would: a range running backwards is marked, and not sent.
  const errors = inputErrors(findPayoutsInput, payoutQueryOf(filters));
  return (
    <div className="flex flex-col gap-4">
      <SetupNotice />
      <FilterBar label="Filter payouts" rejected={rejected} clear={{ onClear: () => apply({}), disabled: !hasFilters(filters), testId: "payout-filter-clear" }}>
        <FilterSelect
          id="payout-filter-state"
          label="Reconciliation"
          placeholder="All payouts"
          options={STATE_OPTIONS}
          value={filters.state}
          onChange={(value) => set({ state: STATE_OPTIONS.find((option) => option.value === value)?.value })}
        />
        <FilterSelect
          id="payout-filter-breakdown"
          label="Breakdown"
          placeholder="Any breakdown"
          options={BREAKDOWN_OPTIONS}
          value={filters.breakdown}
          onChange={(value) => set({ breakdown: BREAKDOWN_OPTIONS.find((option) => option.value === value)?.value })}
        />
        <DateRangeFields idPrefix="payout-filter" value={filters} errors={errors ?? undefined} onChange={set} />
      </FilterBar>
      {errors ? <InvalidFilters what="payouts" errors={errors} onClearFilters={() => apply({})} /> : <PayoutPages key={key} filters={filters} onClearFilters={() => apply({})} />}
    </div>
  );
}

// Payouts are matched only once an admin has chosen the bank account they land in.
function SetupNotice() {
  const { slug } = useWorkspace();
  const trpc = useTRPC();
  const canSetUp = useCan("connections.manage");
  const setups = useQuery(trpc.payouts.setups.queryOptions({ workspaceSlug: slug }));
  if (!setups.data || setups.data.length > 0) return null;
  return (
    <Alert title="Payouts are not reconciled yet" data-testid="payout-setup-notice">
      {canSetUp ? (
        <>
          Choose the bank account they land in and how to explain them in{" "}
          <Link href={`/w/${slug}/settings/payouts`} className="font-medium underline">
            Payout reconciliation settings
          </Link>
          .
        </>
      ) : (
        "An admin of this workspace sets up payout reconciliation: which bank account payouts land in and how to explain them."
      )}
    </Alert>
  );
}

function PayoutPages({ filters, onClearFilters }: { filters: PayoutFilters; onClearFilters: () => void }) {
  const { slug } = useWorkspace();
  const trpc = useTRPC();
  const pages = useCursorPages();
  const payouts = useQuery({ ...trpc.payouts.list.queryOptions({ workspaceSlug: slug, cursor: pages.cursor, limit: PAGE_SIZE, ...payoutQueryOf(filters) }), placeholderData: keepPreviousData });
  return (
    <TableCard
      query={payouts}
      what="payouts"
      skeleton={{ rows: 8, columns: 6 }}
      empty={
        hasFilters(filters) ? (
          <FiltersMatchNothing what="payouts" hint="Try another state or another range of dates." onClearFilters={onClearFilters} />
        ) : (
          <EmptyState title="No payouts yet" description="A store's payouts appear here after a sync has read them from its payments provider." />
        )
      }
      footer={<PaginationFooter pages={pages} nextCursor={payouts.data?.nextCursor} pending={payouts.isPlaceholderData} />}
    >
      {(page) => <PayoutsTable slug={slug} payouts={page.items} busy={payouts.isPlaceholderData} />}
    </TableCard>
  );
}

function PayoutsTable({ slug, payouts, busy }: { slug: string; payouts: PayoutListItem[]; busy: boolean }) {
  const format = useFormat();
  return (
    <Table data-testid="payouts-table" aria-busy={busy || undefined} stacked>
      <TableCaption>Payouts, newest first</TableCaption>
      <TableHeader>
        <TableRow>
          <TableHead>Payout</TableHead>
          <TableHead>Issued</TableHead>
          <TableHead className="text-right">Amount</TableHead>
          <TableHead className="hidden md:table-cell">Status</TableHead>
          <TableHead>Reconciliation</TableHead>
          <TableHead className="hidden lg:table-cell">Deposit</TableHead>
          <TableHead>Breakdown</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {payouts.map((payout) => {
          const r = payout.reconciliation;
          return (
            <TableRow key={payout.id} data-testid="payout-row" data-payout={payout.externalId}>
              <TableCell label="Payout" className="whitespace-nowrap">
                <RowLink href={`/w/${slug}/payouts/${payout.id}`} data-testid="payout-link">
                  {payout.externalId}
                </RowLink>
                <div className="text-xs text-muted-foreground">{payout.connection.displayName}</div>
              </TableCell>
              <TableCell label="Issued" className="whitespace-nowrap">
                <Time value={payout.issuedAt} date />
              </TableCell>
              <TableCell label="Amount" className="text-right whitespace-nowrap tabular-nums" data-testid="payout-amount">
                {format.money(payout.net, payout.currency)}
              </TableCell>
              <TableCell label="Status" className="hidden md:table-cell">{payout.status}</TableCell>
              <TableCell label="Reconciliation" className="whitespace-nowrap">
                <MatchStateBadge state={r?.state ?? null} />
                {r?.state === "AMBIGUOUS" && <div className="text-xs text-muted-foreground">{r.candidateCount} candidates</div>}
                {r?.state === "AMOUNT_DIFFERS" && r.amountDifference && <div className="text-xs text-muted-foreground">Off by {format.money(r.amountDifference, payout.currency)}</div>}
                {payout.explained && <div className="text-xs text-muted-foreground">Explained by Meridian</div>}
              </TableCell>
              <TableCell label="Deposit" className="hidden lg:table-cell" data-testid="payout-deposit">
                {r?.deposit ? (
                  <>
                    {format.day(r.deposit.datedOn)}
                    <div className="text-xs break-words text-muted-foreground">{r.deposit.description}</div>
                  </>
                ) : (
                  <span className="text-muted-foreground">—</span>
                )}
              </TableCell>
              <TableCell label="Breakdown" className="whitespace-nowrap">
                {r && isNonZero(r.breakdownDifference) ? (
                  <Badge variant="destructive" data-testid="payout-breakdown-flag">
                    Off by {format.money(r.breakdownDifference, payout.currency)}
                  </Badge>
                ) : r ? (
                  <span className="text-sm text-muted-foreground">Adds up</span>
                ) : (
                  <span className="text-muted-foreground">—</span>
                )}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
