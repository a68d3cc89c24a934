import { Prisma } from "@/server/generated/prisma/client";

// A payout's expected accounting: the parts its balance transactions (and the orders they settle)
// split into. Every part is signed as it moves the balance (refunds and fees negative), so the
// parts of a payout add up to its net, and each part is what one bank transaction explanation
// posts.
export const BREAKDOWN_PARTS = ["grossSales", "refunds", "shipping", "taxes", "fees", "adjustments", "reservedFunds", "other"] as const;
export type BreakdownPart = (typeof BREAKDOWN_PARTS)[number];

/** Each part as decimal strings (what PayoutReconciliation.breakdown holds). */
export type Breakdown = Record<BreakdownPart, string>;

export const BREAKDOWN_PART_LABEL: Record<BreakdownPart, string> = {
  grossSales: "Sales",
  refunds: "Refunds",
  shipping: "Shipping",
  taxes: "Taxes",
  fees: "Processing fees",
  adjustments: "Adjustments",
  reservedFunds: "Reserved funds",
  other: "Other",
};

/**
 * A stored breakdown read back; a payout reconciled before a part existed gets "0" for it.
 */
export function readBreakdown(value: unknown): Breakdown {
  const stored = (value && typeof value === "object" ? value : {}) as Record<string, unknown>;
  return Object.fromEntries(BREAKDOWN_PARTS.map((part) => [part, typeof stored[part] === "string" ? stored[part] : "0.00"])) as Breakdown;
}

/** The parts that move money (non-zero), in BREAKDOWN_PARTS order. */
export function nonZeroParts(breakdown: Breakdown): { part: BreakdownPart; amount: Prisma.Decimal }[] {
  return BREAKDOWN_PARTS.map((part) => ({ part, amount: new Prisma.Decimal(breakdown[part]) })).filter(({ amount }) => !amount.isZero());
}
