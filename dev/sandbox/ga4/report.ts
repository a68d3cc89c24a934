// runReport over the property's purchase events: the dimensions and metrics a reconciliation
// reads, aggregated per row, in GA4's REST form (every value a string, money as exact decimals).
import { centsToAmount } from "../_kit/money";
import type { PurchaseEvent } from "./generate";

const DAY = 86_400_000;

interface Described {
  uiName: string;
  description: string;
  category: string;
}

// uiName, description and category as Google's "API Dimensions & Metrics" page words them [U].
const DIMENSIONS: Record<string, Described & { value: (e: PurchaseEvent, day: (ms: number) => string) => string }> = {
  date: { uiName: "Date", description: "The date of the event, formatted as YYYYMMDD.", category: "Time", value: (e, day) => day(e.at).replace(/-/g, "") },
  transactionId: { uiName: "Transaction ID", description: "The ID of the ecommerce transaction.", category: "Ecommerce", value: (e) => e.transactionId },
  sessionSourceMedium: { uiName: "Session source / medium", description: "The combined values of the dimensions sessionSource and sessionMedium.", category: "Traffic Source", value: (e) => e.sessionSourceMedium },
  deviceCategory: { uiName: "Device category", description: "The type of device: Desktop, Tablet, or Mobile.", category: "Platform / Device", value: (e) => e.deviceCategory },
};

type Sums = { purchases: number; withId: number; revenue: number; tax: number; shipping: number };
const METRICS: Record<string, Described & { type: "TYPE_INTEGER" | "TYPE_CURRENCY"; value: (s: Sums) => string }> = {
  purchaseRevenue: { uiName: "Purchase revenue", description: "The sum of revenue from purchases minus refunded transaction revenue made in your app or site.", category: "Ecommerce", type: "TYPE_CURRENCY", value: (s) => centsToAmount(s.revenue) },
  ecommercePurchases: { uiName: "Ecommerce purchases", description: "The number of times users completed a purchase.", category: "Ecommerce", type: "TYPE_INTEGER", value: (s) => String(s.purchases) },
  // Transactions count events carrying a transaction id [U: GA4's definition is "purchase events with a transaction id"].
  transactions: { uiName: "Transactions", description: "The count of transaction events with purchase revenue.", category: "Ecommerce", type: "TYPE_INTEGER", value: (s) => String(s.withId) },
  taxAmount: { uiName: "Tax amount", description: "Sum of all transaction-related taxes.", category: "Ecommerce", type: "TYPE_CURRENCY", value: (s) => centsToAmount(s.tax) },
  shippingAmount: { uiName: "Shipping amount", description: "Shipping amount associated with a transaction.", category: "Ecommerce", type: "TYPE_CURRENCY", value: (s) => centsToAmount(s.shipping) },
};

/** The Metadata message (GetMetadata): the dimensions and metrics this property reports. */
export function reportMetadata(name: string) {
  const described = ([apiName, { uiName, description, category }]: [string, Described]) => ({ apiName, uiName, description, category });
  return {
    name,
    dimensions: Object.entries(DIMENSIONS).map(described),
    metrics: Object.entries(METRICS).map((entry) => ({ ...described(entry), type: entry[1].type })),
  };
}

/** A request the report cannot answer: the field and why, for Google's 400. */
export class ReportArgumentError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** YYYY-MM-DD of an instant in a time zone. */
export function dayIn(timeZone: string): (ms: number) => string {
  const format = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
  return (ms) => format.format(ms);
}

