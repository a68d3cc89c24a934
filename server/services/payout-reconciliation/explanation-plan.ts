import { AppError } from "@/server/errors";
import { Prisma } from "@/server/generated/prisma/client";
import { BREAKDOWN_PART_LABEL, BREAKDOWN_PARTS, nonZeroParts, readBreakdown, type BreakdownPart } from "./breakdown";
import { categoryMapSchema } from "./schema";

/**
 * One explanation a matched deposit gets: a part of its payout, in the category mapped for it (null:
 * none is); `netOf` names the parts of the other sign netted into it.
 */
export type PlannedExplanation = { part: BreakdownPart; label: string; grossValue: string; categoryExternalId: string | null; netOf: BreakdownPart[] };

// An accounting system explains a transaction only with values of its own sign, never more than
// is left unexplained (the accounting contract's rule), so a deposit cannot carry a negative fee
// beside a larger sale. The parts of the other sign (refunds, fees, a negative adjustment on a
// deposit) are netted into the largest parts of the deposit's sign, largest first: the deposit is
// still explained to the penny, and the netted parts are named on the lines that absorb them.
function sameSignLines(parts: { part: BreakdownPart; amount: Prisma.Decimal }[]) {
  const total = parts.reduce((sum, p) => sum.plus(p.amount), new Prisma.Decimal(0));
  if (total.isZero()) return [];
  const sign = total.isNegative() ? -1 : 1;
  const opposite = parts.filter((p) => p.amount.isNegative() !== (sign < 0));
  let owed = opposite.reduce((sum, p) => sum.plus(p.amount.abs()), new Prisma.Decimal(0));
  const kept = parts.filter((p) => !opposite.includes(p)).sort((a, b) => b.amount.abs().comparedTo(a.amount.abs()));
  const lines = kept.map(({ part, amount }) => {
    const taken = Prisma.Decimal.min(amount.abs(), owed);
    owed = owed.minus(taken);
    return { part, amount: amount.minus(taken.times(sign)), netOf: taken.isZero() ? [] : opposite.map((p) => p.part) };
  });
  return lines.filter((line) => !line.amount.isZero()).sort((a, b) => BREAKDOWN_PARTS.indexOf(a.part) - BREAKDOWN_PARTS.indexOf(b.part));
}

/** What Meridian posts for a payout: its parts, of the deposit's sign, in their mapped categories. */
export function explanationPlan(breakdown: unknown, categoryMap: unknown): PlannedExplanation[] {
  const parsed = categoryMapSchema.safeParse(categoryMap);
  const map = parsed.success ? parsed.data : {};
  return sameSignLines(nonZeroParts(readBreakdown(breakdown))).map(({ part, amount, netOf }) => ({
    part,
    label: BREAKDOWN_PART_LABEL[part],
    grossValue: amount.toFixed(2),
    categoryExternalId: map[part] ?? null,
    netOf,
  }));
}

/** The plan, refused (422, naming the parts) while a part it posts has no category. */
export function postablePlan(breakdown: unknown, categoryMap: unknown): (PlannedExplanation & { categoryExternalId: string })[] {
  const plan = explanationPlan(breakdown, categoryMap);
  const unmapped = plan.filter((line) => line.categoryExternalId === null).map((line) => `${line.label} (${line.part})`);
  if (unmapped.length > 0) {
    throw new AppError("UNPROCESSABLE", `No category is mapped for ${unmapped.join(", ")}: map it in the payout reconciliation setup before explaining.`);
  }
  return plan as (PlannedExplanation & { categoryExternalId: string })[];
}

/** The description an explanation carries: names the payout and part, so a read-back can recognise it. */
export function explanationDescription(payoutExternalId: string, label: string): string {
  return `Payout ${payoutExternalId}: ${label}`;
}
