import type { OAuthAuth } from "../_core/auth";
import { buildAuthorizeUrl, exchangeAuthorizationCode, refreshAccessToken, type TokenEndpoint } from "../_core/oauth";
import { freeagentAccount } from "./account";
import type { FreeAgentConfig } from "./config";

// Connecting through FreeAgent's consent screen (dev.freeagent.com/docs/oauth): authorize at
// <api>/approve_app, code exchange and refresh at <api>/token_endpoint with a form body and the
// client authenticated with HTTP Basic only. Access tokens last an hour; every refresh answers a
// new refresh token with its lifetime (`refresh_token_expires_in`, read from the answer, never
// assumed), which the services' single-flight refresh saves. Refreshes have a limit of their own
// (per OAuth app): the kit refreshes once per expiry, never in a loop. A refused refresh token
// (revoked by the user, or spent) is AuthExpiredError: the connection needs re-authorization.

function tokenEndpoint(config: FreeAgentConfig): TokenEndpoint {
  return { url: `${config.apiUrl}/token_endpoint`, providerName: "FreeAgent", clientAuth: "basic", bodyFormat: "form" };
}

export const freeagentOAuth = {
  authorizeUrl: (config, { state, redirectUri }) => buildAuthorizeUrl(`${config.apiUrl}/approve_app`, { clientId: config.oauth.clientId, redirectUri, state }),

  // The company and user are read with the new token before anything is stored.
  async exchangeCode(config, { code, redirectUri }) {
    const tokens = await exchangeAuthorizationCode(tokenEndpoint(config), config.oauth, { code, redirectUri });
    return { tokens, identity: await freeagentAccount(config, tokens.accessToken) };
  },

  refresh: (config, { refreshToken }) => refreshAccessToken(tokenEndpoint(config), config.oauth, { refreshToken }),

  formActionOrigins: (config) => [new URL(config.apiUrl).origin],
} satisfies OAuthAuth<FreeAgentConfig>;
