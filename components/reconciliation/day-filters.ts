import { urlFilterReader, withoutEmpty, type UrlFilters } from "@/components/ui/url-filters";

// A pair's days filters, in the URL as ?from=&to=&rate=below.
export type DayFilters = { from?: string; to?: string; rate?: "below" };

export const DAY_PARAM: Record<keyof DayFilters, string> = { from: "from", to: "to", rate: "rate" };

export const RATE_OPTIONS = [{ value: "below", label: "Below threshold" }] as const;

export function readDayFilters(params: Pick<URLSearchParams, "get">): UrlFilters<DayFilters> {
  const read = urlFilterReader(params);
  return read.result({
    from: read.day(DAY_PARAM.from, "From"),
    to: read.day(DAY_PARAM.to, "To"),
    rate: read.oneOf(DAY_PARAM.rate, "match rate filter", ["below"] as const),
  });
}

/** The days list's query input (and its export's filters) for the filters. */
export function dayQueryOf(pairId: string, filters: DayFilters) {
  return withoutEmpty({ pairId, from: filters.from, to: filters.to, belowThreshold: filters.rate === "below" ? true : undefined });
}
