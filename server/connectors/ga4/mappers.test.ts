import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadProtoRoot, protoJsonIssues } from "@/dev/sandbox/_kit/proto-json";
import { PermanentError } from "../_core/errors";
import { PURCHASE_REPORT_ANSWER, PURCHASES_BY_TRANSACTION_ANSWER } from "./doc-examples";
import { purchaseRows } from "./mappers";
import { purchaseReportRequest, runReportResponse } from "./report";

// Google's documented runReport answer (doc-examples.ts) through the response shape and the
// mapper: values by their header's name, money exactly as the strings Google sent, "(not set)"
// kept; a report lacking a column the sync asked for, or carrying a value its type does not
// allow, fails naming it. The request the sync sends and the documented answers are checked
// against the Data API's protos (the sandbox's copy).

const protos = loadProtoRoot(join(import.meta.dirname, "../../../dev/sandbox/ga4/spec/protos.json"));
const message = (name: string) => protos.lookupType(`google.analytics.data.v1beta.${name}`);

describe("GA4 purchase report", () => {
  it("asks for a report RunReportRequest allows, and reads answers RunReportResponse describes", () => {
    const request = purchaseReportRequest({ startDate: "2025-09-15", endDate: "2026-10-15", offset: 250_000, limit: 250_000 });
    expect(protoJsonIssues(message("RunReportRequest"), request)).toEqual([]);
    expect(request).toMatchObject({ offset: "250000", limit: "250000", returnPropertyQuota: true });
    expect(protoJsonIssues(message("RunReportResponse"), PURCHASES_BY_TRANSACTION_ANSWER)).toEqual([]);
    expect(protoJsonIssues(message("RunReportResponse"), PURCHASE_REPORT_ANSWER)).toEqual([]);
    // proto3 JSON leaves out an empty report's rows and its zero rowCount.
    expect(runReportResponse.parse({ metadata: { currencyCode: "USD", timeZone: "UTC" }, kind: "analyticsData#runReport" })).toMatchObject({ rows: [], rowCount: 0 });
  });

  it("maps each row by its headers' names, money as the exact strings Google sent, (not set) kept", () => {
    const report = runReportResponse.parse(PURCHASE_REPORT_ANSWER);
    expect(report.propertyQuota?.tokensPerHour).toEqual({ consumed: 12, remaining: 39958 });
    expect(purchaseRows(report)).toEqual([
      { date: "2026-03-01", row: { transactionId: "1042", sourceMedium: "google / cpc", deviceCategory: "mobile", revenue: "59", tax: "9.833333", shipping: "4.95", purchases: 1, transactions: 1 } },
      { date: "2026-03-01", row: { transactionId: "(not set)", sourceMedium: "(direct) / (none)", deviceCategory: "desktop", revenue: "1234567.89", tax: "0", shipping: "0", purchases: 3, transactions: 0 } },
    ]);
  });

  it("refuses Google's example by date and transaction id alone, naming the columns the purchase report needs", () => {
    expect(() => purchaseRows(runReportResponse.parse(PURCHASES_BY_TRANSACTION_ANSWER))).toThrow(
      new PermanentError("GA4 answered the purchase report without the dimensions sessionSourceMedium, deviceCategory"),
    );
  });

  it("fails on a value its metric type does not allow, naming the row and the metric", () => {
    const withValue = (at: number, value: string) => {
      const [row] = PURCHASE_REPORT_ANSWER.rows;
      const metricValues = row!.metricValues.map((v, i) => (i === at ? { value } : v));
      return runReportResponse.parse({ ...PURCHASE_REPORT_ANSWER, rows: [{ ...row, metricValues }] });
    };
    expect(() => purchaseRows(withValue(0, "1,234.00"))).toThrow('GA4 answered row 0 of the purchase report with purchaseRevenue "1,234.00"');
    expect(() => purchaseRows(withValue(1, "1.5"))).toThrow('with ecommercePurchases "1.5"');
    expect(() => purchaseRows(withValue(2, ""))).toThrow('with transactions ""');
    const [row] = PURCHASE_REPORT_ANSWER.rows;
    const dated = runReportResponse.parse({ ...PURCHASE_REPORT_ANSWER, rows: [{ ...row, dimensionValues: [{ value: "2026-03-01" }, ...row!.dimensionValues.slice(1)] }] });
    expect(() => purchaseRows(dated)).toThrow('with date "2026-03-01"');
  });
});
