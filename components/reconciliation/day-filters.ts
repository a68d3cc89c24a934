import { dayParam, enumParam, withoutEmpty } from "@/components/ui/url-filters";

// A pair's days filters, in the URL as ?from=&to=&rate=below.
export type DayFilters = { from?: string; to?: string; rate?: "below" };

export const DAY_PARAM: Record<keyof DayFilters, string> = { from: "from", to: "to", rate: "rate" };

export const RATE_OPTIONS = [{ value: "below", label: "Below threshold" }] as const;

export function parseDayFilters(params: Pick<URLSearchParams, "get">): DayFilters {
  return withoutEmpty({
    from: dayParam(params, DAY_PARAM.from),
    to: dayParam(params, DAY_PARAM.to),
    rate: enumParam(params, DAY_PARAM.rate, ["below"] as const),
  });
}

/** The days list's query input (and its export's filters) for the filters. */
export function dayQueryOf(pairId: string, filters: DayFilters) {
  return withoutEmpty({ pairId, from: filters.from, to: filters.to, belowThreshold: filters.rate === "below" ? true : undefined });
}
