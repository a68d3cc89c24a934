import type { OAuthAuth } from "../_core/auth";
import { buildAuthorizeUrl, exchangeAuthorizationCode, refreshAccessToken, type TokenEndpoint } from "../_core/oauth";
import { propertyIdentity, readableProperties } from "./accounts";
import { GA4_SCOPE, type Ga4Config } from "./config";

// Connecting through Google's consent screen (developers.google.com/identity/protocols/oauth2/web-server):
// analytics.readonly, offline access for a refresh token, and `prompt=consent` so a person who
// connected before still gets one. Google's refresh tokens do not rotate. The grant opens every
// property the Google account can read: the person picks one after consent.


function app(config: Ga4Config): NonNullable<Ga4Config["oauth"]> {
  if (!config.oauth) throw new Error("Google's OAuth client is not configured (GOOGLE_CLIENT_ID, GOOGLE_CLIENT_SECRET)");
  return config.oauth;
}

const tokenEndpoint = (config: Ga4Config): TokenEndpoint => ({ url: config.tokenUrl, providerName: "Google", clientAuth: "body", bodyFormat: "form" });

export const ga4OAuth = {
  enabled: (config) => config.oauth !== null,

  authorizeUrl: (config, { state, redirectUri }) =>
    buildAuthorizeUrl(config.authorizeUrl, {
      clientId: app(config).clientId,
      redirectUri,
      state,
      scopes: [GA4_SCOPE],
      extra: { access_type: "offline", prompt: "consent", include_granted_scopes: "true" },
    }),

  async exchangeCode(config, { code, redirectUri }) {
    return { tokens: await exchangeAuthorizationCode(tokenEndpoint(config), app(config), { code, redirectUri }), identity: null };
  },

  accounts: {
    label: "GA4 property",
    list: (config, accessToken) => readableProperties(config, { accessToken, who: null }),
    identity: (config, accessToken, propertyId) => propertyIdentity(config, { accessToken, who: null }, propertyId),
  },

  refresh: (config, { refreshToken }) => refreshAccessToken(tokenEndpoint(config), app(config), { refreshToken }),

  formActionOrigins: (config) => [new URL(config.authorizeUrl).origin],
} satisfies OAuthAuth<Ga4Config>;
