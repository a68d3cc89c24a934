import "@shopify/shopify-api/adapters/node";
import { shopifyApi, LogSeverity, type ApiVersion } from "@shopify/shopify-api";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../_kit/clock";
import { startShopifySandbox, type ShopifySandbox } from "./server";
import { adminGraphql } from "./testing";

const API_KEY = "oauth-test-key";
const API_SECRET = "oauth-test-secret";
const DOMAIN = "oauth-shop.myshopify.com";
const REDIRECT = "http://app.test/api/shopify/callback";

// Shopify's own library checks the signatures: the sandbox must sign exactly like Shopify.
const shopify = shopifyApi({
  apiKey: API_KEY,
  apiSecretKey: API_SECRET,
  scopes: ["read_orders"],
  hostName: "app.test",
  apiVersion: "2026-07" as ApiVersion,
  isEmbeddedApp: false,
  logger: { level: LogSeverity.Error },
});

let sandbox: ShopifySandbox;
beforeAll(async () => {
  sandbox = await startShopifySandbox({ apiKey: API_KEY, apiSecret: API_SECRET, shops: [{ domain: DOMAIN, volume: { orders: 20 } }] });
});
afterAll(() => sandbox.stop());

const origin = () => sandbox.shopOrigin(DOMAIN);

async function consent(scope = "read_orders,read_products", state = "state-123"): Promise<URL> {
  const authorize = new URL(`${origin()}/admin/oauth/authorize`);
  authorize.search = new URLSearchParams({ client_id: API_KEY, scope, redirect_uri: REDIRECT, state }).toString();
  const page = await fetch(authorize);
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain(`<button type="submit" autofocus>Install app</button>`);
  // Submit the page's own form, as the browser would.
  const action = /<form method="post" action="([^"]+)">/.exec(html)![1]!;
  const fields = [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1]!, m[2]!.replace(/&amp;/g, "&")]);
  const submitted = await fetch(new URL(action, authorize), { method: "POST", body: new URLSearchParams(fields), redirect: "manual" });
  expect(submitted.status).toBe(302);
  return new URL(submitted.headers.get("location")!);
}

