import { z } from "zod";
import { recordId } from "@/server/services/orders/schema";
import { RANGE_IN_ORDER_ISSUE, rangeInOrder } from "@/server/services/date-range";
import { pageInput } from "@/server/services/pagination";
import { day } from "@/server/services/payout-reconciliation/schema";

// Inputs of the reconciliation pages and settings (the read side and the alerts; the engine's
// computation has its own modules). Shared with the forms, which show the same bounds and messages.

export const RECONCILIATION_DAYS_PAGE_SIZE = 31;
export const RECONCILIATION_ISSUES_PAGE_SIZE = 50;

export const ISSUE_KINDS = ["MISSING_IN_ANALYTICS", "EXTRA_IN_ANALYTICS", "VALUE_MISMATCH", "DUPLICATE"] as const;
export type IssueKind = (typeof ISSUE_KINDS)[number];
/** What a pair's issues list, totals and export show unless asked for another kind: GA4's misses. */
export const DEFAULT_ISSUE_KIND: IssueKind = "MISSING_IN_ANALYTICS";

/** Why a value differs, as the engine writes ReconciliationIssue.explanation. */
export const MISMATCH_EXPLANATIONS = ["TAX", "SHIPPING", "TAX_AND_SHIPPING", "DISCOUNTS", "CURRENCY"] as const;
export type MismatchExplanation = (typeof MISMATCH_EXPLANATIONS)[number];

/** A day's match rate (0–1 as a decimal string; null without orders), as the charts show it. */
export type MatchRatePoint = { date: string; matchRate: string | null; final: boolean; belowThreshold: boolean };

/** What a day's misses are broken down by (ReconciliationDay.breakdown). */
export const BREAKDOWN_DIMENSIONS = ["channel", "source", "device"] as const;
export type BreakdownDimension = (typeof BREAKDOWN_DIMENSIONS)[number];
export type BreakdownEntry = { name: string; count: number; value: string };
/** A day's misses by each dimension, most missed first. */
export type MissBreakdown = Record<BreakdownDimension, BreakdownEntry[]>;

export const pairIdInput = z.object({ pairId: recordId });

export const findReconciliationDaysInput = z
  .object({
    ...pageInput,
    limit: z.number().int().min(1).max(100).default(RECONCILIATION_DAYS_PAGE_SIZE),
    pairId: recordId,
    /** Days (in the property's time zone) on or after / on or before. */
    from: day.optional(),
    to: day.optional(),
    /** Only days whose match rate is below the workspace's threshold. */
    belowThreshold: z.boolean().optional(),
  })
  .refine(rangeInOrder, RANGE_IN_ORDER_ISSUE);
export type FindReconciliationDaysInput = z.infer<typeof findReconciliationDaysInput>;

/** The match-rate chart: the days of a range, or the latest ones without one. */
export const MAX_TREND_DAYS = 366;
export const matchRateTrendInput = z.object({ pairId: recordId, from: day.optional(), to: day.optional() }).refine(rangeInOrder, RANGE_IN_ORDER_ISSUE);
export type MatchRateTrendInput = z.infer<typeof matchRateTrendInput>;

export const reconciliationDayInput = z.object({ pairId: recordId, date: day });
export type ReconciliationDayInput = z.infer<typeof reconciliationDayInput>;

// Which of a pair's issues a list, its totals and its export take: one kind (the misses unless
// said otherwise) on one day or across a range. The export source parses the same filters.
const issueFilterFields = {
  pairId: recordId,
  kind: z.enum(ISSUE_KINDS).default(DEFAULT_ISSUE_KIND),
  /** One day, or a range of days. */
  date: day.optional(),
  from: day.optional(),
  to: day.optional(),
};
const oneDayOrRange = <T extends { date?: string; from?: string; to?: string }>(input: T) => !input.date || (!input.from && !input.to);
const oneDayOrRangeMessage = { message: "Give either a date or a range, not both", path: ["date"] };

export const findReconciliationIssuesInput = z
  .object({
    ...pageInput,
    limit: z.number().int().min(1).max(100).default(RECONCILIATION_ISSUES_PAGE_SIZE),
    ...issueFilterFields,
  })
  .refine(rangeInOrder, RANGE_IN_ORDER_ISSUE)
  .refine(oneDayOrRange, oneDayOrRangeMessage);
export type FindReconciliationIssuesInput = z.infer<typeof findReconciliationIssuesInput>;

export const reconciliationIssueTotalsInput = z.object(issueFilterFields).refine(rangeInOrder, RANGE_IN_ORDER_ISSUE).refine(oneDayOrRange, oneDayOrRangeMessage);
export type ReconciliationIssueTotalsInput = z.infer<typeof reconciliationIssueTotalsInput>;

export const MAX_TOLERANCE_MINOR_UNITS = 100_000;

/** The workspace's match-rate threshold, in percent (stored as a 0–1 fraction). */
export const reconciliationSettingsFields = z.object({
  matchRateThresholdPercent: z
    .number({ error: "Enter a percentage." })
    .min(0, { error: "At least 0 %." })
    .max(100, { error: "At most 100 %." })
    .multipleOf(0.01, { error: "At most two decimals." }),
});
export const updateReconciliationSettingsInput = reconciliationSettingsFields;
export type UpdateReconciliationSettingsInput = z.infer<typeof updateReconciliationSettingsInput>;

/** A pair's tolerance: a value difference up to this many minor units is not a mismatch. */
export const pairToleranceFields = z.object({
  toleranceMinorUnits: z
    .number({ error: "Enter a number of minor units." })
    .int({ error: "Enter a whole number of minor units (cents, pence)." })
    .min(0, { error: "At least 0." })
    .max(MAX_TOLERANCE_MINOR_UNITS, { error: `At most ${MAX_TOLERANCE_MINOR_UNITS.toLocaleString("en-GB")}.` }),
});
export const updatePairToleranceInput = pairToleranceFields.extend({ pairId: recordId });
export type UpdatePairToleranceInput = z.infer<typeof updatePairToleranceInput>;

/** ReconciliationSettings.matchRateThreshold's column default, while a workspace has saved none. */
export const DEFAULT_MATCH_RATE_THRESHOLD = "0.9";
