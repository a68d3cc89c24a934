// Google's documented runReport answers, as the mapper and shape tests read them.

/**
 * The example response of the Data API contract notes (the provider contracts' GA4 section), after
 * Google's reference pages
 * https://developers.google.com/analytics/devguides/reporting/data/v1/rest/v1beta/properties/runReport
 * and https://developers.google.com/analytics/devguides/reporting/data/v1/rest/v1beta/RunReportResponse:
 * a report by date and transaction id with three purchase metrics, values as strings, the
 * property's quota after the request.
 */
export const PURCHASES_BY_TRANSACTION_ANSWER = {
  dimensionHeaders: [{ name: "date" }, { name: "transactionId" }],
  metricHeaders: [
    { name: "purchaseRevenue", type: "TYPE_CURRENCY" },
    { name: "ecommercePurchases", type: "TYPE_INTEGER" },
    { name: "transactions", type: "TYPE_INTEGER" },
  ],
  rows: [{ dimensionValues: [{ value: "20260301" }, { value: "1042" }], metricValues: [{ value: "59" }, { value: "1" }, { value: "1" }] }],
  rowCount: 1843,
  metadata: { currencyCode: "USD", timeZone: "Europe/London" },
  propertyQuota: { tokensPerDay: { consumed: 12, remaining: 199870 }, tokensPerHour: { consumed: 12, remaining: 39958 } },
  kind: "analyticsData#runReport",
};

/**
 * The same answer as the sync's own report would carry it: the source / medium and device
 * dimensions and the tax and shipping metrics added (marked: not Google's example), in an order
 * other than the request's, which the mapper must not depend on.
 */
export const PURCHASE_REPORT_ANSWER = {
  ...PURCHASES_BY_TRANSACTION_ANSWER,
  dimensionHeaders: [{ name: "date" }, { name: "transactionId" }, { name: "deviceCategory" }, { name: "sessionSourceMedium" }],
  metricHeaders: [...PURCHASES_BY_TRANSACTION_ANSWER.metricHeaders, { name: "shippingAmount", type: "TYPE_CURRENCY" }, { name: "taxAmount", type: "TYPE_CURRENCY" }],
  rows: [
    {
      dimensionValues: [{ value: "20260301" }, { value: "1042" }, { value: "mobile" }, { value: "google / cpc" }],
      metricValues: [{ value: "59" }, { value: "1" }, { value: "1" }, { value: "4.95" }, { value: "9.833333" }],
    },
    {
      dimensionValues: [{ value: "20260301" }, { value: "(not set)" }, { value: "desktop" }, { value: "(direct) / (none)" }],
      metricValues: [{ value: "1234567.89" }, { value: "3" }, { value: "0" }, { value: "0" }, { value: "0" }],
    },
  ],
  rowCount: 2,
};
