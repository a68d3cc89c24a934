import { z } from "zod";

// The purchase report the sync reads from the Data API's runReport
// (https://developers.google.com/analytics/devguides/reporting/data/v1/rest/v1beta/properties/runReport):
// one row per day, transaction id, session source / medium and device, with the purchase metrics
// (names from Google's API schema page, https://developers.google.com/analytics/devguides/reporting/data/v1/api-schema).
// Rows are ordered by every dimension, date first: offset paging over a stable order neither repeats
// nor skips a row, and a day's rows arrive together, so the sync knows when a day is complete.

/** Google's largest page (RunReportRequest.limit's proto comment). */
export const MAX_ROWS_PER_REQUEST = 250_000;

export const PURCHASE_DIMENSIONS = ["date", "transactionId", "sessionSourceMedium", "deviceCategory"] as const;
export const PURCHASE_METRICS = ["purchaseRevenue", "taxAmount", "shippingAmount", "ecommercePurchases", "transactions"] as const;

export type PurchaseReportPage = { startDate: string; endDate: string; offset: number; limit: number };

/** The RunReportRequest (proto3 JSON) of one page of the purchase report over `startDate`..`endDate` (YYYY-MM-DD, the property's days). */
export function purchaseReportRequest({ startDate, endDate, offset, limit }: PurchaseReportPage) {
  return {
    dateRanges: [{ startDate, endDate }],
    dimensions: PURCHASE_DIMENSIONS.map((name) => ({ name })),
    metrics: PURCHASE_METRICS.map((name) => ({ name })),
    orderBys: PURCHASE_DIMENSIONS.map((dimensionName) => ({ dimension: { dimensionName, orderType: "ALPHANUMERIC" }, desc: false })),
    // int64 fields travel as strings in proto3 JSON.
    offset: String(offset),
    limit: String(limit),
    keepEmptyRows: false,
    returnPropertyQuota: true,
  };
}

const quotaStatus = z.looseObject({ consumed: z.number().int().optional(), remaining: z.number().int().optional() });

/** PropertyQuota: the property's budgets after this request (only the ones the sync paces on are read). */
export const propertyQuota = z.looseObject({
  tokensPerDay: quotaStatus.optional(),
  tokensPerHour: quotaStatus.optional(),
  concurrentRequests: quotaStatus.optional(),
});
export type PropertyQuota = z.output<typeof propertyQuota>;

const values = z.array(z.looseObject({ value: z.string().optional() })).default([]);
/** int32 in the proto: a number, which proto3 JSON parsers also accept as a string. */
const int32 = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/).transform(Number)]);

/**
 * RunReportResponse as the sync reads it. proto3 JSON leaves out empty and default fields: no
 * `rows` for an empty report, no `rowCount` for zero.
 */
export const runReportResponse = z.looseObject({
  dimensionHeaders: z.array(z.looseObject({ name: z.string() })).default([]),
  metricHeaders: z.array(z.looseObject({ name: z.string(), type: z.string().optional() })).default([]),
  rows: z.array(z.looseObject({ dimensionValues: values, metricValues: values })).default([]),
  rowCount: int32.default(0),
  metadata: z
    .looseObject({
      currencyCode: z.string().optional(),
      timeZone: z.string().optional(),
      /** Rows bucketed into "(other)" (a high-cardinality report over the property's limits). */
      dataLossFromOtherRow: z.boolean().optional(),
    })
    .default({}),
  propertyQuota: propertyQuota.optional(),
});
export type RunReportResponse = z.output<typeof runReportResponse>;
