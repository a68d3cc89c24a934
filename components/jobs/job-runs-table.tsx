"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { errorMessageOf } from "@/components/forms/api-error";
import { useTRPC } from "@/components/trpc/client";
import { ErrorState } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDateTime } from "@/components/ui/format";
import { Pagination } from "@/components/ui/pagination";
import { TableSkeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useCursorPages } from "@/components/ui/use-cursor-pages";
import { useWorkspace } from "@/components/workspace/workspace-context";
import { JOB_PAGE_SIZE } from "@/server/services/job-history/schema";
import { formatCounts, formatNumber, runDuration } from "./job-format";
import { hasJobFilters, jobFiltersToQuery, type JobFilters } from "./job-filters";
import { JOB_TRIGGER_LABELS, liveRefetchInterval } from "./job-status";
import { JobStatusBadge } from "./job-status-badge";
import { useNow } from "./use-now";


export function JobRunsTable({ filters, onClearFilters }: { filters: JobFilters; onClearFilters: () => void }) {
  const { slug } = useWorkspace();
  const trpc = useTRPC();
  const pages = useCursorPages();

  const runs = useQuery({
    ...trpc.job.list.queryOptions({ workspaceSlug: slug, cursor: pages.cursor, limit: JOB_PAGE_SIZE, ...jobFiltersToQuery(filters) }),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => liveRefetchInterval(query.state.data?.items.map((run) => run.status)),
  });
  const now = useNow(Boolean(runs.data?.items.some((run) => run.status === "RUNNING")));

  return (
    <Card>
      {runs.isPending ? (
        <TableSkeleton rows={6} columns={6} label="Loading jobs" />
      ) : runs.isError ? (
        <ErrorState title="Could not load jobs" message={errorMessageOf(runs.error)} onRetry={() => runs.refetch()} />
      ) : runs.data.items.length === 0 ? (
        hasJobFilters(filters) ? (
          <EmptyState
            title="No runs match these filters"
            description="Try another status or a wider date range."
            action={
              <Button variant="outline" size="sm" onClick={onClearFilters}>
                Clear filters
              </Button>
            }
          />
        ) : (
          <EmptyState
            title="No jobs have run yet"
            description="Syncs, retention and other background jobs appear here as soon as they are queued."
          />
        )
      ) : (
        <Table data-testid="jobs-table" aria-busy={runs.isPlaceholderData || undefined}>
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
            {runs.data.items.map((run) => (
              <TableRow key={run.id} data-testid="job-row" data-status={run.status} data-kind={run.kind}>
                <TableCell>
                  <JobStatusBadge status={run.status} />
                </TableCell>
                <TableCell>
                  <Link
                    href={`/w/${slug}/jobs/${run.id}`}
                    className="font-medium underline-offset-4 hover:underline focus-visible:outline-2 focus-visible:outline-ring rounded-sm"
                  >
                    {run.kindLabel}
                    {run.stream && <span className="text-muted-foreground"> · {run.stream}</span>}
                  </Link>
                  <div className="text-xs text-muted-foreground">
                    {JOB_TRIGGER_LABELS[run.trigger]}
                    {run.retryOfId && " · retry"}
                    {run.continuedFromId && " · continuation"}
                    {run.continuedIn && " · continued in next run"}
                    {run.attempts > 1 && ` · ${run.attempts} attempts`}
                  </div>
                </TableCell>
                <TableCell className="hidden md:table-cell">
                  {run.connection ? run.connection.displayName : <span className="text-muted-foreground">—</span>}
                </TableCell>
                <TableCell className="whitespace-nowrap text-muted-foreground">
                  <time dateTime={run.queuedAt.toISOString()}>{formatDateTime(run.queuedAt)}</time>
                </TableCell>
                <TableCell className="text-right whitespace-nowrap tabular-nums">{runDuration(run, now)}</TableCell>
                <TableCell className="hidden text-muted-foreground lg:table-cell">
                  {run.status === "RUNNING" && run.progressTotal !== null
                    ? `${formatNumber(run.progressDone ?? 0)} of ${formatNumber(run.progressTotal)}`
                    : formatCounts(run)}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {runs.data && (pages.hasPrevious || runs.data.nextCursor) && (
        <Pagination
          className="border-t px-4 py-3"
          label={`Page ${pages.pageNumber}`}
          hasPrevious={pages.hasPrevious}
          hasNext={Boolean(runs.data.nextCursor)}
          onPrevious={pages.previous}
          onNext={() => runs.data.nextCursor && pages.next(runs.data.nextCursor)}
          pending={runs.isPlaceholderData}
        />
      )}
    </Card>
  );
}
