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

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseDay(value: string, endOfDay: boolean): Date | undefined {
  const match = DAY.exec(value);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = endOfDay ? new Date(year, month - 1, day, 23, 59, 59, 999) : new Date(year, month - 1, day);
  // Rejects days that roll over (2030-02-31).
  return date.getFullYear() === year && date.getMonth() === month - 1 && date.getDate() === day ? date : undefined;
}

function isStatus(value: string): value is JobStatus {
  return (JOB_STATUSES as string[]).includes(value);
}

function text(value: string | null, max = 64): string | undefined {
  const trimmed = value?.trim();
  return trimmed && trimmed.length <= max ? trimmed : undefined;
}

/** Unknown or malformed parameters are dropped, so a hand-edited URL never breaks the page. */
export function parseJobFilters(params: Pick<URLSearchParams, "get">): JobFilters {
  const status = params.get(PARAM.status) ?? "";
  const from = params.get(PARAM.from) ?? "";
  const to = params.get(PARAM.to) ?? "";
  const filters: JobFilters = {
    kind: text(params.get(PARAM.kind)),
    status: isStatus(status) ? status : undefined,
    connectionId: text(params.get(PARAM.connectionId)),
    from: parseDay(from, false) ? from : undefined,
    to: parseDay(to, true) ? to : undefined,
  };
  return Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined)) as JobFilters;
}

export function jobFiltersToSearch(filters: JobFilters): string {
  const params = new URLSearchParams();
  for (const key of Object.keys(PARAM) as (keyof JobFilters)[]) {
    const value = filters[key];
    if (value) params.set(PARAM[key], value);
  }
  return params.toString();
}

export function hasJobFilters(filters: JobFilters): boolean {
  return Object.values(filters).some(Boolean);
}

/** The job.list input for these filters: whole days, from the start of `from` to the end of `to`. */
export function jobFiltersToQuery(filters: JobFilters) {
  return {
    kind: filters.kind,
    status: filters.status,
    connectionId: filters.connectionId,
    from: filters.from ? parseDay(filters.from, false) : undefined,
    to: filters.to ? parseDay(filters.to, true) : undefined,
  };
}
