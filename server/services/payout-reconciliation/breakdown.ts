import { Prisma } from "@/server/generated/prisma/client";
import { BREAKDOWN_PARTS, type Breakdown, type BreakdownPart } from "./schema";

export { BREAKDOWN_PART_LABEL, BREAKDOWN_PARTS, type Breakdown, type BreakdownPart } from "./schema";

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
