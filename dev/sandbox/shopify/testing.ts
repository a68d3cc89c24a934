import { ManualClock } from "../_kit/clock";
import { ADMIN_API_VERSION } from "./schema";
import { startShopifySandbox, type ShopifySandbox, type ShopifySandboxOptions } from "./server";
import type { ShopOptions } from "./shop";

/** The scopes Meridian requests. */
export const ALL_SCOPES = ["read_orders", "read_all_orders", "read_products", "read_customers", "read_inventory", "read_locations"];

export interface GraphqlResult {
  status: number;
  body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; extensions?: Record<string, unknown>; path?: (string | number)[] }[];
    extensions?: { cost: { requestedQueryCost: number; actualQueryCost: number | null; throttleStatus: { maximumAvailable: number; currentlyAvailable: number; restoreRate: number } } };
  };
}

/** Posts one Admin GraphQL request over HTTP, as a connector would. */
export async function adminGraphql(sandbox: ShopifySandbox, domain: string, token: string, query: string, variables: Record<string, unknown> = {}): Promise<GraphqlResult> {
  const response = await fetch(`${sandbox.shopOrigin(domain)}/admin/api/${ADMIN_API_VERSION}/graphql.json`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": token },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as GraphqlResult["body"] };
}

/**
 * A sandbox on a manual clock with one shop the app is already installed on: the usual starting
 * point of connector tests. `token` is a valid access token for `domain`.
 */
export async function installedSandbox(
  shop: Partial<ShopOptions> = {},
  options: Partial<Omit<ShopifySandboxOptions, "shops">> & { scopes?: string[] } = {},
): Promise<{ sandbox: ShopifySandbox; clock: ManualClock; domain: string; token: string; refreshToken: string; query: (q: string, v?: Record<string, unknown>) => Promise<GraphqlResult> }> {
  const clock = options.clock instanceof ManualClock ? options.clock : new ManualClock();
  const domain = shop.domain ?? "sandbox-test.myshopify.com";
  const sandbox = await startShopifySandbox({ apiKey: "test-api-key", apiSecret: "test-api-secret", ...options, clock, shops: [{ volume: { orders: 300 }, ...shop, domain }] });
  const issued = sandbox.shop(domain).install(options.scopes ?? ALL_SCOPES);
  return {
    sandbox,
    clock,
    domain,
    token: issued.access_token,
    refreshToken: issued.refresh_token,
    query: (q, v) => adminGraphql(sandbox, domain, issued.access_token, q, v),
  };
}
