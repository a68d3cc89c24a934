import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "@/dev/sandbox/_kit/clock";
import { authorizeEndpoint, tokenEndpoint, type OAuthClient as KitClient, type TokenEndpointConfig } from "@/dev/sandbox/_kit/oauth";
import { TokenStore } from "@/dev/sandbox/_kit/oauth-tokens";
import { Router } from "@/dev/sandbox/_kit/router";
import { startSandboxServer, type SandboxServer } from "@/dev/sandbox/_kit/server";
import { AuthExpiredError, PermanentError, RateLimitedError, TransientError } from "./errors";
import { buildAuthorizeUrl, exchangeAuthorizationCode, refreshAccessToken, type TokenEndpoint } from "./oauth";

// The shared OAuth helper against an authorization server built from the sandbox kit, over real
// HTTP: RFC 6749 token endpoints that take HTTP Basic or body client auth, form or JSON bodies,
// rotate refresh tokens strictly, and one that does not rotate at all.

const CLIENT: KitClient = { clientId: "meridian-app", clientSecret: "s3cret with spaces&symbols", redirectUris: ["http://app.test/api/connections/example/callback"] };
const REDIRECT = CLIENT.redirectUris![0]!;
const client = { clientId: CLIENT.clientId, clientSecret: CLIENT.clientSecret };
const clock = new ManualClock();
const tokens = new TokenStore({ clock, rotation: "strict", lifetimes: { accessTokenSeconds: 3600, refreshTokenSeconds: 86_400, codeSeconds: 120 } });
const requests: Record<string, number> = {};
let server: SandboxServer;

beforeAll(async () => {
  const config = (clientAuth: TokenEndpointConfig["clientAuth"]): TokenEndpointConfig => ({
    client: (id) => (id === CLIENT.clientId ? CLIENT : undefined),
    clientAuth,
    tokens,
    tokenResponse: (issued) => ({ access_token: issued.accessToken, token_type: "Bearer", expires_in: issued.expiresIn, refresh_token: issued.refreshToken, refresh_token_expires_in: issued.refreshExpiresIn, scope: issued.scope }),
  });
  const count = (name: string) => (requests[name] = (requests[name] ?? 0) + 1);
  let busy = 0;
  const routes = new Router()
    .on(["GET", "POST"], "/authorize", (req, _res, { url }) =>
      authorizeEndpoint(req, url, {
        provider: "Example",
        appName: "Meridian",
        heading: "Authorize Meridian",
        approveLabel: "Allow",
        client: config(["basic"]).client,
        parseScope: (scope) => scope.split(" ").filter(Boolean),
        tokens,
        approve: (request) => ({ scope: request.scopes.join(" "), subject: "org-1" }),
      }),
    )
    .on("POST", "/basic/token", (req, _res, { url }) => (count("basic"), tokenEndpoint(req, url, config(["basic"]))))
    .on("POST", "/body/token", (req, _res, { url }) => (count("body"), tokenEndpoint(req, url, config(["body"]))))
    // Answers without a refresh token: the provider keeps the one it issued (RFC 6749 §6).
    .on("POST", "/keeps/token", (req, _res, { url }) => tokenEndpoint(req, url, { ...config(["basic"]), tokenResponse: (issued) => ({ access_token: issued.accessToken, expires_in: issued.expiresIn }) }))
    .on("POST", "/busy/token", (req, _res, { url }) => {
      count("busy");
      if (busy++ === 0) return { status: 429, headers: { "Retry-After": "0" }, body: { error: "slow_down" } };
      return tokenEndpoint(req, url, config(["basic"]));
    })
    .on("POST", "/down/token", () => (count("down"), { status: 503, body: { error: "temporarily_unavailable" } }))
    .on("POST", "/slow/token", () => ({ status: 429, headers: { "Retry-After": "120" }, body: { error: "slow_down" } }));
  server = await startSandboxServer({ routes });
});
afterAll(() => server.stop());

const endpoint = (path: string, overrides: Partial<TokenEndpoint> = {}): TokenEndpoint => ({
  url: `${server.url}/${path}/token`,
  providerName: "Example",
  clientAuth: "basic",
  bodyFormat: "form",
  ...overrides,
});

/** The person's side: the consent page, then "Allow"; returns the callback's query. */
async function consent(state = "st-1"): Promise<URLSearchParams> {
  const authorize = buildAuthorizeUrl(`${server.url}/authorize`, { clientId: CLIENT.clientId, redirectUri: REDIRECT, state, scopes: ["orders.read", "offline_access"] });
  const page = await fetch(authorize);
  expect(page.status).toBe(200);
  const approved = await fetch(`${server.url}/authorize`, { method: "POST", body: new URL(authorize).searchParams, redirect: "manual" });
  expect(approved.status).toBe(302);
  return new URL(approved.headers.get("location")!).searchParams;
}

describe("buildAuthorizeUrl", () => {
  it("carries RFC 6749's parameters (or Shopify's, without response_type and with commas)", () => {
    const url = new URL(buildAuthorizeUrl("https://id.example/authorize?tenant=t", { clientId: "c", redirectUri: REDIRECT, state: "s", scopes: ["a", "b"], extra: { access_type: "offline" } }));
    expect(Object.fromEntries(url.searchParams)).toEqual({ tenant: "t", response_type: "code", client_id: "c", scope: "a b", redirect_uri: REDIRECT, state: "s", access_type: "offline" });
    const shopify = new URL(buildAuthorizeUrl("https://x.myshopify.com/admin/oauth/authorize", { clientId: "c", redirectUri: REDIRECT, state: "s", scopes: ["a", "b"], scopeSeparator: ",", responseType: null }));
    expect([...shopify.searchParams.keys()]).toEqual(["client_id", "scope", "redirect_uri", "state"]);
    expect(shopify.searchParams.get("scope")).toBe("a,b");
  });
});

