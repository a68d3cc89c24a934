import { AppError } from "@/server/errors";
import { Prisma } from "@/server/generated/prisma/client";
import { BREAKDOWN_PART_LABEL, BREAKDOWN_PARTS, nonZeroParts, readBreakdown, type BreakdownPart } from "./breakdown";
import { categoryMapSchema } from "./schema";

/** One explanation a matched deposit gets: a part of its payout, with its own sign, in the category mapped for it (null: none is). */
export type PlannedExplanation = { part: BreakdownPart; label: string; grossValue: string; categoryExternalId: string | null };

/**
 * What Meridian posts for a payout: one explanation per non-zero part, each with its own sign (sales
 * in, fees and refunds out), in its mapped category. The parts add up to the payout's net, which is
 * the deposit's amount, so the transaction ends explained to the penny.
 */
export function explanationPlan(breakdown: unknown, categoryMap: unknown): PlannedExplanation[] {
  const parsed = categoryMapSchema.safeParse(categoryMap);
  const map = parsed.success ? parsed.data : {};
  return nonZeroParts(readBreakdown(breakdown)).map(({ part, amount }) => ({
    part,
    label: BREAKDOWN_PART_LABEL[part],
    grossValue: amount.toFixed(2),
    categoryExternalId: map[part] ?? null,
  }));
}

/**
 * These posts in the order to post them on a transaction of this amount: the parts of the other
 * sign first (fees and refunds on a deposit), then those of its own sign, each group in breakdown
 * order. The accounting system takes one explanation per request, so a crash can stop a split
 * part-way; in this order what is left unexplained keeps the transaction's own sign at every step
 * and reaches zero only with the last post, so a transaction cut short is partly explained, never
 * over-explained (posting the sales first would explain more than the deposit until the fees
 * follow). It is also the one order that still works should the provider refuse to over-explain a
 * transaction, which is unconfirmed.
 */
export function inPostingOrder<T extends { part: string; grossValue: Prisma.Decimal }>(posts: T[], transactionAmount: Prisma.Decimal): T[] {
  const moneyOut = transactionAmount.isNegative();
  const rank = (post: T) => (post.grossValue.isNegative() === moneyOut ? BREAKDOWN_PARTS.length : 0) + BREAKDOWN_PARTS.indexOf(post.part as BreakdownPart);
  return [...posts].sort((a, b) => rank(a) - rank(b));
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
