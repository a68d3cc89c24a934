"use client";

import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { JOB_STATUSES } from "@/server/services/job-history/schema";
import type { JobFilters } from "./job-filters";
import { hasJobFilters } from "./job-filters";
import { JOB_STATUS_LABELS } from "./job-status";
import { DateRangeFields } from "@/components/ui/date-range-fields";

type Options = {
  kinds: { value: string; label: string }[];
  connections: { id: string; displayName: string }[];
};

export function JobFiltersBar({
  filters,
  options,
  onChange,
}: {
  filters: JobFilters;
  options: Options | undefined;
  onChange: (filters: JobFilters) => void;
}) {
  const set = (patch: Partial<JobFilters>) => onChange({ ...filters, ...patch });
  // A filter from a shared link may name a kind or connection this list does not offer (yet).
  const kinds = filters.kind && !options?.kinds.some((k) => k.value === filters.kind)
    ? [...(options?.kinds ?? []), { value: filters.kind, label: filters.kind }]
    : (options?.kinds ?? []);
  const connections = filters.connectionId && !options?.connections.some((c) => c.id === filters.connectionId)
    ? [...(options?.connections ?? []), { id: filters.connectionId, displayName: "Selected connection" }]
    : (options?.connections ?? []);

  return (
    <div role="group" aria-label="Filter jobs" className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-[repeat(5,minmax(0,1fr))_auto] lg:items-end">
      <div className="grid gap-1.5">
        <Label htmlFor="job-filter-kind">Job</Label>
        <Select id="job-filter-kind" data-testid="job-filter-kind" value={filters.kind ?? ""} onChange={(e) => set({ kind: e.target.value || undefined })}>
          <option value="">All jobs</option>
          {kinds.map((kind) => (
            <option key={kind.value} value={kind.value}>
              {kind.label}
            </option>
          ))}
        </Select>
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="job-filter-status">Status</Label>
        <Select
          id="job-filter-status"
          data-testid="job-filter-status"
          value={filters.status ?? ""}
          onChange={(e) => set({ status: JOB_STATUSES.find((s) => s === e.target.value) })}
        >
          <option value="">All statuses</option>
          {JOB_STATUSES.map((status) => (
            <option key={status} value={status}>
              {JOB_STATUS_LABELS[status]}
            </option>
          ))}
        </Select>
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="job-filter-connection">Connection</Label>
        <Select
          id="job-filter-connection"
          data-testid="job-filter-connection"
          value={filters.connectionId ?? ""}
          onChange={(e) => set({ connectionId: e.target.value || undefined })}
        >
          <option value="">All connections</option>
          {connections.map((connection) => (
            <option key={connection.id} value={connection.id}>
              {connection.displayName}
            </option>
          ))}
        </Select>
      </div>
      <DateRangeFields idPrefix="job-filter" value={filters} onChange={set} />
      <Button variant="ghost" size="md" disabled={!hasJobFilters(filters)} onClick={() => onChange({})} data-testid="job-filter-clear">
        Clear filters
      </Button>
    </div>
  );
}
