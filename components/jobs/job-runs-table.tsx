"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { EmptyState } from "@/components/ui/empty-state";
import { FiltersMatchNothing } from "@/components/ui/filters-match-nothing";
import { useFormat, useFormats } from "@/components/ui/formats";
import { Time } from "@/components/ui/time";
import { ListTableCard } from "@/components/ui/list-table-card";
import { positionQuery, type ListUrl } from "@/components/ui/list-url-state";
import { SelectPageHead, SelectRowCell } from "@/components/ui/row-selection";
import { SortableHead } from "@/components/ui/sortable-head";
import { RowLink, Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { hasFilters } from "@/components/ui/url-filters";
import { useWorkspace } from "@/components/workspace/workspace-context";
import { ExportMenu } from "@/components/exports/export-menu";
import { JOB_PAGE_SIZE, type JobSort } from "@/server/services/job-history/schema";
import { formatCounts, runDuration } from "./job-format";
import { jobFiltersToQuery, type JobFilters } from "./job-filters";
import { JOB_TRIGGER_LABELS, liveRefetchInterval } from "./job-status";
import { JobStatusBadge } from "./job-status-badge";
import { useNow } from "@/components/ui/use-now";
import { RetrySelectedRuns } from "./retry-selected-runs";

const SORT_CAPTIONS: Record<JobSort, Record<"asc" | "desc", string>> = {
  queued: { desc: "newest first", asc: "oldest first" },
  duration: { desc: "longest first", asc: "shortest first" },
};

// The runs of the Jobs page in the URL's sort and page: sortable by when queued and duration, rows
// selectable to retry or export together.
export function JobRunsTable({ filters, url, onClearFilters }: { filters: JobFilters; url: ListUrl<JobSort>; onClearFilters: () => void }) {
  const { slug, timeZone } = useWorkspace();
  const format = useFormat();
  const { locale } = useFormats();
  const trpc = useTRPC();
  const query = jobFiltersToQuery(filters, timeZone);

  const runs = useQuery({
    ...trpc.job.list.queryOptions({ workspaceSlug: slug, limit: JOB_PAGE_SIZE, ...query, ...positionQuery(url.position) }),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => liveRefetchInterval(query.state.data?.items.map((run) => run.status)),
  });
  const now = useNow(Boolean(runs.data?.items.some((run) => run.status === "RUNNING")));

  return (
    <ListTableCard
      query={runs}
      url={url}
      pageSize={JOB_PAGE_SIZE}
      what="jobs"
      skeleton={{ rows: 6, columns: 6 }}
      empty={
        hasFilters(filters) ? (
          <FiltersMatchNothing what="runs" hint="Try another status or a wider date range." onClearFilters={onClearFilters} />
        ) : (
          <EmptyState title="No jobs have run yet" description="Syncs, retention and other background jobs appear here as soon as they are queued." />
        )
      }
      bulk={(ids, selection) => (
        <>
          <RetrySelectedRuns selection={selection} />
          <ExportMenu list="job-runs" what="job runs" filters={query} selection={ids} />
        </>
      )}
    >
      {(page, { selection, tableRef }) => (
        <Table data-testid="jobs-table" aria-busy={runs.isPlaceholderData || undefined} stacked ref={tableRef} tabIndex={-1}>
          <TableCaption>{`Job runs, ${SORT_CAPTIONS[url.table.sort][url.table.dir]}`}</TableCaption>
          <TableHeader>
            <TableRow>
              <SelectPageHead selection={selection} what="run" />
              <TableHead>Status</TableHead>
              <TableHead>Job</TableHead>
              <TableHead className="hidden md:table-cell">Connection</TableHead>
              <SortableHead label="Queued" sort="queued" table={url.table} />
              <SortableHead label="Duration" sort="duration" table={url.table} className="text-right" />
              <TableHead className="hidden lg:table-cell">Records</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {page.items.map((run) => (
              <TableRow key={run.id} data-testid="job-row" data-status={run.status} data-kind={run.kind}>
                <SelectRowCell selection={selection} id={run.id} name={`${run.kindLabel} run queued ${format.dateTime(run.queuedAt)}`} />
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
    </ListTableCard>
  );
}
