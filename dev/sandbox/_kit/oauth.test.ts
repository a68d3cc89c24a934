import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "./clock";
import { authorizeEndpoint, revocationEndpoint, tokenEndpoint, type OAuthClient, type TokenEndpointConfig } from "./oauth";
import { TokenStore, type RefreshRotation } from "./oauth-tokens";
import { Router } from "./router";
import { startSandboxServer, type SandboxServer } from "./server";

// A bare authorization server on the kit, as a provider sandbox mounts it: the consent page, the
// token endpoint (HTTP Basic or body client auth) and RFC 7009 revocation, over real HTTP.

const CLIENT: OAuthClient = { clientId: "app-id", clientSecret: "app-secret", redirectUris: ["http://app.test/callback"] };
const clock = new ManualClock();
const stores: Record<RefreshRotation, TokenStore> = {
  strict: new TokenStore({ clock, rotation: "strict", lifetimes: { accessTokenSeconds: 3600, refreshTokenSeconds: 30 * 86_400, codeSeconds: 120 } }),
  "grace-until-used": new TokenStore({ clock, rotation: "grace-until-used", lifetimes: { accessTokenSeconds: 3600, refreshTokenSeconds: 30 * 86_400, codeSeconds: 120 } }),
};
let server: SandboxServer;
/** Refreshes through the `token-limited` routes, which allow one. */
let refreshes = 0;

beforeAll(async () => {
  const routes = new Router();
  for (const [rotation, tokens] of Object.entries(stores)) {
    const config: TokenEndpointConfig = {
      client: (id) => (id === CLIENT.clientId ? CLIENT : undefined),
      clientAuth: ["basic", "body"],
      tokens,
      grants: { client_credentials: (params) => tokens.issue({ scope: params.scope ?? "", subject: "app" }) },
    };
    routes
      .on(["GET", "POST"], `/${rotation}/authorize`, (req, _res, { url }) =>
        authorizeEndpoint(req, url, {
          provider: "Sandbox Example",
          appName: "Meridian",
          heading: "Authorize Meridian",
          approveLabel: "Allow",
          client: config.client,
          parseScope: (scope) => scope.split(" ").filter(Boolean),
          tokens,
          approve: (request) => ({ scope: request.scopes.join(" "), subject: "user-1" }),
        }),
      )
      .on("POST", `/${rotation}/token`, (req, _res, { url }) => tokenEndpoint(req, url, config))
      .on("POST", `/${rotation}/token-limited`, (req, _res, { url }) => tokenEndpoint(req, url, { ...config, limitGrant: (grantType) => (grantType === "refresh_token" && ++refreshes > 1 ? { status: 429, body: { error: "too_many_refreshes" } } : undefined) }))
      .on("POST", `/${rotation}/revoke`, (req, _res, { url }) => revocationEndpoint(req, url, config))
      .on("GET", `/${rotation}/me`, (req) => {
        const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1] ?? "";
        const checked = tokens.check(token);
        return checked.status === "ok" ? { status: 200, body: { subject: checked.token.subject } } : { status: 401, body: { error: checked.status } };
      });
  }
  server = await startSandboxServer({ routes });
});
afterAll(() => server.stop());

const basic = (id = CLIENT.clientId, secret = CLIENT.clientSecret) => `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`;

async function token(rotation: RefreshRotation, params: Record<string, string>, auth: "basic" | "body" = "basic") {
  const response = await fetch(`${server.url}/${rotation}/token`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...(auth === "basic" ? { Authorization: basic() } : {}) },
    body: new URLSearchParams(auth === "body" ? { ...params, client_id: CLIENT.clientId, client_secret: CLIENT.clientSecret } : params),
  });
  return { status: response.status, body: (await response.json()) as Record<string, string | number> };
}

/** The user's side: the consent page, then its form submitted with the chosen button. */
async function consent(rotation: RefreshRotation, decision: "approve" | "deny" = "approve", redirectUri = CLIENT.redirectUris![0]!) {
  const authorize = new URL(`${server.url}/${rotation}/authorize`);
  authorize.search = new URLSearchParams({ response_type: "code", client_id: CLIENT.clientId, scope: "orders_read offline_access", redirect_uri: redirectUri, state: "s-1" }).toString();
  const page = await fetch(authorize);
  const html = await page.text();
  if (page.status !== 200) return { status: page.status, html };
  expect(html).toContain("<h1>Authorize Meridian</h1>");
  const fields = [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1]!, m[2]!]);
  if (decision === "deny") fields.push(["deny", "1"]);
  const submitted = await fetch(authorize.origin + authorize.pathname, { method: "POST", body: new URLSearchParams(fields), redirect: "manual" });
  return { status: submitted.status, location: new URL(submitted.headers.get("location")!) };
}

const me = async (rotation: RefreshRotation, accessToken: string) => (await fetch(`${server.url}/${rotation}/me`, { headers: { Authorization: `Bearer ${accessToken}` } })).status;

