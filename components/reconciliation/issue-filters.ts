import { urlFilterReader, withoutEmpty, type UrlFilters } from "@/components/ui/url-filters";
import { DEFAULT_ISSUE_KIND, ISSUE_KINDS, type IssueKind } from "@/server/services/reconciliation/schema";

// A pair's issues filters, in the URL as ?kind=&from=&to= (no kind: the misses).
export type IssueFilters = { kind?: IssueKind; from?: string; to?: string };

export const ISSUE_PARAM: Record<keyof IssueFilters, string> = { kind: "kind", from: "from", to: "to" };

export function readIssueFilters(params: Pick<URLSearchParams, "get">): UrlFilters<IssueFilters> {
  const read = urlFilterReader(params);
  return read.result({
    kind: read.oneOf(ISSUE_PARAM.kind, "issue kind", ISSUE_KINDS),
    from: read.day(ISSUE_PARAM.from, "From"),
    to: read.day(ISSUE_PARAM.to, "To"),
  });
}

/** The issues list's query input, which its totals and its export take too. */
export function issueQueryOf(pairId: string, filters: IssueFilters) {
  return withoutEmpty({ pairId, kind: filters.kind ?? DEFAULT_ISSUE_KIND, from: filters.from, to: filters.to });
}
