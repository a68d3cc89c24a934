import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ShopifySandbox } from "./server";
import type { SandboxShop } from "./shop";
import { ADMIN_API_VERSION } from "./schema";
import { installedSandbox } from "./testing";

const DOMAIN = "faults.myshopify.com";
const OTHER = "calm.myshopify.com";
let sandbox: ShopifySandbox;
let shop: SandboxShop;
let token: string;

beforeAll(async () => {
  ({ sandbox, token } = await installedSandbox({ domain: DOMAIN, volume: { orders: 200 } }));
  shop = sandbox.shop(DOMAIN);
});
afterAll(() => sandbox.stop());

const graphql = (domain = DOMAIN, accessToken = token, signal?: AbortSignal) =>
  fetch(`${sandbox.shopOrigin(domain)}/admin/api/${ADMIN_API_VERSION}/graphql.json`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": accessToken },
    body: JSON.stringify({ query: "{ orders(first: 50) { nodes { id name } } }" }),
    signal,
  });

const tokenRequest = (signal?: AbortSignal) =>
  fetch(`${sandbox.shopOrigin(DOMAIN)}/admin/oauth/access_token`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ client_id: "test-api-key", client_secret: "test-api-secret", grant_type: "refresh_token", refresh_token: "shprt_unknown" }),
    signal,
  });

async function bulkUrl(): Promise<string> {
  const started = await fetch(`${sandbox.shopOrigin(DOMAIN)}/admin/api/${ADMIN_API_VERSION}/graphql.json`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": token },
    body: JSON.stringify({ query: `mutation { bulkOperationRunQuery(query: "{ orders { edges { node { id } } } }", groupObjects: false) { bulkOperation { id } } }` }),
  });
  const id = ((await started.json()) as { data: { bulkOperationRunQuery: { bulkOperation: { id: string } } } }).data.bulkOperationRunQuery.bulkOperation.id;
  return (await shop.bulk.settled(Number(id.split("/").pop()))).url!;
}

describe("fault injection", () => {
  it("429 with Retry-After, for the next N requests only", async () => {
    sandbox.injectFault({ point: "graphql", kind: "429", count: 2, retryAfterSeconds: 3 });
    for (let i = 0; i < 2; i++) {
      const response = await graphql();
      expect(response.status).toBe(429);
      expect(response.headers.get("retry-after")).toBe("3.0");
    }
    expect((await graphql()).status).toBe(200);
  });

  it("5xx", async () => {
    sandbox.injectFault({ point: "graphql", kind: "5xx", status: 502 });
    expect((await graphql()).status).toBe(502);
    sandbox.injectFault({ point: "token", kind: "5xx" });
    expect((await tokenRequest()).status).toBe(503);
    expect((await tokenRequest()).status).toBe(400);
  });

  it("timeout: the request hangs until the client gives up", async () => {
    sandbox.injectFault({ point: "graphql", kind: "timeout" });
    await expect(graphql(DOMAIN, token, AbortSignal.timeout(300))).rejects.toThrow(/abort|timeout/i);
    sandbox.injectFault({ point: "token", kind: "timeout" });
    await expect(tokenRequest(AbortSignal.timeout(300))).rejects.toThrow(/abort|timeout/i);
    expect((await graphql()).status).toBe(200);
  });

  it("truncated body: full Content-Length, half the bytes, connection cut", async () => {
    sandbox.injectFault({ point: "graphql", kind: "truncated" });
    const response = await graphql();
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow();
    expect((await graphql()).status).toBe(200);
  });

  it("THROTTLED regardless of the bucket", async () => {
    sandbox.injectFault({ point: "graphql", kind: "throttled" });
    const response = await graphql();
    expect(response.status).toBe(200);
    const body = (await response.json()) as { errors: { extensions: { code: string } }[]; extensions: { cost: { requestedQueryCost: number; actualQueryCost: null } } };
    expect(body.errors[0]!.extensions.code).toBe("THROTTLED");
    expect(body.extensions.cost).toMatchObject({ requestedQueryCost: 52, actualQueryCost: null });
  });

  it("bulk file downloads: truncated and 429", async () => {
    const url = await bulkUrl();
    sandbox.injectFault({ point: "bulk-download", kind: "truncated" });
    const cut = await fetch(url);
    expect(Number(cut.headers.get("content-length"))).toBeGreaterThan(0);
    await expect(cut.text()).rejects.toThrow();
    sandbox.injectFault({ point: "bulk-download", kind: "429" });
    expect((await fetch(url)).status).toBe(429);
    const whole = await (await fetch(url)).text();
    expect(whole.split("\n").filter(Boolean)).toHaveLength(200);
  });

  it("targets one shop when asked, and can be injected over HTTP", async () => {
    const other = sandbox.addShop({ domain: OTHER, volume: { orders: 5 } });
    const otherToken = other.install(["read_orders"]).access_token;
    const injected = await fetch(`${sandbox.url}/_sandbox/injectFault`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ point: "graphql", kind: "5xx", shop: DOMAIN }),
    });
    expect(injected.status).toBe(200);
    expect((await graphql(OTHER, otherToken)).status).toBe(200);
    expect((await graphql()).status).toBe(503);
    expect(sandbox.faults.pending()).toBe(0);
  });
});
