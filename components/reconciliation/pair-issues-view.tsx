"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useUrlFilters } from "@/components/accounting/use-url-filters";
import { errorMessageOf } from "@/components/forms/api-error";
import { inputErrors } from "@/components/forms/input-errors";
import { useTRPC } from "@/components/trpc/client";
import { ErrorState } from "@/components/ui/alert";
import { Card, CardContent } from "@/components/ui/card";
import { DateRangeFields } from "@/components/ui/date-range-fields";
import { EmptyState } from "@/components/ui/empty-state";
import { Fact } from "@/components/ui/fact";
import { FilterBar, FilterSelect } from "@/components/ui/filter-bar";
import { InvalidFilters } from "@/components/ui/invalid-filters";
import { FiltersMatchNothing } from "@/components/ui/filters-match-nothing";
import { PaginationFooter } from "@/components/ui/pagination";
import { Skeleton } from "@/components/ui/skeleton";
import { TableCard } from "@/components/ui/table-card";
import { useCursorPages } from "@/components/ui/use-cursor-pages";
import { hasFilters } from "@/components/ui/url-filters";
import { useWorkspace } from "@/components/workspace/workspace-context";
import { findReconciliationIssuesInput, ISSUE_KINDS, type IssueKind } from "@/server/services/reconciliation/schema";
import { ISSUE_PARAM, issueQueryOf, readIssueFilters, type IssueFilters } from "./issue-filters";
import { ISSUE_KIND } from "./reconciliation-labels";
import { ReconciliationExport } from "./reconciliation-export";
import { IssuesTable } from "./reconciliation-issues";
import { useFormat } from "@/components/ui/formats";

const KIND_OPTIONS = ISSUE_KINDS.map((kind) => ({ value: kind, label: ISSUE_KIND[kind].title }));

// A pair's issues of one kind across a range of days (by default: every order GA4 missed), with
// how many there are and what they are worth, paged newest day first and exportable as filtered.
export function PairIssuesView({ pairId }: { pairId: string }) {
  const { filters, rejected, apply, set, key } = useUrlFilters(readIssueFilters, ISSUE_PARAM);
  const query = issueQueryOf(pairId, filters);
  // Checked here as the server would: a range running backwards is marked, and not sent.
  const errors = inputErrors(findReconciliationIssuesInput, query);
  return (
    <div className="grid gap-6" data-testid="pair-issues">
      <FilterBar label="Filter issues" rejected={rejected} clear={{ onClear: () => apply({}), disabled: !hasFilters(filters), testId: "pair-issues-filter-clear" }}>
        <FilterSelect id="pair-issues-filter-kind" label="Issue" options={KIND_OPTIONS} value={query.kind} onChange={(value) => set({ kind: ISSUE_KINDS.find((kind) => kind === value) })} />
        <DateRangeFields idPrefix="pair-issues-filter" value={filters} errors={errors ?? undefined} onChange={set} />
      </FilterBar>
      {errors ? (
        <InvalidFilters what="issues" errors={errors} onClearFilters={() => apply({})} />
      ) : (
        <>
          <IssueTotals query={query} />
          <IssuePages key={key} query={query} filters={filters} onClearFilters={() => apply({})} />
        </>
      )}
    </div>
  );
}

type IssueQuery = ReturnType<typeof issueQueryOf>;

function IssueTotals({ query }: { query: IssueQuery }) {
  const format = useFormat();
  const { slug } = useWorkspace();
  const trpc = useTRPC();
  const totals = useQuery({ ...trpc.reconciliation.issueTotals.queryOptions({ workspaceSlug: slug, ...query }), placeholderData: keepPreviousData });
  if (totals.isError) {
    return (
      <Card>
        <ErrorState title="Could not load the totals" message={errorMessageOf(totals.error)} onRetry={() => totals.refetch()} />
      </Card>
    );
  }
  if (!totals.data) return <Skeleton role="status" aria-label="Loading the totals" className="h-20 rounded-xl" />;
  const { count, values } = totals.data;
  return (
    <Card>
      <CardContent>
        <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4" aria-busy={totals.isPlaceholderData || undefined}>
          <Fact label={ISSUE_KIND[query.kind].title} testId="pair-issues-count" className="text-lg font-semibold tabular-nums">
            {count.toLocaleString("en-GB")}
          </Fact>
          <Fact label={ISSUE_KIND[query.kind].totalLabel} testId="pair-issues-value" className="text-lg font-semibold tabular-nums">
            {values.length === 0 ? "—" : values.map((total) => format.money(total.value, total.currency)).join(" + ")}
          </Fact>
        </dl>
      </CardContent>
    </Card>
  );
}

function IssuePages({ query, filters, onClearFilters }: { query: IssueQuery; filters: IssueFilters; onClearFilters: () => void }) {
  const { slug } = useWorkspace();
  const trpc = useTRPC();
  const pages = useCursorPages();
  const issues = useQuery({ ...trpc.reconciliation.issues.queryOptions({ workspaceSlug: slug, cursor: pages.cursor, ...query }), placeholderData: keepPreviousData });
  const kind: IssueKind = query.kind;
  const what = ISSUE_KIND[kind].title.toLowerCase();
  return (
    <TableCard
      query={issues}
      what={what}
      title={ISSUE_KIND[kind].title}
      notice={<ReconciliationExport list="reconciliation-issues" filters={query} what={what} />}
      skeleton={{ rows: 8, columns: 6 }}
      empty={
        hasFilters(filters) ? (
          <FiltersMatchNothing what="issues" hint="Try another kind of issue or another range of dates." onClearFilters={onClearFilters} />
        ) : (
          <EmptyState title="None so far" description="Issues of this kind appear here once a reconciled day has any." />
        )
      }
      footer={<PaginationFooter pages={pages} nextCursor={issues.data?.nextCursor} pending={issues.isPlaceholderData} />}
    >
      {(page) => <IssuesTable kind={kind} issues={page.items} busy={issues.isPlaceholderData} daysOf={query.pairId} />}
    </TableCard>
  );
}
