"use client";

import { usePathname, useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { inputErrors, type InputErrors } from "@/components/forms/input-errors";
import { Button } from "@/components/ui/button";
import { DateRangeFields } from "@/components/ui/date-range-fields";
import { FilterBar, FilterSelect } from "@/components/ui/filter-bar";
import { OVERVIEW_PERIODS, overviewInput, type OverviewPeriod } from "@/server/services/dashboard/schema";
import { overviewSearch, type OverviewParams } from "./overview-params";

const PERIOD_LABELS: Record<OverviewPeriod, string> = { "7d": "Last 7 days", "30d": "Last 30 days", "90d": "Last 90 days", custom: "Custom dates" };
const PERIOD_OPTIONS = OVERVIEW_PERIODS.map((value) => ({ value, label: PERIOD_LABELS[value] }));

/** Period and store of the overview, in the URL: the page re-renders on the server for each choice. */
export function OverviewFilters({ params, period, stores }: { params: OverviewParams; period: { from: string; to: string }; stores: { id: string; displayName: string }[] }) {
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  // A custom range is applied once both days are chosen, not on each keystroke of a date input.
  const [range, setRange] = useState<{ from?: string; to?: string }>(params.period === "custom" ? params : period);
  // A range the server's schema refuses (backwards, too long) is marked here, not sent.
  const [rangeErrors, setRangeErrors] = useState<InputErrors | null>(null);
  const go = (next: OverviewParams) => startTransition(() => router.push(`${pathname}${overviewSearch(next)}`));

  return (
    <FilterBar label="Overview period and store" className="mb-6">
      <FilterSelect
        id="overview-period"
        label="Period"
        options={PERIOD_OPTIONS}
        value={params.period}
        onChange={(value) => {
          const chosen = OVERVIEW_PERIODS.find((p) => p === value) ?? "30d";
          if (chosen !== "custom") go({ period: chosen, connectionId: params.connectionId });
          else go({ period: "custom", ...period, connectionId: params.connectionId });
        }}
      />
      {params.period === "custom" && (
        <>
          <DateRangeFields
            idPrefix="overview"
            value={range}
            errors={rangeErrors ?? undefined}
            onChange={(patch) => {
              setRange({ ...range, ...patch });
              setRangeErrors(null);
            }}
          />
          <Button
            variant="outline"
            disabled={!range.from || !range.to || (range.from === params.from && range.to === params.to)}
            onClick={() => {
              const next = { period: "custom" as const, from: range.from, to: range.to, connectionId: params.connectionId };
              const errors = inputErrors(overviewInput, next);
              setRangeErrors(errors);
              if (!errors) go(next);
            }}
            data-testid="overview-apply-range"
          >
            Apply
          </Button>
        </>
      )}
      <FilterSelect
        id="overview-store"
        label="Store"
        placeholder="All stores"
        options={stores.map((s) => ({ value: s.id, label: s.displayName }))}
        unlistedLabel="Selected store"
        value={params.connectionId}
        onChange={(connectionId) => go({ ...params, connectionId })}
      />
      {pending && (
        <span role="status" className="self-center text-sm text-muted-foreground">
          Updating…
        </span>
      )}
    </FilterBar>
  );
}
