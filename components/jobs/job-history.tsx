"use client";

import { useQuery } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { inputErrors } from "@/components/forms/input-errors";
import { useTRPC } from "@/components/trpc/client";
import { InvalidFilters } from "@/components/ui/invalid-filters";
import { useListUrl } from "@/components/ui/list-url-state";
import { useWorkspace } from "@/components/workspace/workspace-context";
import { findJobRunsInput, JOB_SORTS } from "@/server/services/job-history/schema";
import { jobFiltersToQuery, jobFiltersToSearch, readJobFilters, type JobFilters } from "./job-filters";
import { JobFiltersBar } from "./job-filters-bar";
import { JobRunsTable } from "./job-runs-table";
import { ExportMenu } from "@/components/exports/export-menu";
import { SavedViewsMenu } from "@/components/saved-views/saved-views-menu";

// The Jobs page: filters, sort and page kept in the URL, and the run list for them.
export function JobHistory() {
  const { slug, timeZone } = useWorkspace();
  const trpc = useTRPC();
  const { filters, rejected } = readJobFilters(useSearchParams());
  const url = useListUrl(JOB_SORTS, "queued");
  // Checked here as the server would: a range running backwards is marked, and not sent.
  const errors = inputErrors(findJobRunsInput, jobFiltersToQuery(filters, timeZone));
  const options = useQuery(trpc.job.filterOptions.queryOptions({ workspaceSlug: slug }));

  const applyFilters = (next: JobFilters) => url.applyFilters(jobFiltersToSearch(next));

  return (
    <div className="flex flex-col gap-4">
      <div className="flex justify-end gap-2">
        <SavedViewsMenu list="job-runs" current={url.viewQuery()} apply={url.applyView} />
        <ExportMenu list="job-runs" what="job runs" filters={jobFiltersToQuery(filters, timeZone)} invalid={errors} />
      </div>
      <JobFiltersBar filters={filters} rejected={[...rejected, ...url.rejected]} errors={errors} options={options.data} onChange={applyFilters} />
      {/* Keyed on the filters: new filters start again from the first page, with nothing selected. */}
      {errors ? (
        <InvalidFilters what="job runs" errors={errors} onClearFilters={() => applyFilters({})} />
      ) : (
        <JobRunsTable key={jobFiltersToSearch(filters)} filters={filters} url={url} onClearFilters={() => applyFilters({})} />
      )}
    </div>
  );
}