describe("authorization code grant", () => {
  it("consents, redirects with a single-use code and the state, and exchanges it with either client auth", async () => {
    const { location } = await consent("strict");
    expect(`${location!.origin}${location!.pathname}`).toBe("http://app.test/callback");
    expect(location!.searchParams.get("state")).toBe("s-1");
    const code = location!.searchParams.get("code")!;

    const issued = await token("strict", { grant_type: "authorization_code", code, redirect_uri: "http://app.test/callback" });
    expect(issued).toMatchObject({ status: 200, body: { token_type: "Bearer", expires_in: 3600, scope: "orders_read offline_access" } });
    expect(await me("strict", String(issued.body.access_token))).toBe(200);
    expect(await token("strict", { grant_type: "authorization_code", code })).toMatchObject({ status: 400, body: { error: "invalid_grant" } });

    const other = (await consent("strict")).location!.searchParams.get("code")!;
    expect((await token("strict", { grant_type: "authorization_code", code: other }, "body")).status).toBe(200);
  });

  it("refuses a wrong secret, a code for another redirect_uri, an unregistered redirect_uri, and reports a denial", async () => {
    const wrong = await fetch(`${server.url}/strict/token`, { method: "POST", headers: { Authorization: basic(CLIENT.clientId, "nope") }, body: new URLSearchParams({ grant_type: "client_credentials" }) });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: "invalid_client" });

    const code = (await consent("strict")).location!.searchParams.get("code")!;
    expect(await token("strict", { grant_type: "authorization_code", code, redirect_uri: "http://elsewhere.test/cb" })).toMatchObject({ status: 400, body: { error: "invalid_grant" } });
    expect((await consent("strict", "approve", "http://evil.test/callback")).status).toBe(400);

    const denied = await consent("strict", "deny");
    expect(Object.fromEntries(denied.location!.searchParams)).toEqual({ error: "access_denied", state: "s-1" });
    expect(await token("strict", { grant_type: "password" })).toMatchObject({ status: 400, body: { error: "unsupported_grant_type" } });
  });

  it("expires access tokens after their lifetime", async () => {
    const code = (await consent("strict")).location!.searchParams.get("code")!;
    const issued = (await token("strict", { grant_type: "authorization_code", code })).body;
    clock.advance(3600 * 1000);
    expect(await me("strict", String(issued.access_token))).toBe(401);
    const refreshed = await token("strict", { grant_type: "refresh_token", refresh_token: String(issued.refresh_token) });
    expect(await me("strict", String(refreshed.body.access_token))).toBe(200);
  });
});

describe("refresh token rotation", () => {
  async function pair(rotation: RefreshRotation) {
    const code = (await consent(rotation)).location!.searchParams.get("code")!;
    return (await token(rotation, { grant_type: "authorization_code", code })).body;
  }
  const refresh = (rotation: RefreshRotation, refreshToken: unknown) => token(rotation, { grant_type: "refresh_token", refresh_token: String(refreshToken) });

  it("strict: every refresh rotates; presenting a spent token revokes the whole grant", async () => {
    const first = await pair("strict");
    const second = await refresh("strict", first.refresh_token);
    expect(second.status).toBe(200);
    expect(second.body.refresh_token).not.toBe(first.refresh_token);

    // Someone replays the spent token: refused, and the grant it belongs to dies with it.
    expect(await refresh("strict", first.refresh_token)).toMatchObject({ status: 400, body: { error: "invalid_grant" } });
    expect(await me("strict", String(second.body.access_token))).toBe(401);
    expect((await refresh("strict", second.body.refresh_token)).status).toBe(400);
  });

  it("strict: refresh tokens lapse after their lifetime unused", async () => {
    const first = await pair("strict");
    clock.advance(30 * 86_400 * 1000 + 1);
    expect((await refresh("strict", first.refresh_token)).status).toBe(400);
  });

  it("grace-until-used: the previous token works until the new access token is used", async () => {
    const first = await pair("grace-until-used");
    const second = await refresh("grace-until-used", first.refresh_token);
    const third = await refresh("grace-until-used", first.refresh_token);
    expect(third.status).toBe(200);
    expect(await me("grace-until-used", String(third.body.access_token))).toBe(200);
    expect((await refresh("grace-until-used", first.refresh_token)).status).toBe(400);
    expect((await refresh("grace-until-used", second.body.refresh_token)).status).toBe(200);
  });
});

describe("a provider's limit on some grants (limitGrant)", () => {
  it("refuses what the provider limits in its shape, after client auth, and lets the other grants through", async () => {
    const limited = (params: Record<string, string>, authorization = basic()) =>
      fetch(`${server.url}/strict/token-limited`, { method: "POST", headers: { Authorization: authorization }, body: new URLSearchParams(params) });
    const code = (await consent("strict")).location!.searchParams.get("code")!;
    const first = (await (await limited({ grant_type: "authorization_code", code })).json()) as Record<string, string>;
    const second = (await (await limited({ grant_type: "refresh_token", refresh_token: first.refresh_token! })).json()) as Record<string, string>;
    const refused = await limited({ grant_type: "refresh_token", refresh_token: second.refresh_token! });
    expect([refused.status, await refused.json()]).toEqual([429, { error: "too_many_refreshes" }]);
    // A client that fails authentication learns nothing about the limit.
    expect((await limited({ grant_type: "refresh_token", refresh_token: second.refresh_token! }, basic(CLIENT.clientId, "nope"))).status).toBe(401);
    // The refused refresh did not spend the token: the plain endpoint still takes it.
    expect((await token("strict", { grant_type: "refresh_token", refresh_token: second.refresh_token! })).status).toBe(200);
  });
});

describe("revocation (RFC 7009)", () => {
  it("revoking a refresh token revokes its grant's access tokens; unknown tokens answer 200 too", async () => {
    const issued = await token("strict", { grant_type: "client_credentials", scope: "read" });
    const revoke = (value: string) =>
      fetch(`${server.url}/strict/revoke`, { method: "POST", headers: { Authorization: basic() }, body: new URLSearchParams({ token: value }) });
    expect(await me("strict", String(issued.body.access_token))).toBe(200);
    expect((await revoke(String(issued.body.refresh_token))).status).toBe(200);
    expect(await me("strict", String(issued.body.access_token))).toBe(401);
    expect((await token("strict", { grant_type: "refresh_token", refresh_token: String(issued.body.refresh_token) })).status).toBe(400);
    expect((await revoke("never-issued")).status).toBe(200);
  });
});
