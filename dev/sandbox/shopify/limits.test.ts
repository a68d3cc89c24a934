import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ManualClock } from "../_kit/clock";
import type { ShopifySandbox } from "./server";
import type { SandboxShop } from "./shop";
import { adminGraphql, installedSandbox, type GraphqlResult } from "./testing";

const DOMAIN = "limits.myshopify.com";
let sandbox: ShopifySandbox;
let clock: ManualClock;
let shop: SandboxShop;
let query: (q: string, v?: Record<string, unknown>) => Promise<GraphqlResult>;

beforeAll(async () => {
  ({ sandbox, clock, query } = await installedSandbox({ domain: DOMAIN, volume: { orders: 400 } }));
  shop = sandbox.shop(DOMAIN);
});
afterAll(() => sandbox.stop());

const ORDERS_250 = `{ orders(first: 250) { nodes { id } } }`;

describe("cost bucket", () => {
  it("charges the requested cost up front and refunds down to the actual cost", async () => {
    shop.bucket.setAvailable(2000);
    const result = await query(`{ orders(first: 10) { nodes { id } } }`);
    const cost = result.body.extensions!.cost;
    expect(cost.requestedQueryCost).toBe(12);
    expect(cost.actualQueryCost).toBe(12);
    expect(cost.throttleStatus).toEqual({ maximumAvailable: 2000, currentlyAvailable: 1988, restoreRate: 100 });

    const fewer = await query(`{ orders(first: 10, query: "name:#1001") { nodes { id } } }`);
    expect(fewer.body.extensions!.cost).toMatchObject({ requestedQueryCost: 12, actualQueryCost: 3, throttleStatus: { currentlyAvailable: 1985 } });
  });

  it("answers THROTTLED with HTTP 200 and no data when the bucket lacks the requested cost", async () => {
    shop.bucket.setAvailable(100);
    const throttled = await query(ORDERS_250);
    expect(throttled.status).toBe(200);
    expect(throttled.body.data).toBeUndefined();
    expect(throttled.body.errors).toEqual([{ message: "Throttled", extensions: { code: "THROTTLED", documentation: expect.any(String) } }]);
    const cost = throttled.body.extensions!.cost;
    expect(cost.actualQueryCost).toBeNull();
    expect(cost.requestedQueryCost).toBeGreaterThan(100);
    expect(cost.throttleStatus.currentlyAvailable).toBe(100);

    // After the computed restore time the same query goes through.
    clock.advance(Math.ceil(((cost.requestedQueryCost - 100) / cost.throttleStatus.restoreRate) * 1000));
    const later = await query(ORDERS_250);
    expect(later.body.errors).toBeUndefined();
    expect((later.body.data!.orders as { nodes: unknown[] }).nodes).toHaveLength(250);
  });

  it("rejects a query whose requested cost exceeds 1000 without charging", async () => {
    shop.bucket.setAvailable(2000);
    const result = await query(`{ orders(first: 250) { nodes { id lineItems(first: 250) { nodes { id } } } } }`);
    expect(result.body.errors![0]!.extensions).toMatchObject({ code: "MAX_COST_EXCEEDED", maxCost: 1000 });
    expect(result.body.extensions!.cost.throttleStatus.currentlyAvailable).toBe(2000);
  });
});

describe("access", () => {
  it("denies fields outside the granted scopes", async () => {
    shop.bucket.setAvailable(2000);
    shop.setScopes(["read_orders", "read_all_orders"]);
    try {
      const customers = await query(`{ customers(first: 1) { nodes { id } } }`);
      expect(customers.status).toBe(200);
      expect(customers.body.errors![0]!.extensions).toMatchObject({ code: "ACCESS_DENIED" });
      expect(customers.body.errors![0]!.message).toContain("read_customers");

      const nested = await query(`{ orders(first: 1) { nodes { id customer { id } } } }`);
      expect(nested.body.errors![0]).toMatchObject({ extensions: { code: "ACCESS_DENIED" }, path: ["orders", "nodes", 0, "customer"] });
    } finally {
      shop.setScopes(["read_orders", "read_all_orders", "read_products", "read_customers", "read_inventory", "read_locations"]);
    }
  });

  it("shows only the last 60 days of orders without read_all_orders", async () => {
    shop.bucket.setAvailable(2000);
    shop.setScopes(["read_orders"]);
    try {
      const cutoff = clock.now() - 60 * 86_400_000;
      const recent = shop.store.orders.summaries().filter((s) => s.createdAt >= cutoff);
      const old = shop.store.orders.summaries().find((s) => s.createdAt < cutoff)!;
      const page = await query(`{ orders(first: 250) { nodes { id } } }`);
      expect((page.body.data!.orders as { nodes: { id: string }[] }).nodes.map((n) => n.id)).toEqual(recent.map((s) => `gid://shopify/Order/${s.id}`));
      const hidden = await query(`query($id: ID!) { order(id: $id) { id } }`, { id: `gid://shopify/Order/${old.id}` });
      expect(hidden.body.data!.order).toBeNull();
    } finally {
      shop.setScopes(["read_orders", "read_all_orders", "read_products", "read_customers", "read_inventory", "read_locations"]);
    }
  });

  it("answers 401 for a missing or unknown token", async () => {
    expect((await adminGraphql(sandbox, DOMAIN, "shpat_nope", "{ shop { id } }")).status).toBe(401);
    const none = await fetch(`${sandbox.shopOrigin(DOMAIN)}/admin/api/2026-10/graphql.json`, { method: "POST", body: JSON.stringify({ query: "{ shop { id } }" }) });
    expect(none.status).toBe(401);
  });
});
