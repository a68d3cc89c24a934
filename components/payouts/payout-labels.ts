import type { BadgeVariant } from "@/components/ui/badge";
import type { PayoutMatchState } from "@/server/services/payout-reconciliation/schema";

// How the payout pages name reconciliation states (breakdown parts: BREAKDOWN_PART_LABEL in the service's schema.ts). The state's words say what
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

/** A decimal string that is not zero ("0.00", "-0", "0" are zero). */
export function isNonZero(amount: string): boolean {
  return /[1-9]/.test(amount);
}
