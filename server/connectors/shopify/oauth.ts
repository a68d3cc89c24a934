import "@shopify/shopify-api/adapters/web-api";
import { ApiVersion, LogSeverity, shopifyApi, type Shopify } from "@shopify/shopify-api";
import { z } from "zod";
import { AuthExpiredError, PermanentError, RateLimitedError, TransientError } from "@/server/connectors/_core/errors";
import { ADMIN_API_VERSION } from "./graphql-client";

// Shopify app authentication: the authorization code grant for a non-embedded app, with
// expiring offline tokens (1-hour access token + rotating refresh token).
//
// What comes from @shopify/shopify-api: the query HMAC check (canonical serialisation,
// timing-safe compare, 90 s timestamp tolerance) and, in webhook-verify.ts, the webhook HMAC
// check. What is written here: the authorize URL, the code exchange and the refresh grant. The
// library's `auth.begin`/`auth.callback`/`auth.refreshToken` build `https://${shop}/admin/...`
// themselves, so they cannot reach a shop at SHOPIFY_SHOP_ORIGIN (the sandbox over http in
// development and tests), and `auth.callback` also owns the state cookie and session storage we
// keep in our own tables. The library's shop sanitiser is not used either: it also accepts
// shopify.com, myshopify.io, shop.dev, underscores and admin URLs, where we accept only the
// anchored `<name>.myshopify.com` form Shopify's security review asks for.

export type ShopifyAppCredentials = { apiKey: string; apiSecret: string };

const SHOP_DOMAIN = /^[a-zA-Z0-9][a-zA-Z0-9-]*\.myshopify\.com$/;

/** The shop domain, lower-cased, when it is exactly `<name>.myshopify.com`; otherwise null. */
export function normalizeShopDomain(shop: string | null | undefined): string | null {
  if (!shop || shop.length > 255 || !SHOP_DOMAIN.test(shop)) return null;
  return shop.toLowerCase();
}

const libraries = new Map<string, Shopify>();

// One library instance per app credentials. Only its HMAC validators are used, so the host and
// API version given here never reach a request.
export function shopifyLibrary({ apiKey, apiSecret }: ShopifyAppCredentials): Shopify {
  const cacheKey = `${apiKey}\u0000${apiSecret}`;
  let library = libraries.get(cacheKey);
  if (!library) {
    library = shopifyApi({
      apiKey,
      apiSecretKey: apiSecret,
      hostName: "localhost",
      apiVersion: ADMIN_API_VERSION as ApiVersion,
      isEmbeddedApp: false,
      logger: { level: LogSeverity.Error },
    });
    libraries.set(cacheKey, library);
  }
  return library;
}

export type QueryHmacResult = "valid" | "missing" | "invalid" | "stale";

const TIMESTAMP_TOLERANCE_SECONDS = 90;

/**
 * Checks a Shopify-signed query (install launch, OAuth callback): the hex HMAC-SHA256 of the
 * sorted query without `hmac`/`signature`, keyed with the app secret, and a `timestamp` within
 * 90 s of now.
 */
export async function verifyQueryHmac(app: ShopifyAppCredentials, params: URLSearchParams): Promise<QueryHmacResult> {
  if (!params.get("hmac")) return "missing";
  // Shopify never repeats a key. Refused, because the library checks one value (the last) and
  // callers read another (`get` answers the first).
  const keys = [...params.keys()];
  if (new Set(keys).size !== keys.length) return "invalid";
  const timestamp = Number(params.get("timestamp"));
  if (!Number.isFinite(timestamp) || Math.abs(Date.now() / 1000 - timestamp) > TIMESTAMP_TOLERANCE_SECONDS) return "stale";
  try {
    return (await shopifyLibrary(app).utils.validateHmac(Object.fromEntries(params))) ? "valid" : "invalid";
  } catch {
    // The library throws rather than answering false for some malformed inputs.
    return "invalid";
  }
}

export function buildAuthorizeUrl(input: {
  shopOrigin: string;
  apiKey: string;
  scopes: readonly string[];
  redirectUri: string;
  state: string;
}): string {
  // No grant_options[]=per-user: an offline token belongs to the app's install, not to a person.
  const query = new URLSearchParams({
    client_id: input.apiKey,
    scope: input.scopes.join(","),
    redirect_uri: input.redirectUri,
    state: input.state,
  });
  return `${input.shopOrigin}/admin/oauth/authorize?${query}`;
}

export type ShopifyTokenSet = {
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  /** Null when Shopify does not say how long the refresh token lives. */
  refreshTokenExpiresAt: Date | null;
  scopes: string[];
};

const tokenResponse = z.object({
  access_token: z.string().min(1),
  scope: z.string(),
  expires_in: z.number().int().positive(),
  refresh_token: z.string().min(1),
  refresh_token_expires_in: z.number().int().positive().optional(),
});

