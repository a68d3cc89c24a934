import type { IncomingMessage } from "node:http";
import { BadRequestBody, escapeHtml, readParams, type HttpAnswer } from "./http";
import type { GrantInfo, Issued, RefreshFailure, TokenStore } from "./oauth-tokens";
import { safeEqual } from "./signing";

// The OAuth 2.0 authorization server parts a provider sandbox needs (RFC 6749 with RFC 7009
// revocation): the consent page, the token endpoint and the revocation endpoint. The provider
// gives its client registry, its token store and the shapes where it departs from the RFC.

export interface OAuthClient {
  clientId: string;
  clientSecret: string;
  /** Exact redirect URIs the client registered; absent: any http(s) URI. */
  redirectUris?: string[];
}

export type OAuthError = "invalid_request" | "invalid_client" | "invalid_grant" | "unauthorized_client" | "unsupported_grant_type" | "invalid_scope";

/** Why a grant was refused, for a provider that words its errors per case. */
export type GrantRefusal = "code" | RefreshFailure;

export interface TokenEndpointConfig {
  client(clientId: string): OAuthClient | undefined;
  /** How clients may authenticate: HTTP Basic (RFC 6749 §2.3.1) and/or `client_id` + `client_secret` in the body. */
  clientAuth: readonly ("basic" | "body")[];
  tokens: TokenStore;
  /** The grant_type assumed when a request has none (Shopify's code exchange sends none). */
  defaultGrantType?: string;
  /** The token response body. Default: RFC 6749 §5.1. */
  tokenResponse?(issued: Issued): unknown;
  /** The error answer. Default: RFC 6749 §5.2, 401 for invalid_client and 400 otherwise. */
  error?(error: OAuthError, description: string, refusal?: GrantRefusal): HttpAnswer;
  /** The scope a refreshed grant gets when the provider re-reads what was granted (default: the grant's own). */
  scopeOnRefresh?(): string;
  /** More grant types (`client_credentials`, `urn:ietf:params:oauth:grant-type:jwt-bearer`): tokens, or an error. */
  grants?: Record<string, (params: Record<string, string>, client: OAuthClient) => Issued | { error: OAuthError; description: string }>;
  /** A limit of the provider's on some grants (FreeAgent caps token refreshes per minute): its refusal, or undefined to go on. */
  limitGrant?(grantType: string, client: OAuthClient): HttpAnswer | undefined;
}

export function rfcTokenResponse(issued: Issued): Record<string, unknown> {
  return { access_token: issued.accessToken, token_type: "Bearer", expires_in: issued.expiresIn, refresh_token: issued.refreshToken, scope: issued.scope };
}

function rfcError(error: OAuthError, description: string): HttpAnswer {
  return { status: error === "invalid_client" ? 401 : 400, body: { error, error_description: description } };
}

/** The client that authenticated, or undefined (HTTP Basic takes precedence over body parameters). */
function authenticateClient(req: IncomingMessage, params: Record<string, string>, config: TokenEndpointConfig): OAuthClient | undefined {
  let id: string | undefined;
  let secret: string | undefined;
  const basic = /^Basic\s+(.+)$/i.exec(req.headers.authorization ?? "")?.[1];
  if (basic && config.clientAuth.includes("basic")) {
    const decoded = Buffer.from(basic, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon < 0) return undefined;
    // RFC 6749 §2.3.1: both parts are form-urlencoded before encoding.
    id = decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, " "));
    secret = decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, " "));
  } else if (config.clientAuth.includes("body")) {
    id = params.client_id;
    secret = params.client_secret;
  }
  const client = id === undefined ? undefined : config.client(id);
  return client && secret !== undefined && safeEqual(secret, client.clientSecret) ? client : undefined;
}

/** The token endpoint: authorization_code, refresh_token and the provider's extension grants. */
export async function tokenEndpoint(req: IncomingMessage, url: URL, config: TokenEndpointConfig): Promise<HttpAnswer> {
  const fail = (error: OAuthError, description: string, refusal?: GrantRefusal) => (config.error ?? rfcError)(error, description, refusal);
  const respond = (issued: Issued): HttpAnswer => ({ status: 200, headers: { "Cache-Control": "no-store" }, body: (config.tokenResponse ?? rfcTokenResponse)(issued) });
  let params: Record<string, string>;
  try {
    params = await readParams(req, url);
  } catch (error) {
    if (error instanceof BadRequestBody) return fail("invalid_request", "The request body could not be parsed.");
    throw error;
  }
  const client = authenticateClient(req, params, config);
  if (!client) return fail("invalid_client", "Client authentication failed: unknown client_id or wrong client_secret.");
  const grantType = params.grant_type ?? config.defaultGrantType;
  if (!grantType) return fail("invalid_request", "grant_type is required.");
  const limited = config.limitGrant?.(grantType, client);
  if (limited) return limited;

  if (grantType === "authorization_code") {
    if (!params.code) return fail("invalid_request", "code is required.");
    const issued = config.tokens.redeemCode(params.code, { clientId: client.clientId, redirectUri: params.redirect_uri });
    return issued ? respond(issued) : fail("invalid_grant", "The authorization code is invalid, expired, already used, or was issued to another client or redirect_uri.", "code");
  }
  if (grantType === "refresh_token") {
    if (!params.refresh_token) return fail("invalid_request", "refresh_token is required.");
    const issued = config.tokens.refresh(params.refresh_token, { clientId: client.clientId, scope: config.scopeOnRefresh?.() });
    return typeof issued === "string" ? fail("invalid_grant", "The refresh token is invalid, expired or revoked.", issued) : respond(issued);
  }
  const extension = config.grants?.[grantType];
  if (!extension) return fail("unsupported_grant_type", `Unsupported grant_type: ${grantType}`);
  const issued = extension(params, client);
  return "error" in issued ? fail(issued.error, issued.description) : respond(issued);
}

