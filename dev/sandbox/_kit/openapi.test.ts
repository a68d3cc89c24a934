import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OpenApiSpec } from "./openapi";
import { Router } from "./router";
import { startSandboxServer, type SandboxServer } from "./server";
import { specRoute } from "./spec-route";

// Requests and responses checked against the provider's published API description: ShipBob's
// 2026-01 OpenAPI 3.0 (the part written from it, see dev/sandbox/shipbob/spec/SOURCE.md) over
// HTTP, and Amazon's Swagger 2.0 Orders model.

const shipbob = OpenApiSpec.fromFile(join(__dirname, "../shipbob/spec/openapi-2026-01.subset.json"));
const amazon = OpenApiSpec.fromFile(join(__dirname, "../amazon/spec/orders_2026-01-01.json"));

const order = {
  id: 190002,
  reference_id: "shopify-5210499102",
  order_number: "#1042",
  created_date: "2026-03-02T10:12:00Z",
  purchase_date: null,
  status: "Processing",
  type: "DTC",
  channel: { id: 100102, name: "API" },
  recipient: { name: "Ada Lovelace", email: null, address: { address1: "1 Dock Road", city: "Leeds", country: "GB", zip_code: "LS1 1AA" } },
  products: [{ id: 55, reference_id: "TEE-BLK-M", sku: "TEE-BLK-M", quantity: 2, unit_price: 24.5 }],
  financials: { total_price: 59 },
  shipments: [{ id: 880001, order_id: 190002, status: "Processing", location: { id: 10, name: "Cicero (IL)" }, estimated_fulfillment_date_status: "PendingOnTime" }],
};

/** What the sandbox's handler answers: the right shape, unless a test asks for a broken one. */
let nextOrders: unknown[] = [order];
let server: SandboxServer;

beforeAll(async () => {
  const routes = new Router().on(
    "GET",
    "/2026-01/order",
    specRoute({ spec: shipbob, invalidRequest: (issues) => ({ status: 400, body: Object.fromEntries(issues.map((i) => [i.where, [i.message]])) }) }, () => ({
      status: 200,
      headers: { "Page-Number": "1" },
      body: nextOrders,
    })),
  );
  server = await startSandboxServer({ routes });
});
afterAll(() => server.stop());

async function orders(query = "") {
  const response = await fetch(`${server.url}/2026-01/order${query}`, { headers: { Authorization: "Bearer pat" } });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("OpenAPI 3.0: ShipBob orders over HTTP", () => {
  it("serves a request and a response that follow the spec", async () => {
    expect(await orders("?Page=1&Limit=250&LastUpdateStartDate=2026-03-01T00:00:00Z&HasTracking=true")).toEqual({ status: 200, body: [order] });
  });

  it("answers 400 naming each parameter a connector got wrong", async () => {
    const { status, body } = await orders("?Limit=500&limit=50&LastUpdateStartDate=yesterday&HasTracking=maybe");
    expect(status).toBe(400);
    expect(Object.keys(body).sort()).toEqual(["query.HasTracking", "query.LastUpdateStartDate", "query.Limit", "query.limit"]);
    expect(body["query.Limit"]).toEqual(["must be <= 250"]);
    expect(body["query.limit"]).toEqual(["is not a parameter of this operation"]);
    expect(body["query.LastUpdateStartDate"]).toEqual(['must match format "date-time"']);
  });

  it("turns a response the spec does not allow into a 500 naming what is wrong", async () => {
    nextOrders = [{ ...order, status: "Shipped", shipments: [{ ...order.shipments[0], store_order_id: "1042" }] }];
    try {
      const { status, body } = await orders();
      expect(status).toBe(500);
      expect(body.issues).toEqual([
        { where: "body/0/status", message: "must be equal to one of the allowed values (Processing, Exception, PartiallyFulfilled, Fulfilled, Cancelled, ImportReview)" },
        { where: "body/0/shipments/0", message: "has store_order_id, which the schema does not allow" },
      ]);
    } finally {
      nextOrders = [order];
    }
  });

  it("checks nullable fields and required ones", () => {
    const op = shipbob.operation("GET", "/2026-01/order/190002")!;
    expect(op.template).toBe("/2026-01/order/{orderId}");
    expect(op.validateResponse({ status: 200, body: { ...order, reference_id: null } })).toEqual([]);
    expect(op.validateResponse({ status: 200, body: { ...order, id: null } })).toEqual([{ where: "body/id", message: "must be integer" }]);
    expect(op.validateResponse({ status: 200, body: { ...order, recipient: { email: null } } })).toEqual([
      { where: "body/recipient", message: "must have required property 'address'" },
      { where: "body/recipient", message: "must have required property 'name'" },
    ]);
    expect(op.validateResponse({ status: 418, body: {} })[0]).toMatchObject({ where: "status" });
    expect(shipbob.operation("GET", "/2026-01/order/12:cancel")).toBeUndefined();
  });
});

describe("Swagger 2.0: Amazon Orders 2026-01-01", () => {
  const search = amazon.operation("GET", "/orders/2026-01-01/orders")!;

  it("checks query parameters: types, formats, enums, csv arrays", () => {
    const query = (q: Record<string, string>) => search.validateRequest({ query: new URLSearchParams(q), headers: {} });
    expect(query({ createdAfter: "2026-03-01T00:00:00Z", marketplaceIds: "ATVPDKIKX0DER,A1F83G8C2ARO7P", maxResultsPerPage: "100" })).toEqual([]);
    expect(query({ createdAfter: "March", maxResultsPerPage: "many", includedData: "BUYER,EVERYTHING" })).toEqual([
      { where: "query.createdAfter", message: 'must match format "date-time"' },
      { where: "query.maxResultsPerPage", message: "must be integer" },
      { where: "query.includedData/1", message: expect.stringContaining("must be equal to one of the allowed values") },
    ]);
  });

  it("checks the response against the model's definitions", () => {
    const ok = search.validateResponse({ status: 200, body: { orders: [], createdBefore: "2026-03-02T00:00:00Z" } });
    expect(ok).toEqual([]);
    const broken = search.validateResponse({ status: 200, body: { orders: [{ orderId: 113 }] } });
    expect(broken.map((i) => i.where)).toContain("body/orders/0/orderId");
    expect(search.validateResponse({ status: 429, body: { errors: [{ code: "QuotaExceeded", message: "You exceeded your quota for the requested resource." }] } })).toEqual([]);
  });
});
