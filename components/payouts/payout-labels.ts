import type { BadgeVariant } from "@/components/ui/badge";
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";
import type { PayoutMatchState } from "@/server/services/payout-reconciliation/schema";

export type Breakdown = NonNullable<inferRouterOutputs<AppRouter>["payouts"]["get"]["reconciliation"]>["breakdown"];
export type BreakdownPart = keyof Breakdown;

// How the payout pages name reconciliation states and breakdown parts. The state's words say what
// it means and what to do, for people who do not know how matching works.
export const MATCH_STATE: Record<PayoutMatchState, { label: string; variant: BadgeVariant; meaning: string }> = {
  MATCHED: {
    label: "Matched",
    variant: "success",
    meaning: "Its deposit is in the bank account: the same amount to the penny, dated within the window after the payout.",
  },
  AMBIGUOUS: {
    label: "Ambiguous",
    variant: "warning",
    meaning: "More than one deposit could be this payout. Meridian lists them all and picks none; explain the right one in your accounting system.",
  },
  AMOUNT_DIFFERS: {
    label: "Amount differs",
    variant: "warning",
    meaning: "A deposit within the window looks like this payout, but its amount is not the payout's: check for a fee or an adjustment the bank made.",
  },
  UNMATCHED_PAYOUT: {
    label: "No deposit",
    variant: "destructive",
    meaning: "No deposit in the bank account matches this payout yet: it may not have landed, or the bank feed has not synced it.",
  },
};

export const NOT_RECONCILED = {
  label: "Not reconciled",
  variant: "outline" as BadgeVariant,
  meaning: "This payout has not been reconciled: its store has no payout reconciliation setup yet, or it has not run since the payout arrived.",
};

// The order the parts are listed in, and their names. Keep in step with the breakdown's parts (the
// type makes a missing one a compile error).
export const BREAKDOWN_LABEL: Record<BreakdownPart, string> = {
  grossSales: "Gross sales",
  refunds: "Refunds",
  shipping: "Shipping",
  taxes: "Taxes",
  fees: "Fees",
  adjustments: "Adjustments",
  reservedFunds: "Reserved funds",
  other: "Other",
};
export const BREAKDOWN_ORDER = Object.keys(BREAKDOWN_LABEL) as BreakdownPart[];

/** A decimal string that is not zero ("0.00", "-0", "0" are zero). */
export function isNonZero(amount: string): boolean {
  return /[1-9]/.test(amount);
}
