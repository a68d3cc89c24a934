import { dayParam, enumParam, withoutEmpty } from "@/components/ui/url-filters";
import { DEFAULT_ISSUE_KIND, ISSUE_KINDS, type IssueKind } from "@/server/services/reconciliation/schema";

// A pair's issues filters, in the URL as ?kind=&from=&to= (no kind: the misses).
export type IssueFilters = { kind?: IssueKind; from?: string; to?: string };

export const ISSUE_PARAM: Record<keyof IssueFilters, string> = { kind: "kind", from: "from", to: "to" };

export function parseIssueFilters(params: Pick<URLSearchParams, "get">): IssueFilters {
  return withoutEmpty({
    kind: enumParam(params, ISSUE_PARAM.kind, ISSUE_KINDS),
    from: dayParam(params, ISSUE_PARAM.from),
    to: dayParam(params, ISSUE_PARAM.to),
  });
}

/** The issues list's query input, which its totals and its export take too. */
export function issueQueryOf(pairId: string, filters: IssueFilters) {
  return withoutEmpty({ pairId, kind: filters.kind ?? DEFAULT_ISSUE_KIND, from: filters.from, to: filters.to });
}