/** A date range bound: `YYYY-MM-DD`, `NdaysAgo`, `yesterday` or `today`, in the property's zone. */
function resolveDate(value: unknown, field: string, today: string): string {
  if (typeof value !== "string" || value === "") throw new ReportArgumentError(field, `${field} is required.`);
  if (/^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`))) return value;
  const ago = value === "today" ? 0 : value === "yesterday" ? 1 : /^(\d+)daysAgo$/.exec(value) ? Number(/^(\d+)/.exec(value)![1]) : undefined;
  if (ago === undefined) throw new ReportArgumentError(field, `Invalid date '${value}' in ${field}. Use YYYY-MM-DD, NdaysAgo, yesterday, or today.`);
  return new Date(Date.parse(`${today}T00:00:00Z`) - ago * DAY).toISOString().slice(0, 10);
}

const names = (list: unknown, field: string): string[] => (Array.isArray(list) ? list : []).map((item, i) => {
  const name = (item as { name?: unknown }).name;
  if (typeof name !== "string" || !name) throw new ReportArgumentError(`${field}[${i}].name`, `${field}[${i}].name is required.`);
  return name;
});

export interface ReportInput {
  message: Record<string, unknown>;
  events: readonly PurchaseEvent[];
  now: number;
  timeZone: string;
  currencyCode: string;
  maxLimit: number;
  defaultLimit: number;
}

/** The RunReportResponse (without `propertyQuota`) for a validated request message. */
export function runReport({ message, events, now, timeZone, currencyCode, maxLimit, defaultLimit }: ReportInput) {
  const dimensions = names(message.dimensions, "dimensions");
  const metrics = names(message.metrics, "metrics");
  dimensions.forEach((name, i) => {
    if (!(name in DIMENSIONS)) throw new ReportArgumentError(`dimensions[${i}].name`, `Field ${name} is not a valid dimension. For a list of valid dimensions and metrics, see https://developers.google.com/analytics/devguides/reporting/data/v1/api-schema`);
  });
  metrics.forEach((name, i) => {
    if (!(name in METRICS)) throw new ReportArgumentError(`metrics[${i}].name`, `Field ${name} is not a valid metric. For a list of valid dimensions and metrics, see https://developers.google.com/analytics/devguides/reporting/data/v1/api-schema`);
  });
  if (!metrics.length) throw new ReportArgumentError("metrics", "At least one metric is required.");
  const day = dayIn(timeZone);
  const today = day(now);
  const ranges = (Array.isArray(message.dateRanges) ? message.dateRanges : []) as Record<string, unknown>[];
  if (!ranges.length) throw new ReportArgumentError("dateRanges", "dateRanges is required.");
  const bounds = ranges.map((range, i) => {
    const start = resolveDate(range.startDate, `dateRanges[${i}].startDate`, today);
    const end = resolveDate(range.endDate, `dateRanges[${i}].endDate`, today);
    if (start > end) throw new ReportArgumentError(`dateRanges[${i}]`, `Invalid date range: startDate ${start} is after endDate ${end}.`);
    return [start, end] as const;
  });
  const offset = Number(message.offset ?? 0);
  const limit = message.limit === undefined ? defaultLimit : Number(message.limit);
  if (offset < 0) throw new ReportArgumentError("offset", "offset must be non-negative.");
  if (limit < 0) throw new ReportArgumentError("limit", "limit must be positive.");

  const rows = new Map<string, { values: string[]; sums: Sums }>();
  for (const event of events) {
    if (event.availableAt > now) continue;
    const date = day(event.at);
    if (!bounds.some(([start, end]) => date >= start && date <= end)) continue;
    const values = dimensions.map((d) => DIMENSIONS[d]!.value(event, day));
    const key = JSON.stringify(values);
    let row = rows.get(key);
    if (!row) rows.set(key, (row = { values, sums: { purchases: 0, withId: 0, revenue: 0, tax: 0, shipping: 0 } }));
    row.sums.purchases++;
    if (event.transactionId !== "(not set)") row.sums.withId++;
    row.sums.revenue += event.revenueCents;
    row.sums.tax += event.taxCents;
    row.sums.shipping += event.shippingCents;
  }
  // A stable order, so offset paging neither repeats nor skips a row [U: GA4's default order is unspecified].
  const ordered = [...rows].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
  const page = ordered.slice(offset, offset + Math.min(limit || defaultLimit, maxLimit));
  return {
    dimensionHeaders: dimensions.map((name) => ({ name })),
    metricHeaders: metrics.map((name) => ({ name, type: METRICS[name]!.type })),
    rows: page.map((row) => ({ dimensionValues: row.values.map((value) => ({ value })), metricValues: metrics.map((m) => ({ value: METRICS[m]!.value(row.sums) })) })),
    rowCount: ordered.length,
    metadata: { currencyCode, timeZone },
    kind: "analyticsData#runReport",
  };
}