describe("exchangeAuthorizationCode", () => {
  it("exchanges a code once, with HTTP Basic client auth and a form body", async () => {
    const callback = await consent("st-basic");
    expect(callback.get("state")).toBe("st-basic");
    const before = Date.now();
    const granted = await exchangeAuthorizationCode(endpoint("basic"), client, { code: callback.get("code")!, redirectUri: REDIRECT });
    expect(granted).toMatchObject({ accessToken: expect.any(String), refreshToken: expect.any(String), scopes: ["orders.read", "offline_access"] });
    expect(granted.accessTokenExpiresAt!.getTime()).toBeGreaterThanOrEqual(before + 3600_000);
    expect(granted.accessTokenExpiresAt!.getTime()).toBeLessThanOrEqual(Date.now() + 3600_000);
    expect(granted.refreshTokenExpiresAt!.getTime()).toBeGreaterThan(granted.accessTokenExpiresAt!.getTime());

    const again = exchangeAuthorizationCode(endpoint("basic"), client, { code: callback.get("code")!, redirectUri: REDIRECT });
    await expect(again).rejects.toThrow(PermanentError);
    await expect(again).rejects.toThrow("Example token exchange: Example refused the code (400) (invalid_grant: The authorization code is invalid");
  });

  it("sends the client's id and secret in a JSON body when the provider takes them so, and names a wrong secret", async () => {
    const json = endpoint("body", { clientAuth: "body", bodyFormat: "json" });
    const granted = await exchangeAuthorizationCode(json, client, { code: (await consent()).get("code")!, redirectUri: REDIRECT });
    expect(granted.accessToken).toEqual(expect.any(String));

    const wrong = exchangeAuthorizationCode(json, { ...client, clientSecret: "nope" }, { code: (await consent()).get("code")!, redirectUri: REDIRECT });
    await expect(wrong).rejects.toThrow(/refused the code \(401\) \(invalid_client: Client authentication failed/);
  });

  it("refuses a code sent with another redirect_uri than it was issued for", async () => {
    const code = (await consent()).get("code")!;
    await expect(exchangeAuthorizationCode(endpoint("basic"), client, { code, redirectUri: "http://elsewhere.test/cb" })).rejects.toThrow(/refused the code \(400\)/);
  });

  it("waits out a 429 (the request never ran), but never resends after a 5xx (a code is single-use)", async () => {
    const granted = await exchangeAuthorizationCode(endpoint("busy"), client, { code: (await consent()).get("code")!, redirectUri: REDIRECT });
    expect(granted.accessToken).toEqual(expect.any(String));
    expect(requests.busy).toBe(2);

    const down = exchangeAuthorizationCode(endpoint("down"), client, { code: "c", redirectUri: REDIRECT });
    await expect(down).rejects.toThrow(TransientError);
    await expect(down).rejects.toThrow(/^Example token exchange: Provider error \(HTTP 503/);
    expect(requests.down).toBe(1);
  });
});

describe("refreshAccessToken", () => {
  async function granted() {
    return exchangeAuthorizationCode(endpoint("basic"), client, { code: (await consent()).get("code")!, redirectUri: REDIRECT });
  }

  it("rotates: a new pair; the spent refresh token is AuthExpired with the provider's words", async () => {
    const first = await granted();
    const second = await refreshAccessToken(endpoint("basic"), client, { refreshToken: first.refreshToken! });
    expect(second.accessToken).not.toBe(first.accessToken);
    expect(second.refreshToken).not.toBe(first.refreshToken);

    const replayed = refreshAccessToken(endpoint("basic"), client, { refreshToken: first.refreshToken! });
    await expect(replayed).rejects.toThrow(AuthExpiredError);
    await expect(replayed).rejects.toThrow("Example token refresh: Example refused the refresh token (400) (invalid_grant: The refresh token is invalid, expired or revoked.)");
  });

  it("keeps the refresh token sent when the provider answers without one, and leaves scopes unknown", async () => {
    const { refreshToken } = await granted();
    const renewed = await refreshAccessToken(endpoint("keeps"), client, { refreshToken: refreshToken! });
    expect(renewed).toMatchObject({ refreshToken, scopes: null, refreshTokenExpiresAt: null });
  });

  it("a refused client is AuthExpired too; a rate limit longer than is worth waiting stays a rate limit, with its delay", async () => {
    const { refreshToken } = await granted();
    await expect(refreshAccessToken(endpoint("basic"), { ...client, clientSecret: "rotated-away" }, { refreshToken: refreshToken! })).rejects.toThrow(AuthExpiredError);

    const limited = await refreshAccessToken(endpoint("slow"), client, { refreshToken: refreshToken! }).catch((error: unknown) => error);
    expect(limited).toBeInstanceOf(RateLimitedError);
    expect(limited).toMatchObject({ status: 429, retryAfterMs: 120_000, message: expect.stringMatching(/^Example token refresh: Rate limited/) });
  });
});
