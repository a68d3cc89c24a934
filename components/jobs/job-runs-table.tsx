"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { EmptyState } from "@/components/ui/empty-state";
import { FiltersMatchNothing } from "@/components/ui/filters-match-nothing";
import { useFormat, useFormats } from "@/components/ui/formats";
import { Time } from "@/components/ui/time";
import { PaginationFooter } from "@/components/ui/pagination";
import { RowLink, Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { TableCard } from "@/components/ui/table-card";
import { useCursorPages } from "@/components/ui/use-cursor-pages";
import { hasFilters } from "@/components/ui/url-filters";
import { useWorkspace } from "@/components/workspace/workspace-context";
import { JOB_PAGE_SIZE } from "@/server/services/job-history/schema";
import { formatCounts, runDuration } from "./job-format";
import { jobFiltersToQuery, type JobFilters } from "./job-filters";
import { JOB_TRIGGER_LABELS, liveRefetchInterval } from "./job-status";
import { JobStatusBadge } from "./job-status-badge";
import { useNow } from "@/components/ui/use-now";

export function JobRunsTable({ filters, onClearFilters }: { filters: JobFilters; onClearFilters: () => void }) {
  const { slug, timeZone } = useWorkspace();
  const format = useFormat();
  const { locale } = useFormats();
  const trpc = useTRPC();
  const pages = useCursorPages();

  const runs = useQuery({
    ...trpc.job.list.queryOptions({ workspaceSlug: slug, cursor: pages.cursor, limit: JOB_PAGE_SIZE, ...jobFiltersToQuery(filters, timeZone) }),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => liveRefetchInterval(query.state.data?.items.map((run) => run.status)),
  });
  const now = useNow(Boolean(runs.data?.items.some((run) => run.status === "RUNNING")));

  return (
    <TableCard
      query={runs}
      what="jobs"
      skeleton={{ rows: 6, columns: 6 }}
      empty={
        hasFilters(filters) ? (
          <FiltersMatchNothing what="runs" hint="Try another status or a wider date range." onClearFilters={onClearFilters} />
        ) : (
          <EmptyState title="No jobs have run yet" description="Syncs, retention and other background jobs appear here as soon as they are queued." />
        )
      }
      footer={<PaginationFooter pages={pages} nextCursor={runs.data?.nextCursor} pending={runs.isPlaceholderData} />}
    >
      {(page) => (
        <Table data-testid="jobs-table" aria-busy={runs.isPlaceholderData || undefined} stacked>
          <TableCaption>Job runs, newest first</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHead>Status</TableHead>
              <TableHead>Job</TableHead>
              <TableHead className="hidden md:table-cell">Connection</TableHead>
              <TableHead>Queued</TableHead>
              <TableHead className="text-right">Duration</TableHead>
              <TableHead className="hidden lg:table-cell">Records</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {page.items.map((run) => (
              <TableRow key={run.id} data-testid="job-row" data-status={run.status} data-kind={run.kind}>
                <TableCell label="Status">
                  <JobStatusBadge status={run.status} />
                </TableCell>
                <TableCell label="Job">
                  <RowLink href={`/w/${slug}/jobs/${run.id}`}>
                    {run.kindLabel}
                    {run.stream && <span className="text-muted-foreground"> · {run.stream}</span>}
                  </RowLink>
                  <div className="text-xs text-muted-foreground">
                    {JOB_TRIGGER_LABELS[run.trigger]}
                    {run.retryOfId && " · retry"}
                    {run.continuedFromId && " · continuation"}
                    {run.continuedIn && " · continued in next run"}
                    {run.attempts > 1 && ` · ${run.attempts} attempts`}
                  </div>
                </TableCell>
                <TableCell label="Connection" className="hidden md:table-cell">
                  {run.connection ? run.connection.displayName : <span className="text-muted-foreground">—</span>}
                </TableCell>
                <TableCell label="Queued" className="whitespace-nowrap text-muted-foreground">
                  <Time value={run.queuedAt} />
                </TableCell>
                <TableCell label="Duration" className="text-right whitespace-nowrap tabular-nums">{runDuration(run, now)}</TableCell>
                <TableCell label="Records" className="hidden text-muted-foreground lg:table-cell">
                  {run.status === "RUNNING" && run.progressTotal !== null
                    ? `${format.quantity(run.progressDone ?? 0)} of ${format.quantity(run.progressTotal)}`
                    : formatCounts(run, locale)}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </TableCard>
  );
}
