import type { AnalyticsPurchaseRow } from "../_core/records";
import { PermanentError } from "../_core/errors";
import { PURCHASE_DIMENSIONS, PURCHASE_METRICS, type RunReportResponse } from "./report";

// A purchase report's rows as records: each value found by its header's name (Google orders
// headers as requested, but says only that headers and values match), the date from YYYYMMDD to
// YYYY-MM-DD, money kept as the decimal strings Google sent, counts as integers. A value that is
// not what its metric type promises fails the read with the row that carried it: storing a guess
// would make the reconciliation wrong without a trace.

/** A report row: the property's day it counts on, and the row. */
export type DatedPurchaseRow = { date: string; row: AnalyticsPurchaseRow };

const DECIMAL = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;
const WHOLE = /^\d+$/;
const GA4_DATE = /^(\d{4})(\d{2})(\d{2})$/;

/** Where each named column sits in the rows; the report must have every one of `names`. */
function columns<N extends string>(headers: readonly { name: string }[], names: readonly N[], what: string): Record<N, number> {
  const at = new Map(headers.map((h, i) => [h.name, i]));
  const missing = names.filter((name) => !at.has(name));
  if (missing.length) throw new PermanentError(`GA4 answered the purchase report without the ${what} ${missing.join(", ")}`);
  return Object.fromEntries(names.map((name) => [name, at.get(name)!])) as Record<N, number>;
}

/** The rows of a purchase report page, in the order Google sent them. */
export function purchaseRows(report: RunReportResponse): DatedPurchaseRow[] {
  const dimension = columns(report.dimensionHeaders, PURCHASE_DIMENSIONS, "dimensions");
  const metric = columns(report.metricHeaders, PURCHASE_METRICS, "metrics");
  return report.rows.map(({ dimensionValues, metricValues }, index) => {
    const text = (list: typeof dimensionValues, at: number) => list[at]?.value ?? "";
    const fail = (what: string, value: string) => new PermanentError(`GA4 answered row ${index} of the purchase report with ${what} ${JSON.stringify(value)}`);
    const decimal = (name: (typeof PURCHASE_METRICS)[number]) => {
      const value = text(metricValues, metric[name]);
      if (!DECIMAL.test(value)) throw fail(name, value);
      return value;
    };
    const whole = (name: (typeof PURCHASE_METRICS)[number]) => {
      const value = text(metricValues, metric[name]);
      if (!WHOLE.test(value) || !Number.isSafeInteger(Number(value))) throw fail(name, value);
      return Number(value);
    };
    const day = GA4_DATE.exec(text(dimensionValues, dimension.date));
    if (!day) throw fail("date", text(dimensionValues, dimension.date));
    return {
      date: `${day[1]}-${day[2]}-${day[3]}`,
      row: {
        transactionId: text(dimensionValues, dimension.transactionId),
        sourceMedium: text(dimensionValues, dimension.sessionSourceMedium),
        deviceCategory: text(dimensionValues, dimension.deviceCategory),
        revenue: decimal("purchaseRevenue"),
        tax: decimal("taxAmount"),
        shipping: decimal("shippingAmount"),
        purchases: whole("ecommercePurchases"),
        transactions: whole("transactions"),
      },
    };
  });
}
