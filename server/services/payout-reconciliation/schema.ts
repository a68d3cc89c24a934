import { z } from "zod";
import { recordId } from "@/server/services/orders/schema";
import { RANGE_IN_ORDER_ISSUE, rangeInOrder } from "@/server/services/date-range";
import { pageInput } from "@/server/services/pagination";

export const PAYOUT_PAGE_SIZE = 25;

// A payout's expected accounting: the parts its balance transactions (and the orders they settle)
// split into. Every part is signed as it moves the balance (refunds and fees negative), so the
// parts of a payout add up to its net, and each part is what one bank transaction explanation
// posts. Here rather than in breakdown.ts (which computes with Prisma) so the pages can share them.
export const BREAKDOWN_PARTS = ["grossSales", "refunds", "shipping", "taxes", "fees", "adjustments", "reservedFunds", "other"] as const;
export type BreakdownPart = (typeof BREAKDOWN_PARTS)[number];

/** Each part as decimal strings (what PayoutReconciliation.breakdown holds). */
export type Breakdown = Record<BreakdownPart, string>;

/** What the pages and the posted explanations' descriptions call each part. */
export const BREAKDOWN_PART_LABEL: Record<BreakdownPart, string> = {
  grossSales: "Gross sales",
  refunds: "Refunds",
  shipping: "Shipping",
  taxes: "Taxes",
  fees: "Fees",
  adjustments: "Adjustments",
  reservedFunds: "Reserved funds",
  other: "Other",
};

export const PAYOUT_MATCH_STATES = ["MATCHED", "UNMATCHED_PAYOUT", "AMBIGUOUS", "AMOUNT_DIFFERS"] as const;
export type PayoutMatchState = (typeof PAYOUT_MATCH_STATES)[number];

// Round-tripped: Date.parse takes 2026-02-30 as 2 March.
export const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "A date as YYYY-MM-DD")
  .refine((value) => {
    const at = Date.parse(`${value}T00:00:00Z`);
    return !Number.isNaN(at) && new Date(at).toISOString().startsWith(value);
  }, "Not a calendar date");

export const findPayoutsInput = z
  .object({
    ...pageInput,
    limit: z.number().int().min(1).max(100).default(PAYOUT_PAGE_SIZE),
    state: z.enum(PAYOUT_MATCH_STATES).optional(),
    /** Parts that do not add up to the payout's net. */
    flagged: z.boolean().optional(),
    /** Issued on or after / on or before these days (UTC). */
    from: day.optional(),
    to: day.optional(),
    storeConnectionId: recordId.optional(),
  })
  .refine(rangeInOrder, RANGE_IN_ORDER_ISSUE);
export type FindPayoutsInput = z.infer<typeof findPayoutsInput>;

export const payoutIdInput = z.object({ payoutId: recordId });

export const setupIdInput = z.object({ setupId: recordId });

export const findUnmatchedDepositsInput = z.object({ ...pageInput, limit: z.number().int().min(1).max(100).default(PAYOUT_PAGE_SIZE) });
export type FindUnmatchedDepositsInput = z.infer<typeof findUnmatchedDepositsInput>;

/** The category (its provider identity) each part is explained with; a part left out is not mapped. */
export const categoryMapSchema = z.partialRecord(z.enum(BREAKDOWN_PARTS), z.string().trim().min(1).max(500));
export type CategoryMap = z.infer<typeof categoryMapSchema>;

export const updatePayoutSetupInput = z.object({
  storeConnectionId: recordId,
  accountingConnectionId: recordId,
  bankAccountExternalId: z.string().trim().min(1).max(500),
  dateWindowDays: z.number().int().min(0, "At least 0 days").max(31, "At most 31 days"),
  depositDescription: z.string().trim().min(1, "Enter the text the bank puts on a payout's deposit").max(100),
  categoryMap: categoryMapSchema,
  autoExplain: z.boolean(),
});
export type UpdatePayoutSetupInput = z.infer<typeof updatePayoutSetupInput>;
