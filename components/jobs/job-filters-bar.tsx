"use client";

import type { InputErrors } from "@/components/forms/input-errors";
import { DateRangeFields } from "@/components/ui/date-range-fields";
import { FilterBar, FilterSelect } from "@/components/ui/filter-bar";
import { hasFilters, type RejectedFilter } from "@/components/ui/url-filters";
import { JOB_STATUSES } from "@/server/services/job-history/schema";
import type { JobFilters } from "./job-filters";
import { JOB_STATUS_LABELS } from "./job-status";

type Options = {
  kinds: { value: string; label: string }[];
  connections: { id: string; displayName: string }[];
};

const STATUS_OPTIONS = JOB_STATUSES.map((status) => ({ value: status, label: JOB_STATUS_LABELS[status] }));

export function JobFiltersBar({
  filters,
  rejected,
  errors,
  options,
  onChange,
}: {
  rejected: readonly RejectedFilter[];
  /** What the list's schema refuses in these filters, by field. */
  errors: InputErrors | null;
  filters: JobFilters;
  options: Options | undefined;
  onChange: (filters: JobFilters) => void;
}) {
  const set = (patch: Partial<JobFilters>) => onChange({ ...filters, ...patch });

  return (
    <FilterBar label="Filter jobs" rejected={rejected} clear={{ onClear: () => onChange({}), disabled: !hasFilters(filters), testId: "job-filter-clear" }}>
      <FilterSelect id="job-filter-kind" label="Job" placeholder="All jobs" options={options?.kinds ?? []} value={filters.kind} onChange={(kind) => set({ kind })} />
      <FilterSelect
        id="job-filter-status"
        label="Status"
        placeholder="All statuses"
        options={STATUS_OPTIONS}
        value={filters.status}
        onChange={(value) => set({ status: JOB_STATUSES.find((s) => s === value) })}
      />
      <FilterSelect
        id="job-filter-connection"
        label="Connection"
        placeholder="All connections"
        options={(options?.connections ?? []).map((c) => ({ value: c.id, label: c.displayName }))}
        unlistedLabel="Selected connection"
        value={filters.connectionId}
        onChange={(connectionId) => set({ connectionId })}
      />
      <DateRangeFields idPrefix="job-filter" value={filters} errors={errors ?? undefined} onChange={set} />
    </FilterBar>
  );
}
