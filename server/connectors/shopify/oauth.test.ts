import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startShopifySandbox, type ShopifySandbox } from "@/dev/sandbox/shopify";
import { AuthExpiredError, PermanentError, TransientError } from "@/server/connectors/_core/errors";
import { shopifyAuth } from "./auth";
import { buildAuthorizeUrl, exchangeCodeForToken, normalizeShopDomain, refreshAccessToken, verifyQueryHmac } from "./oauth";

const app = { apiKey: "oauth-test-key", apiSecret: "oauth-test-secret" };
const SHOP = "oauth-test.myshopify.com";
let sandbox: ShopifySandbox;

beforeAll(async () => {
  sandbox = await startShopifySandbox({ ...app, shops: [{ domain: SHOP, volume: { orders: 5 }, timeZone: "America/New_York" }] });
});
afterAll(() => sandbox.stop());

const now = () => String(Math.floor(Date.now() / 1000));

// The browser's part of the grant, against the sandbox: the consent form's POST answers with
// Shopify's signed redirect to our callback, whose query carries the code.
async function authorize(state = "state-1"): Promise<URLSearchParams> {
  const url = buildAuthorizeUrl({
    shopOrigin: sandbox.shopOrigin(SHOP),
    apiKey: app.apiKey,
    scopes: ["read_orders", "read_products"],
    redirectUri: "http://app.test/api/connections/shopify/callback",
    state,
  });
  const consent = await fetch(url);
  expect(consent.status).toBe(200);
  const form = new URL(url).searchParams;
  const approved = await fetch(url.split("?")[0]!, { method: "POST", body: form, redirect: "manual" });
  expect(approved.status).toBe(302);
  return new URL(approved.headers.get("location")!).searchParams;
}

describe("normalizeShopDomain", () => {
  it("accepts only an anchored <name>.myshopify.com", () => {
    expect(normalizeShopDomain("Acme-1.myshopify.com")).toBe("acme-1.myshopify.com");
    for (const bad of [
      "acme.myshopify.com.evil.com",
      "evil.com/acme.myshopify.com",
      "-acme.myshopify.com",
      "acme_x.myshopify.com",
      "acme.shopify.com",
      "acme.myshopify.io",
      "admin.shopify.com/store/acme",
      "https://acme.myshopify.com",
      "acme.myshopify.com/",
      "",
      null,
    ]) {
      expect(normalizeShopDomain(bad), String(bad)).toBeNull();
    }
  });
});

describe("verifyQueryHmac (via @shopify/shopify-api)", () => {
  it("accepts Shopify's signed callback and install queries", async () => {
    expect(await verifyQueryHmac(app, await authorize())).toBe("valid");
    expect(await verifyQueryHmac(app, new URL(sandbox.installRequest("http://app.test/api/connections/shopify/install", SHOP)).searchParams)).toBe("valid");
  });

  it("refuses a missing, wrong or re-signed-with-another-secret HMAC, an edited query and a stale timestamp", async () => {
    const signed = new URLSearchParams(sandbox.signQuery({ shop: SHOP, timestamp: now(), code: "abc" }));
    const without = new URLSearchParams(signed);
    without.delete("hmac");
    expect(await verifyQueryHmac(app, without)).toBe("missing");

    const edited = new URLSearchParams(signed);
    edited.set("shop", "other.myshopify.com");
    expect(await verifyQueryHmac(app, edited)).toBe("invalid");

    const wrong = new URLSearchParams(signed);
    wrong.set("hmac", "0".repeat(64));
    expect(await verifyQueryHmac(app, wrong)).toBe("invalid");
    expect(await verifyQueryHmac({ ...app, apiSecret: "another-secret" }, signed)).toBe("invalid");

    // A signed query with another value prepended: `get` would read the unsigned one.
    const repeated = new URLSearchParams([["shop", "other.myshopify.com"], ...signed]);
    expect(await verifyQueryHmac(app, repeated)).toBe("invalid");

    const old = new URLSearchParams(sandbox.signQuery({ shop: SHOP, timestamp: String(Math.floor(Date.now() / 1000) - 600), code: "abc" }));
    expect(await verifyQueryHmac(app, old)).toBe("stale");
  });
});

describe("token grants against the sandbox", () => {
  const origin = () => sandbox.shopOrigin(SHOP);

  it("exchanges a code for an expiring offline token, once", async () => {
    const code = (await authorize()).get("code")!;
    const before = Date.now();
    const tokens = await exchangeCodeForToken({ ...app, shopOrigin: origin(), code });
    expect(tokens.accessToken).toMatch(/^shpat_/);
    expect(tokens.refreshToken).toMatch(/^shprt_/);
    expect(tokens.scopes).toEqual(["read_orders", "read_products"]);
    expect(tokens.accessTokenExpiresAt.getTime()).toBeGreaterThanOrEqual(before + 3600_000 - 1000);
    expect(tokens.refreshTokenExpiresAt!.getTime()).toBeGreaterThan(tokens.accessTokenExpiresAt.getTime());

    await expect(exchangeCodeForToken({ ...app, shopOrigin: origin(), code })).rejects.toThrow(PermanentError);
    await expect(exchangeCodeForToken({ ...app, shopOrigin: origin(), code: "never-issued" })).rejects.toThrow(/refused the code \(400\)/);
  });

  it("names the connected shop with its own time zone, read with the new token", async () => {
    const config = { ...app, scopes: ["read_orders", "read_products"], appUrl: "http://app.test", shopOriginTemplate: origin().replace(SHOP, "{shop}") };
    const code = (await authorize()).get("code")!;
    const { identity } = await shopifyAuth.oauth.exchangeCode(config, { code, redirectUri: "http://app.test/api/connections/shopify/callback", account: SHOP });
    expect(identity).toMatchObject({ externalAccountId: SHOP, timeZone: "America/New_York" });
  });

  it("refreshes with rotation; a dead refresh token is AuthExpired", async () => {
    const first = await exchangeCodeForToken({ ...app, shopOrigin: origin(), code: (await authorize()).get("code")! });
    const second = await refreshAccessToken({ ...app, shopOrigin: origin(), refreshToken: first.refreshToken });
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(second.accessToken).not.toBe(first.accessToken);
    await expect(refreshAccessToken({ ...app, shopOrigin: origin(), refreshToken: "shprt_unknown" })).rejects.toThrow(AuthExpiredError);
  });

  it("maps 5xx, timeouts and unreachable hosts to TransientError", async () => {
    sandbox.injectFault({ point: "token", kind: "5xx", shop: SHOP });
    await expect(exchangeCodeForToken({ ...app, shopOrigin: origin(), code: "x" })).rejects.toThrow(TransientError);

    sandbox.injectFault({ point: "token", kind: "timeout", shop: SHOP });
    const timedOut = refreshAccessToken({ ...app, shopOrigin: origin(), refreshToken: "x" }, { timeoutMs: 200 });
    await expect(timedOut).rejects.toThrow(TransientError);
    await expect(timedOut).rejects.toThrow(/^Shopify token refresh: .* timed out after 200 ms/);

    const unreachable = exchangeCodeForToken({ ...app, shopOrigin: "http://127.0.0.1:1/shops/x", code: "x" });
    await expect(unreachable).rejects.toThrow(TransientError);
    await expect(unreachable).rejects.toThrow(/^Shopify token exchange: Network error on POST/);
  });
});