export type TokenRequestOptions = { fetch?: typeof fetch; timeoutMs?: number; now?: () => Date };

const DEFAULT_TIMEOUT_MS = 10_000;

async function postTokenRequest(
  shopOrigin: string,
  body: Record<string, string>,
  what: string,
  options: TokenRequestOptions,
): Promise<{ status: number; json: unknown; retryAfter: string | null }> {
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(`${shopOrigin}/admin/oauth/access_token`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
      redirect: "error",
    });
  } catch (error) {
    const timedOut = error instanceof Error && error.name === "TimeoutError";
    throw new TransientError(`${what}: ${timedOut ? "Shopify did not answer in time" : "could not reach Shopify"}`, { cause: error });
  }
  let json: unknown = null;
  try {
    json = await response.json();
  } catch (error) {
    if (response.ok) throw new TransientError(`${what}: Shopify's answer was not JSON`, { status: response.status, cause: error });
  }
  return { status: response.status, json, retryAfter: response.headers.get("retry-after") };
}

function providerMessage(json: unknown): string {
  const parsed = z.object({ error: z.string().optional(), error_description: z.string().optional(), errors: z.unknown().optional() }).safeParse(json);
  if (!parsed.success) return "";
  const { error, error_description: description, errors } = parsed.data;
  const text = [error, description, typeof errors === "string" ? errors : undefined].filter(Boolean).join(": ");
  return text ? ` (${text})` : "";
}

function toTokenSet(json: unknown, what: string, status: number, now: Date): ShopifyTokenSet {
  const parsed = tokenResponse.safeParse(json);
  if (!parsed.success) {
    throw new PermanentError(`${what}: Shopify did not return an expiring offline token (access_token, expires_in, refresh_token)`, { status });
  }
  const t = parsed.data;
  return {
    accessToken: t.access_token,
    accessTokenExpiresAt: new Date(now.getTime() + t.expires_in * 1000),
    refreshToken: t.refresh_token,
    refreshTokenExpiresAt: t.refresh_token_expires_in ? new Date(now.getTime() + t.refresh_token_expires_in * 1000) : null,
    scopes: t.scope.split(",").map((s) => s.trim()).filter((s) => s !== ""),
  };
}

function retryAfterMs(header: string | null): number | undefined {
  const seconds = Number(header);
  return header && Number.isFinite(seconds) ? seconds * 1000 : undefined;
}

/** Exchanges an authorization code (single use) for an expiring offline token. */
export async function exchangeCodeForToken(
  input: ShopifyAppCredentials & { shopOrigin: string; code: string },
  options: TokenRequestOptions = {},
): Promise<ShopifyTokenSet> {
  const what = "Shopify token exchange";
  const startedAt = (options.now ?? (() => new Date()))();
  const { status, json, retryAfter } = await postTokenRequest(
    input.shopOrigin,
    { client_id: input.apiKey, client_secret: input.apiSecret, code: input.code, expiring: "1" },
    what,
    options,
  );
  if (status === 429) throw new RateLimitedError(`${what}: rate limited`, { status, retryAfterMs: retryAfterMs(retryAfter) });
  if (status >= 500) throw new TransientError(`${what}: Shopify answered ${status}`, { status });
  if (status !== 200) throw new PermanentError(`${what}: Shopify refused the code (${status})${providerMessage(json)}`, { status });
  return toTokenSet(json, what, status, startedAt);
}

/**
 * Trades a refresh token for a new access token and a new refresh token (rotation). 400/401
 * means the refresh token is dead: AuthExpiredError, only re-authorization helps.
 */
export async function refreshAccessToken(
  input: ShopifyAppCredentials & { shopOrigin: string; refreshToken: string },
  options: TokenRequestOptions = {},
): Promise<ShopifyTokenSet> {
  const what = "Shopify token refresh";
  const startedAt = (options.now ?? (() => new Date()))();
  const { status, json, retryAfter } = await postTokenRequest(
    input.shopOrigin,
    { client_id: input.apiKey, client_secret: input.apiSecret, grant_type: "refresh_token", refresh_token: input.refreshToken },
    what,
    options,
  );
  if (status === 400 || status === 401 || status === 403) {
    throw new AuthExpiredError(`${what}: Shopify refused the refresh token (${status})${providerMessage(json)}`, { status });
  }
  if (status === 429) throw new RateLimitedError(`${what}: rate limited`, { status, retryAfterMs: retryAfterMs(retryAfter) });
  if (status >= 500) throw new TransientError(`${what}: Shopify answered ${status}`, { status });
  if (status !== 200) throw new PermanentError(`${what}: unexpected answer ${status}${providerMessage(json)}`, { status });
  return toTokenSet(json, what, status, startedAt);
}
