import "@shopify/shopify-api/adapters/web-api";
import { ApiVersion, LogSeverity, shopifyApi, type Shopify } from "@shopify/shopify-api";
import { PermanentError } from "../_core/errors";
import {
  buildAuthorizeUrl as buildOAuthAuthorizeUrl,
  exchangeAuthorizationCode,
  refreshAccessToken as refreshOAuthAccessToken,
  type OAuthTokenSet,
  type TokenEndpoint,
  type TokenRequestOptions,
} from "../_core/oauth";
import { ADMIN_API_VERSION } from "./graphql-client";

// Shopify app authentication: the authorization code grant for a non-embedded app, with
// expiring offline tokens (1-hour access token + rotating refresh token), on the shared OAuth
// helper (_core/oauth.ts): Shopify's token endpoint takes JSON with the client's id and secret in
// the body, and its code exchange carries no grant_type.
//
// What comes from @shopify/shopify-api: the query HMAC check (canonical serialisation,
// timing-safe compare, 90 s timestamp tolerance) and, in webhook-verify.ts, the webhook HMAC
// check. The library's `auth.begin`/`auth.callback`/`auth.refreshToken` build `https://${shop}/admin/...`
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

/**
 * What a person types for their store: the permanent `<name>.myshopify.com` domain, the bare name
 * or a pasted admin URL are reduced to the domain; anything else (a custom storefront domain) is
 * null. Only for typed input: what Shopify signs goes through normalizeShopDomain.
 */
export function normalizeShopInput(input: string): string | null {
  let value = input.trim().toLowerCase();
  value = value.replace(/^https?:\/\//, "").replace(/[/?#].*$/, "");
  if (/^[a-z0-9][a-z0-9-]*$/.test(value)) value = `${value}.myshopify.com`;
  return normalizeShopDomain(value);
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
  return buildOAuthAuthorizeUrl(`${input.shopOrigin}/admin/oauth/authorize`, {
    clientId: input.apiKey,
    scopes: input.scopes,
    scopeSeparator: ",",
    responseType: null,
    redirectUri: input.redirectUri,
    state: input.state,
  });
}

/** An expiring offline token: both expiries known (the refresh token's when Shopify says it). */
export type ShopifyTokenSet = OAuthTokenSet & { accessTokenExpiresAt: Date; refreshToken: string; scopes: string[] };

function tokenEndpoint(shopOrigin: string): TokenEndpoint {
  return { url: `${shopOrigin}/admin/oauth/access_token`, providerName: "Shopify", clientAuth: "body", bodyFormat: "json", codeGrant: "code-only" };
}

function expiringOffline(tokens: OAuthTokenSet, what: string): ShopifyTokenSet {
  const { accessTokenExpiresAt, refreshToken, scopes } = tokens;
  if (!accessTokenExpiresAt || !refreshToken || !scopes) {
    throw new PermanentError(`${what}: Shopify did not return an expiring offline token (access_token, expires_in, refresh_token, scope)`);
  }
  return { ...tokens, accessTokenExpiresAt, refreshToken, scopes };
}

const client = ({ apiKey, apiSecret }: ShopifyAppCredentials) => ({ clientId: apiKey, clientSecret: apiSecret });

/** Exchanges an authorization code (single use) for an expiring offline token. */
export async function exchangeCodeForToken(
  input: ShopifyAppCredentials & { shopOrigin: string; code: string },
  options: TokenRequestOptions = {},
): Promise<ShopifyTokenSet> {
  const tokens = await exchangeAuthorizationCode(tokenEndpoint(input.shopOrigin), client(input), { code: input.code, redirectUri: "", extra: { expiring: "1" } }, options);
  return expiringOffline(tokens, "Shopify token exchange");
}

/**
 * Trades a refresh token for a new access token and a new refresh token (rotation). 400/401
 * means the refresh token is dead: AuthExpiredError, only re-authorization helps.
 */
export async function refreshAccessToken(
  input: ShopifyAppCredentials & { shopOrigin: string; refreshToken: string },
  options: TokenRequestOptions = {},
): Promise<ShopifyTokenSet> {
  const tokens = await refreshOAuthAccessToken(tokenEndpoint(input.shopOrigin), client(input), { refreshToken: input.refreshToken }, options);
  return expiringOffline(tokens, "Shopify token refresh");
}
