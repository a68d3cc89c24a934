import { ConnectError, type OAuthAuth } from "../_core/auth";
import { buildAuthorizeUrl, exchangeAuthorizationCode, refreshAccessToken, type TokenEndpoint } from "../_core/oauth";
import { shipbobAccount } from "./account";
import type { ShipBobConfig } from "./config";
import type { TokenPacers } from "./request-pacer";

// Connecting through ShipBob's consent screen (developer.shipbob.com/auth, the spec's OAuth2
// scheme): authorize at <auth origin>/connect/authorize, code exchange and refresh at
// /connect/token (form body, the client's id and secret in it). Access tokens last an hour;
// refresh tokens rotate on every use and lapse after ~30 days unused, so the services'
// single-flight refresh saves each new one with the access token it came with.

/** What every stream and the webhook subscriptions read, and `offline_access` for a refresh token. */
export const SHIPBOB_OAUTH_SCOPES = [
  "channels_read",
  "orders_read",
  "products_read",
  "inventory_read",
  "receiving_read",
  "returns_read",
  "locations_read",
  "webhooks_read",
  "webhooks_write",
  "offline_access",
] as const;

const FAILURES = {
  no_channel: "This ShipBob account has no channel Meridian can read. Check the account in ShipBob, then connect again.",
} as const;

function app(config: ShipBobConfig): NonNullable<ShipBobConfig["oauth"]> {
  if (!config.oauth) throw new Error("ShipBob's OAuth app is not configured (SHIPBOB_CLIENT_ID, SHIPBOB_CLIENT_SECRET)");
  return config.oauth;
}

function tokenEndpoint(config: ShipBobConfig): TokenEndpoint {
  return { url: `${app(config).authUrl}/connect/token`, providerName: "ShipBob", clientAuth: "body", bodyFormat: "form" };
}

export function createShipBobOAuth(pacers: TokenPacers) {
  return {
    failures: FAILURES,
    enabled: (config) => config.oauth !== null,

    authorizeUrl: (config, { state, redirectUri }) =>
      buildAuthorizeUrl(`${app(config).authUrl}/connect/authorize`, { clientId: app(config).clientId, redirectUri, state, scopes: SHIPBOB_OAUTH_SCOPES }),

    // The account is read with the new token before anything is stored, as a pasted token's is.
    async exchangeCode(config, { code, redirectUri }) {
      const tokens = await exchangeAuthorizationCode(tokenEndpoint(config), app(config), { code, redirectUri });
      const identity = await shipbobAccount(config, tokens.accessToken, pacers);
      if (!identity) throw new ConnectError("no_channel", FAILURES.no_channel);
      return { tokens, identity };
    },

    refresh: (config, { refreshToken }) => refreshAccessToken(tokenEndpoint(config), app(config), { refreshToken }),

    formActionOrigins: (config) => [new URL(app(config).authUrl).origin],
  } satisfies OAuthAuth<ShipBobConfig>;
}
