import { urlFilterReader, type UrlFilters } from "@/components/ui/url-filters";
import type { PayoutMatchState } from "@/server/services/payout-reconciliation/schema";
import { MATCH_STATE } from "./payout-labels";

// The Payouts filters, in the URL as ?state=&breakdown=&from=&to=.
export type PayoutFilters = { state?: PayoutMatchState; breakdown?: BreakdownFilter; from?: string; to?: string };
export type BreakdownFilter = "flagged" | "adds_up";

export const PAYOUT_PARAM: Record<keyof PayoutFilters, string> = { state: "state", breakdown: "breakdown", from: "from", to: "to" };

const STATES = Object.keys(MATCH_STATE) as PayoutMatchState[];
export const STATE_OPTIONS = STATES.map((state) => ({ value: state, label: MATCH_STATE[state].label }));
export const BREAKDOWN_OPTIONS: { value: BreakdownFilter; label: string }[] = [
  { value: "flagged", label: "Parts do not add up" },
  { value: "adds_up", label: "Parts add up" },
];

export function readPayoutFilters(params: Pick<URLSearchParams, "get">): UrlFilters<PayoutFilters> {
  const read = urlFilterReader(params);
  return read.result({
    state: read.oneOf(PAYOUT_PARAM.state, "match state", STATES),
    breakdown: read.oneOf(PAYOUT_PARAM.breakdown, "breakdown", ["flagged", "adds_up"] as const),
    from: read.day(PAYOUT_PARAM.from, "From"),
    to: read.day(PAYOUT_PARAM.to, "To"),
  });
}

/** The list's query input for the filters. */
export function payoutQueryOf(filters: PayoutFilters) {
  const { breakdown, ...rest } = filters;
  return { ...rest, flagged: breakdown === undefined ? undefined : breakdown === "flagged" };
}
