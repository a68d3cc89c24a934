import type { IncomingMessage } from "node:http";
import type { HttpAnswer } from "../_kit/http";
import { authorizeEndpoint, tokenEndpoint, type OAuthClient } from "../_kit/oauth";
import type { Issued } from "../_kit/oauth-tokens";
import { signQuery } from "./hmac";
import { parseScopes } from "./scopes";
import type { SandboxShop } from "./shop";

/** Shopify's expiring offline token response. */
export interface TokenResponse {
  access_token: string;
  scope: string;
  expires_in: number;
  refresh_token: string;
  refresh_token_expires_in: number;
}

export function shopifyTokenResponse(issued: Issued): TokenResponse {
  return {
    access_token: issued.accessToken,
    scope: issued.scope,
    expires_in: issued.expiresIn,
    refresh_token: issued.refreshToken,
    refresh_token_expires_in: issued.refreshExpiresIn,
  };
}

/** Shopify's `host` parameter: base64 of the shop's admin path, without padding. */
export function hostParam(domain: string): string {
  return Buffer.from(`admin.shopify.com/store/${domain.replace(/\.myshopify\.com$/, "")}`).toString("base64").replace(/=+$/, "");
}

function appClient(shop: SandboxShop): (clientId: string) => OAuthClient | undefined {
  return (clientId) => (clientId === shop.app.apiKey ? { clientId, clientSecret: shop.app.apiSecret } : undefined);
}

/**
 * GET /admin/oauth/authorize: the consent page. POST (its form): the merchant clicked
 * "Install app": a single-use code and a redirect to `redirect_uri` signed like Shopify's.
 */
export function authorize(shop: SandboxShop, req: IncomingMessage, url: URL, appName: string): Promise<HttpAnswer> {
  return authorizeEndpoint(req, url, {
    provider: `Sandbox Shopify · ${shop.domain}`,
    appName,
    heading: `Install ${appName}`,
    approveLabel: "Install app",
    client: appClient(shop),
    parseScope: parseScopes,
    tokens: shop.tokens,
    approve: (request) => ({ scope: shop.grant(request.scopes).join(",") }),
    callbackParams: (code, request) =>
      signQuery(
        {
          code,
          host: hostParam(shop.domain),
          shop: shop.domain,
          ...(request.state !== undefined ? { state: request.state } : {}),
          timestamp: String(Math.floor(shop.clock.now() / 1000)),
        },
        shop.app.apiSecret,
      ),
  });
}

/**
 * POST /admin/oauth/access_token: authorization_code (Shopify's request has no grant_type) and
 * refresh_token grants, JSON or form, the client's id and secret in the body. Scopes are the
 * installation's as they are now (the merchant may have changed them since).
 */
export function accessToken(shop: SandboxShop, req: IncomingMessage, url: URL): Promise<HttpAnswer> {
  return tokenEndpoint(req, url, {
    client: appClient(shop),
    clientAuth: ["body"],
    tokens: shop.tokens,
    defaultGrantType: "authorization_code",
    tokenResponse: shopifyTokenResponse,
    scopeOnRefresh: () => shop.scopes.join(","),
    error: (error, description, refusal) =>
      refusal === "code"
        ? { status: 400, body: { error: "invalid_request", error_description: "The authorization code was not found or was already used" } }
        : { status: error === "invalid_client" ? 401 : 400, body: { error, error_description: description } },
  });
}
