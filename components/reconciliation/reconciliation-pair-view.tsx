"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useUrlFilters } from "@/components/accounting/use-url-filters";
import { errorMessageOf } from "@/components/forms/api-error";
import { inputErrors } from "@/components/forms/input-errors";
import { useTRPC } from "@/components/trpc/client";
import { ErrorState } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { DateRangeFields } from "@/components/ui/date-range-fields";
import { EmptyState } from "@/components/ui/empty-state";
import { DateTimeOrDash, Fact } from "@/components/ui/fact";
import { FilterBar, FilterSelect } from "@/components/ui/filter-bar";
import { InvalidFilters } from "@/components/ui/invalid-filters";
import { findReconciliationDaysInput } from "@/server/services/reconciliation/schema";
import { FiltersMatchNothing } from "@/components/ui/filters-match-nothing";
import { PaginationFooter } from "@/components/ui/pagination";
import { Skeleton } from "@/components/ui/skeleton";
import { RowLink, Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { TableCard } from "@/components/ui/table-card";
import { useCursorPages } from "@/components/ui/use-cursor-pages";
import { hasFilters } from "@/components/ui/url-filters";
import { useWorkspace } from "@/components/workspace/workspace-context";
import type { AppRouter } from "@/server/api/root";
import { DAY_PARAM, dayQueryOf, readDayFilters, RATE_OPTIONS, type DayFilters } from "./day-filters";
import { MatchRateChart } from "./match-rate-chart";
import { MatchRateValue } from "./match-rate-value";
import { formatMatchRate } from "./reconciliation-labels";
import { ReconciliationExport } from "./reconciliation-export";
import { useFormat } from "@/components/ui/formats";

type Pair = inferRouterOutputs<AppRouter>["reconciliation"]["pair"];
type DayRow = inferRouterOutputs<AppRouter>["reconciliation"]["days"]["items"][number];

// One pair: its settings in brief, the match-rate chart and the days for the filters in the URL.
// Loaded by the page (so an unknown id is a real 404) and kept fresh here.
export function ReconciliationPairView({ pairId, initialData }: { pairId: string; initialData: Pair }) {
  const { slug } = useWorkspace();
  const trpc = useTRPC();
  const { data: pair } = useQuery({ ...trpc.reconciliation.pair.queryOptions({ workspaceSlug: slug, pairId }), initialData });
  const { filters, rejected, apply, set, key } = useUrlFilters(readDayFilters, DAY_PARAM);
  // Checked here as the server would: a range running backwards is marked, and not sent.
  const errors = inputErrors(findReconciliationDaysInput, dayQueryOf(pairId, filters));
  return (
    <div className="grid gap-6" data-testid="reconciliation-pair">
      <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4">
        <Fact label="Days counted in">{pair.timeZone}</Fact>
        <Fact label="Threshold">{formatMatchRate(pair.settings.matchRateThreshold)}</Fact>
        <Fact label="Value tolerance">{pair.toleranceMinorUnits} minor units</Fact>
        <Fact label="Last computed">
          <DateTimeOrDash value={pair.lastComputedAt} />
        </Fact>
      </dl>
      {pair.alertingSince && (
        <p>
          <Badge variant="destructive" data-testid="pair-alerting">
            Below threshold since {pair.alertDate}: opted-in members were emailed
          </Badge>
        </p>
      )}
      <FilterBar label="Filter days" rejected={rejected} clear={{ onClear: () => apply({}), disabled: !hasFilters(filters), testId: "reconciliation-filter-clear" }}>
        <DateRangeFields idPrefix="reconciliation-filter" value={filters} errors={errors ?? undefined} onChange={set} />
        <FilterSelect id="reconciliation-filter-rate" label="Match rate" placeholder="All days" options={RATE_OPTIONS} value={filters.rate} onChange={(value) => set({ rate: value === "below" ? "below" : undefined })} />
      </FilterBar>
      {errors ? (
        <InvalidFilters what="days" errors={errors} onClearFilters={() => apply({})} />
      ) : (
        <>
          <Trend pairId={pairId} filters={filters} threshold={pair.settings.matchRateThreshold} />
          <DayPages key={key} pairId={pairId} filters={filters} onClearFilters={() => apply({})} />
        </>
      )}
    </div>
  );
}

function Trend({ pairId, filters, threshold }: { pairId: string; filters: DayFilters; threshold: string }) {
  const { slug } = useWorkspace();
  const trpc = useTRPC();
  const trend = useQuery({ ...trpc.reconciliation.trend.queryOptions({ workspaceSlug: slug, pairId, from: filters.from, to: filters.to }), placeholderData: keepPreviousData });
  if (trend.isError) {
    return (
      <Card>
        <ErrorState title="Could not load the match-rate trend" message={errorMessageOf(trend.error)} onRetry={() => trend.refetch()} />
      </Card>
    );
  }
  if (!trend.data) return <Skeleton role="status" aria-label="Loading the match-rate trend" className="h-80 rounded-xl" />;
  return <MatchRateChart points={trend.data} threshold={threshold} />;
}

function DayPages({ pairId, filters, onClearFilters }: { pairId: string; filters: DayFilters; onClearFilters: () => void }) {
  const { slug } = useWorkspace();
  const trpc = useTRPC();
  const pages = useCursorPages();
  const query = dayQueryOf(pairId, filters);
  const days = useQuery({ ...trpc.reconciliation.days.queryOptions({ workspaceSlug: slug, cursor: pages.cursor, ...query }), placeholderData: keepPreviousData });
  return (
    <TableCard
      query={days}
      what="days"
      title="Days"
      notice={<ReconciliationExport list="reconciliation-days" filters={query} what="these days" />}
      skeleton={{ rows: 8, columns: 8 }}
      empty={
        hasFilters(filters) ? (
          <FiltersMatchNothing what="days" hint="Try another range of dates, or all days." onClearFilters={onClearFilters} />
        ) : (
          <EmptyState title="No days computed yet" description="Days appear here after the store and the analytics property have synced and the reconciliation has run." />
        )
      }
      footer={<PaginationFooter pages={pages} nextCursor={days.data?.nextCursor} pending={days.isPlaceholderData} />}
    >
      {(page) => <DaysTable slug={slug} pairId={pairId} days={page.items} busy={days.isPlaceholderData} />}
    </TableCard>
  );
}

function DaysTable({ slug, pairId, days, busy }: { slug: string; pairId: string; days: DayRow[]; busy: boolean }) {
  const format = useFormat();
  return (
    <Table data-testid="reconciliation-days-table" aria-busy={busy || undefined} stacked>
      <TableCaption>Days, newest first</TableCaption>
      <TableHeader>
        <TableRow>
          <TableHead>Day</TableHead>
          <TableHead className="text-right">Orders</TableHead>
          <TableHead className="text-right">Analytics</TableHead>
          <TableHead className="text-right">Matched</TableHead>
          <TableHead className="text-right">Match rate</TableHead>
          <TableHead className="text-right">Missing value</TableHead>
          <TableHead className="text-right">Extras</TableHead>
          <TableHead className="text-right">Mismatches</TableHead>
          <TableHead className="text-right">Duplicates</TableHead>
          <TableHead className="text-right">(not set)</TableHead>
          <TableHead>Final</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {days.map((day) => (
          <TableRow key={day.id} data-testid="reconciliation-day-row" data-date={day.date}>
            <TableCell label="Day" className="whitespace-nowrap">
              <RowLink href={`/w/${slug}/reconciliation/${pairId}/${day.date}`} data-testid="reconciliation-day-link">
                {day.date}
              </RowLink>
            </TableCell>
            <TableCell label="Orders" className="text-right tabular-nums">{day.storeOrders}</TableCell>
            <TableCell label="Analytics" className="text-right tabular-nums">{day.analyticsTransactions}</TableCell>
            <TableCell label="Matched" className="text-right tabular-nums">{day.matched}</TableCell>
            <TableCell label="Match rate" className="text-right">
              <MatchRateValue rate={day.matchRate} below={day.belowThreshold} />
            </TableCell>
            <TableCell label="Missing value" className="text-right whitespace-nowrap tabular-nums">
              {day.missingCount > 0 ? `${format.money(day.missingValue, day.currency)} (${day.missingCount})` : "—"}
            </TableCell>
            <TableCell label="Extras" className="text-right tabular-nums">{day.extraCount}</TableCell>
            <TableCell label="Mismatches" className="text-right tabular-nums">{day.mismatchCount}</TableCell>
            <TableCell label="Duplicates" className="text-right tabular-nums">{day.duplicateCount}</TableCell>
            <TableCell label="(not set)" className="text-right tabular-nums">{day.notSetCount}</TableCell>
            <TableCell label="Final" className="whitespace-nowrap">{day.final ? "Final" : <span className="text-muted-foreground">not final yet</span>}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
