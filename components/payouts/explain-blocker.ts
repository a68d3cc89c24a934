import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";
import { isNonZero } from "./payout-labels";

type PayoutDetail = inferRouterOutputs<AppRouter>["payouts"]["get"];

// Why "Explain" cannot be pressed now, in words; null when it can.
export function explainBlocker(payout: PayoutDetail, canExplain: boolean): string | null {
  const r = payout.reconciliation;
  if (!canExplain) return "Only an admin of this workspace can explain payouts.";
  if (!r || r.state !== "MATCHED" || !r.deposit) return "Only a payout matched to one deposit can be explained.";
  if (isNonZero(r.breakdownDifference)) return "The payout's parts do not add up to its amount, so there is no split to post.";
  if (r.deposit.unexplainedAmount !== r.deposit.amount) return "Someone has already explained this deposit, in part or in full, in the accounting system: Meridian leaves it as it is.";
  const unmapped = (payout.explanation.proposed ?? []).filter((line) => line.categoryExternalId === null).map((line) => line.label);
  if (unmapped.length > 0) return `No category is mapped for ${unmapped.join(", ")}: map one in Payout reconciliation settings.`;
  return null;
}
