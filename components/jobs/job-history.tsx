"use client";

import { useQuery } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { inputErrors } from "@/components/forms/input-errors";
import { useTRPC } from "@/components/trpc/client";
import { InvalidFilters } from "@/components/ui/invalid-filters";
import { useWorkspace } from "@/components/workspace/workspace-context";
import { findJobRunsInput } from "@/server/services/job-history/schema";
import { jobFiltersToQuery, jobFiltersToSearch, readJobFilters, type JobFilters } from "./job-filters";
import { JobFiltersBar } from "./job-filters-bar";
import { JobRunsTable } from "./job-runs-table";
import { ExportMenu } from "@/components/exports/export-menu";

// The Jobs page: filters kept in the URL, and the run list for them.
export function JobHistory() {
  const { slug, timeZone } = useWorkspace();
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const { filters, rejected } = readJobFilters(searchParams);
  const search = jobFiltersToSearch(filters);
  // Checked here as the server would: a range running backwards is marked, and not sent.
  const errors = inputErrors(findJobRunsInput, jobFiltersToQuery(filters, timeZone));
  const options = useQuery(trpc.job.filterOptions.queryOptions({ workspaceSlug: slug }));

  const applyFilters = (next: JobFilters) => {
    const query = jobFiltersToSearch(next);
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
  };

  return (
    <div className="flex flex-col gap-4">
      <div className="flex justify-end">
        <ExportMenu list="job-runs" what="job runs" filters={jobFiltersToQuery(filters, timeZone)} />
      </div>
      <JobFiltersBar filters={filters} rejected={rejected} errors={errors} options={options.data} onChange={applyFilters} />
      {/* Keyed on the filters: new filters start again from the first page. */}
      {errors ? (
        <InvalidFilters what="job runs" errors={errors} onClearFilters={() => applyFilters({})} />
      ) : (
        <JobRunsTable key={search} filters={filters} onClearFilters={() => applyFilters({})} />
      )}
    </div>
  );
}