/** RFC 7009 revocation: 200 whether or not the token was known, once the client authenticated. */
export async function revocationEndpoint(req: IncomingMessage, url: URL, config: TokenEndpointConfig): Promise<HttpAnswer> {
  const fail = (error: OAuthError, description: string) => (config.error ?? rfcError)(error, description);
  const params = await readParams(req, url).catch(() => undefined);
  if (!params) return fail("invalid_request", "The request body could not be parsed.");
  if (!authenticateClient(req, params, config)) return fail("invalid_client", "Client authentication failed: unknown client_id or wrong client_secret.");
  if (!params.token) return fail("invalid_request", "token is required.");
  config.tokens.revoke(params.token);
  return { status: 200 };
}

/** One authorization request, as the consent page received it. */
export interface AuthorizationRequest {
  client: OAuthClient;
  redirectUri: string;
  /** The raw `scope` parameter, and its parts in the provider's notation. */
  scope: string;
  scopes: string[];
  state?: string;
  /** Every parameter of the request. */
  params: Record<string, string>;
}

export interface ConsentConfig {
  /** Shown above the heading ("Sandbox ShipBob · Demo Brand"). */
  provider: string;
  appName: string;
  /** The page's heading ("Install Meridian", "Authorize Meridian"). */
  heading: string;
  /** The approve button ("Install app", "Allow"). */
  approveLabel: string;
  client(clientId: string): OAuthClient | undefined;
  /** Splits the scope parameter (comma-separated for Shopify, space-separated in RFC 6749). */
  parseScope(scope: string): string[];
  tokens: TokenStore;
  /** The user approved: records it (e.g. the installation's scopes) and says what the code grants. */
  approve(request: AuthorizationRequest): GrantInfo;
  /** The callback's query. Default: `code` and `state` (Shopify adds its signed shop parameters). */
  callbackParams?(code: string, request: AuthorizationRequest): Record<string, string>;
}

function errorPage(status: number, message: string): HttpAnswer {
  return {
    status,
    headers: { "Content-Type": "text/html; charset=utf-8" },
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Oauth error</title></head><body><main><h1>Oauth error</h1><p>${escapeHtml(message)}</p></main></body></html>`,
  };
}

function callback(redirectUri: string, params: Record<string, string>): HttpAnswer {
  const target = new URL(redirectUri);
  for (const [key, value] of Object.entries(params)) target.searchParams.set(key, value);
  return { status: 302, headers: { Location: target.toString() } };
}

/**
 * The authorization endpoint. GET: the consent page, whose form posts the same parameters back.
 * POST: "approve" issues a single-use code and redirects to `redirect_uri` with it; "deny"
 * redirects with `error=access_denied` (RFC 6749 §4.1.2.1).
 */
export async function authorizeEndpoint(req: IncomingMessage, url: URL, config: ConsentConfig): Promise<HttpAnswer> {
  const params = req.method === "POST" ? await readParams(req, url) : Object.fromEntries(url.searchParams);
  const { client_id: clientId = "", scope = "", redirect_uri: redirectUri, state, deny, ...rest } = params;
  const client = config.client(clientId);
  if (!client) return errorPage(400, "Invalid client_id: the app was not found.");
  if (!redirectUri || !/^https?:\/\//.test(redirectUri)) return errorPage(400, "The redirect_uri is missing or not a valid URL.");
  if (client.redirectUris && !client.redirectUris.includes(redirectUri)) return errorPage(400, "The redirect_uri is not registered for this app.");
  const request: AuthorizationRequest = { client, redirectUri, scope, scopes: config.parseScope(scope), state, params };

  if (req.method === "POST") {
    if (deny) return callback(redirectUri, { error: "access_denied", ...(state !== undefined ? { state } : {}) });
    const code = config.tokens.issueCode({ ...config.approve(request), clientId, redirectUri });
    return callback(redirectUri, config.callbackParams?.(code, request) ?? { code, ...(state !== undefined ? { state } : {}) });
  }

  const hidden = Object.entries({ client_id: clientId, scope, redirect_uri: redirectUri, ...(state !== undefined ? { state } : {}), ...rest })
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join("");
  const items = request.scopes.map((s) => `<li>${escapeHtml(s)}</li>`).join("");
  const app = escapeHtml(config.appName);
  return {
    status: 200,
    headers: { "Content-Type": "text/html; charset=utf-8" },
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(config.heading)} – ${escapeHtml(config.provider)}</title>
<style>body{font-family:system-ui,sans-serif;background:#f1f1f1;margin:0}main{max-width:32rem;margin:4rem auto;background:#fff;padding:2rem;border-radius:.75rem}button{background:#303030;color:#fff;border:0;border-radius:.5rem;padding:.6rem 1.2rem;font-size:1rem;cursor:pointer;margin-right:.5rem}button[name=deny]{background:#fff;color:#303030;border:1px solid #8a8a8a}button:focus-visible{outline:3px solid #005bd3;outline-offset:2px}</style></head>
<body><main><p>${escapeHtml(config.provider)}</p><h1>${escapeHtml(config.heading)}</h1>
<p>${app} will be able to:</p><ul>${items}</ul>
<form method="post" action="${escapeHtml(url.pathname)}">${hidden}<button type="submit" autofocus>${escapeHtml(config.approveLabel)}</button><button type="submit" name="deny" value="1">Cancel</button></form></main></body></html>`,
  };
}
