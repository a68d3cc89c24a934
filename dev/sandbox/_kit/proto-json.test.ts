import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadProtoRoot, protoJsonIssues } from "./proto-json";
import { httpBindings, protoRoute } from "./proto-route";
import { Router } from "./router";
import { startSandboxServer, type SandboxServer } from "./server";

// GA4's Data API as Google publishes it (dev/sandbox/ga4/spec): REST JSON checked against the
// protos by the proto3 JSON mapping, and routed by the protos' own google.api.http bindings.

const root = loadProtoRoot(join(__dirname, "../ga4/spec/protos.json"));
const type = (name: string) => root.lookupType(`google.analytics.data.v1beta.${name}`);
const service = root.lookupService("google.analytics.data.v1beta.BetaAnalyticsData");

const request = {
  dateRanges: [{ startDate: "2026-03-01", endDate: "yesterday" }],
  dimensions: [{ name: "date" }, { name: "transactionId" }],
  metrics: [{ name: "purchaseRevenue" }, { name: "transactions" }],
  limit: "100000",
  offset: 0,
  keepEmptyRows: false,
  returnPropertyQuota: true,
};

const response = {
  dimensionHeaders: [{ name: "date" }, { name: "transactionId" }],
  metricHeaders: [
    { name: "purchaseRevenue", type: "TYPE_CURRENCY" },
    { name: "transactions", type: "TYPE_INTEGER" },
  ],
  rows: [{ dimensionValues: [{ value: "20260301" }, { value: "1042" }], metricValues: [{ value: "59" }, { value: "1" }] }],
  rowCount: 1,
  metadata: { currencyCode: "USD", timeZone: "Europe/London" },
  propertyQuota: { tokensPerDay: { consumed: 12, remaining: 199870 }, tokensPerHour: { consumed: 12, remaining: 39958 } },
  kind: "analyticsData#runReport",
};

describe("proto3 JSON validation", () => {
  it("accepts GA4's request and response as the REST API sends them", () => {
    expect(protoJsonIssues(type("RunReportRequest"), request)).toEqual([]);
    expect(protoJsonIssues(type("RunReportRequest"), { date_ranges: [{ start_date: "2026-03-01", end_date: "today" }] })).toEqual([]);
    expect(protoJsonIssues(type("RunReportResponse"), response)).toEqual([]);
  });

  it("names unknown fields, wrong types, unknown enum values and two members of a oneof", () => {
    expect(protoJsonIssues(type("RunReportRequest"), { ...request, limit: "all", dimension: [{ name: "date" }], metrics: { name: "x" } })).toEqual([
      { where: "body.metrics", message: "must be an array" },
      { where: "body.limit", message: "must be a decimal integer string (int64)" },
      { where: "body.dimension", message: "is not a field of RunReportRequest" },
    ]);
    const wrongRow = { ...response, metricHeaders: [{ name: "purchaseRevenue", type: "TYPE_MONEY" }], rows: [{ metricValues: [{ value: 59 }] }] };
    expect(protoJsonIssues(type("RunReportResponse"), wrongRow)).toEqual([
      { where: "body.metricHeaders[0].type", message: expect.stringMatching(/^must be one of METRIC_TYPE_UNSPECIFIED, TYPE_INTEGER, .*TYPE_CURRENCY/) },
      { where: "body.rows[0].metricValues[0].value", message: "must be a string" },
    ]);
    const filter = { filter: { fieldName: "transactionId", stringFilter: { value: "1042" }, inListFilter: { values: ["1042"] } } };
    expect(protoJsonIssues(type("FilterExpression"), filter)).toEqual([{ where: "body.filter", message: "sets stringFilter and inListFilter, which are one of oneFilter: at most one may be set" }]);
  });
});

describe("routes from google.api.http bindings", () => {
  let server: SandboxServer;
  /** The request message the handler last got. */
  let seen: Record<string, unknown> = {};
  beforeAll(async () => {
    const routes = new Router();
    const runReport = httpBindings(service).find((b) => b.rpc === "RunReport")!;
    expect(runReport).toMatchObject({ method: "POST", template: "/v1beta/{property=properties/*}:runReport", pattern: "/v1beta/properties/{property.0}:runReport", body: "*" });
    protoRoute(routes, runReport, { invalidRequest: (issues) => ({ status: 400, body: { error: { code: 400, status: "INVALID_ARGUMENT", message: issues.map((i) => `${i.where}: ${i.message}`).join("; ") } } }) }, (_req, { message }) => {
      seen = message;
      return message.limit === "1" ? { status: 200, body: { ...response, rowCount: "many" } } : { status: 200, body: response };
    });
    server = await startSandboxServer({ routes });
  });
  afterAll(() => server.stop());

  const run = async (body: unknown) => {
    const answer = await fetch(`${server.url}/v1beta/properties/123:runReport`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    return { status: answer.status, body: (await answer.json()) as Record<string, unknown> };
  };

  it("serves a valid report, with the property from the path in the request message", async () => {
    expect(await run(request)).toEqual({ status: 200, body: response });
    expect(seen).toEqual({ ...request, property: "properties/123" });
  });

  it("answers Google's 400 for a request that breaks RunReportRequest", async () => {
    expect(await run({ ...request, metrics: [{ name: "purchaseRevenue", agg: "SUM" }] })).toEqual({
      status: 400,
      body: { error: { code: 400, status: "INVALID_ARGUMENT", message: "request.metrics[0].agg: is not a field of Metric" } },
    });
  });

  it("turns a response that breaks RunReportResponse into a 500 naming the field", async () => {
    const { status, body } = await run({ ...request, limit: "1" });
    expect(status).toBe(500);
    expect(body.issues).toEqual([{ where: "response.rowCount", message: "must be an integer (int32)" }]);
  });
});

