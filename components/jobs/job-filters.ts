import { dayBound, dayParam, enumParam, filtersToSearch, textParam, withoutEmpty } from "@/components/ui/url-filters";
import { JOB_STATUSES } from "@/server/services/job-history/schema";
import type { JobStatus } from "@/server/generated/prisma/enums";

// The Jobs filters live in the URL (?kind=&status=&connection=&from=&to=) so a filtered view
// survives a reload and can be shared. Dates are calendar days (YYYY-MM-DD) in the viewer's zone.
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

/** Unknown or malformed parameters are dropped, so a hand-edited URL never breaks the page. */
export function parseJobFilters(params: Pick<URLSearchParams, "get">): JobFilters {
  return withoutEmpty({
    kind: textParam(params, PARAM.kind, 64),
    status: enumParam(params, PARAM.status, JOB_STATUSES),
    connectionId: textParam(params, PARAM.connectionId, 64),
    from: dayParam(params, PARAM.from),
    to: dayParam(params, PARAM.to),
  });
}

export function jobFiltersToSearch(filters: JobFilters): string {
  return filtersToSearch(filters, PARAM);
}

/** The job.list input for these filters: whole days, from the start of `from` to the end of `to`. */
export function jobFiltersToQuery(filters: JobFilters) {
  return {
    kind: filters.kind,
    status: filters.status,
    connectionId: filters.connectionId,
    from: dayBound(filters.from, "start"),
    to: dayBound(filters.to, "end"),
  };
}