async function tokenRequest(body: Record<string, string>, form = false) {
  const response = await fetch(`${origin()}/admin/oauth/access_token`, {
    method: "POST",
    headers: { "Content-Type": form ? "application/x-www-form-urlencoded" : "application/json" },
    body: form ? new URLSearchParams(body).toString() : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, string | number> };
}

describe("OAuth authorization code grant", () => {
  it("redirects with a callback Shopify's library accepts, then exchanges the code once", async () => {
    const callback = await consent();
    expect(`${callback.origin}${callback.pathname}`).toBe(REDIRECT);
    const params = Object.fromEntries(callback.searchParams);
    expect(Object.keys(params).sort()).toEqual(["code", "hmac", "host", "shop", "state", "timestamp"]);
    expect(params.shop).toBe(DOMAIN);
    expect(params.state).toBe("state-123");
    expect(await shopify.utils.validateHmac(params)).toBe(true);
    expect(await shopify.utils.validateHmac({ ...params, state: "forged" })).toBe(false);

    const exchanged = await tokenRequest({ client_id: API_KEY, client_secret: API_SECRET, code: params.code!, expiring: "1" });
    expect(exchanged.status).toBe(200);
    expect(exchanged.body).toMatchObject({ scope: "read_orders,read_products", expires_in: 3600, refresh_token_expires_in: expect.any(Number) });
    expect(String(exchanged.body.access_token)).toMatch(/^shpat_/);
    expect(String(exchanged.body.refresh_token)).toMatch(/^shprt_/);

    const again = await tokenRequest({ client_id: API_KEY, client_secret: API_SECRET, code: params.code! });
    expect(again.status).toBe(400);

    const shop = await adminGraphql(sandbox, DOMAIN, String(exchanged.body.access_token), "{ shop { myshopifyDomain } }");
    expect(shop.body.data).toEqual({ shop: { myshopifyDomain: DOMAIN } });
  });

  it("accepts form bodies and refuses a wrong client secret", async () => {
    const code = (await consent()).searchParams.get("code")!;
    const wrong = await tokenRequest({ client_id: API_KEY, client_secret: "nope", code }, true);
    expect(wrong.status).toBe(401);
    const right = await tokenRequest({ client_id: API_KEY, client_secret: API_SECRET, code }, true);
    expect(right.status).toBe(200);
  });

  it("rotates refresh tokens, keeping the previous one until the new access token is used", async () => {
    const code = (await consent()).searchParams.get("code")!;
    const first = (await tokenRequest({ client_id: API_KEY, client_secret: API_SECRET, code })).body;
    const refresh = (token: string) => tokenRequest({ client_id: API_KEY, client_secret: API_SECRET, grant_type: "refresh_token", refresh_token: token });

    const second = await refresh(String(first.refresh_token));
    expect(second.status).toBe(200);
    expect(second.body.refresh_token).not.toBe(first.refresh_token);
    // The response was "lost": the old refresh token still works until a new access token is used.
    const third = await refresh(String(first.refresh_token));
    expect(third.status).toBe(200);
    expect((await adminGraphql(sandbox, DOMAIN, String(third.body.access_token), "{ shop { id } }")).status).toBe(200);
    expect(await refresh(String(first.refresh_token))).toMatchObject({ status: 400, body: { error: "invalid_grant" } });
    expect((await refresh(String(third.body.refresh_token))).status).toBe(200);
    expect(await refresh("shprt_unknown")).toMatchObject({ status: 400, body: { error: "invalid_grant" } });
  });

  it("signs Shopify-side install requests", async () => {
    const url = new URL(sandbox.installRequest("http://app.test/api/shopify/install", DOMAIN));
    const params = Object.fromEntries(url.searchParams);
    expect(params.shop).toBe(DOMAIN);
    expect(await shopify.utils.validateHmac(params)).toBe(true);
  });

  it("refuses an unknown client_id on the consent page", async () => {
    const response = await fetch(`${origin()}/admin/oauth/authorize?client_id=other&scope=read_orders&redirect_uri=${encodeURIComponent(REDIRECT)}`);
    expect(response.status).toBe(400);
  });
});

describe("restarts", () => {
  it("keeps installations and tokens in the state file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sandbox-state-"));
    const stateFile = join(dir, "state.json");
    try {
      const first = await startShopifySandbox({ apiKey: API_KEY, apiSecret: API_SECRET, stateFile, shops: [{ domain: DOMAIN, volume: { orders: 5 } }] });
      const issued = first.shop(DOMAIN).install(["read_orders"]);
      await first.stop();
      const second = await startShopifySandbox({ apiKey: API_KEY, apiSecret: API_SECRET, stateFile, shops: [{ domain: DOMAIN, volume: { orders: 5 } }] });
      try {
        expect((await adminGraphql(second, DOMAIN, issued.access_token, "{ shop { id } }")).status).toBe(200);
        expect(second.shop(DOMAIN).scopes).toEqual(["read_orders"]);
      } finally {
        await second.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("token lifetime and revocation", () => {
  it("expires access tokens after an hour; revoking kills access and refresh tokens", async () => {
    const clock = new ManualClock();
    const local = await startShopifySandbox({ apiKey: API_KEY, apiSecret: API_SECRET, clock, shops: [{ domain: DOMAIN, volume: { orders: 5 } }] });
    try {
      const shop = local.shop(DOMAIN);
      const issued = shop.install(["read_orders"]);
      const query = (token: string) => adminGraphql(local, DOMAIN, token, "{ shop { id } }");
      expect((await query(issued.access_token)).status).toBe(200);
      clock.advance(3600 * 1000);
      expect(await query(issued.access_token)).toMatchObject({ status: 401 });

      const refreshed = await fetch(`${local.shopOrigin(DOMAIN)}/admin/oauth/access_token`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ client_id: API_KEY, client_secret: API_SECRET, grant_type: "refresh_token", refresh_token: issued.refresh_token }),
      });
      const fresh = (await refreshed.json()) as { access_token: string; refresh_token: string };
      expect((await query(fresh.access_token)).status).toBe(200);

      shop.revokeTokens();
      expect((await query(fresh.access_token)).status).toBe(401);
      const afterRevoke = await fetch(`${local.shopOrigin(DOMAIN)}/admin/oauth/access_token`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ client_id: API_KEY, client_secret: API_SECRET, grant_type: "refresh_token", refresh_token: fresh.refresh_token }),
      });
      expect(afterRevoke.status).toBe(400);
    } finally {
      await local.stop();
    }
  });
});
