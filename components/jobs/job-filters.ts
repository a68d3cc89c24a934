import { dayBound, filtersToSearch, urlFilterReader, type UrlFilters } from "@/components/ui/url-filters";
import { JOB_STATUSES } from "@/server/services/job-history/schema";
import type { JobStatus } from "@/server/generated/prisma/enums";

// The Jobs filters live in the URL (?kind=&status=&connection=&from=&to=) so a filtered view
// survives a reload and can be shared. Dates are calendar days (YYYY-MM-DD) in the workspace's zone.
export type JobFilters = {
  kind?: string;
  status?: JobStatus;
  connectionId?: string;
  from?: string;
  to?: string;
};

const PARAM: Record<keyof JobFilters, string> = {
  kind: "kind",
  status: "status",
  connectionId: "connection",
  from: "from",
  to: "to",
};

export function readJobFilters(params: Pick<URLSearchParams, "get">): UrlFilters<JobFilters> {
  const read = urlFilterReader(params);
  return read.result({
    kind: read.text(PARAM.kind, "Job", 64),
    status: read.oneOf(PARAM.status, "status", JOB_STATUSES),
    connectionId: read.text(PARAM.connectionId, "Connection", 64),
    from: read.day(PARAM.from, "From"),
    to: read.day(PARAM.to, "To"),
  });
}

export function jobFiltersToSearch(filters: JobFilters): string {
  return filtersToSearch(filters, PARAM);
}

/** The job.list input for these filters: whole days of the workspace's zone, from the start of `from` to the end of `to`. */
export function jobFiltersToQuery(filters: JobFilters, timeZone: string) {
  return {
    kind: filters.kind,
    status: filters.status,
    connectionId: filters.connectionId,
    from: dayBound(filters.from, "start", timeZone),
    to: dayBound(filters.to, "end", timeZone),
  };
}
