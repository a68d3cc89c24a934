import type { ConnectorEnv } from "../_core/connector";
import type { OAuthClient } from "../_core/oauth";

// Google Analytics 4's configuration on this server. server/env.ts validates GA4_DATA_API_URL,
// GA4_ADMIN_API_URL, GOOGLE_OAUTH_TOKEN_URL and GOOGLE_OAUTH_AUTHORIZE_URL (and gives them their
// defaults) and GOOGLE_CLIENT_ID/SECRET (both or neither); this reads them. A service account's
// key file needs no OAuth client, so GA4 is always on; the OAuth client adds "Sign in with Google".

const GA4_DEFAULT_URLS = {
  dataApiUrl: "https://analyticsdata.googleapis.com",
  adminApiUrl: "https://analyticsadmin.googleapis.com",
  tokenUrl: "https://oauth2.googleapis.com/token",
  authorizeUrl: "https://accounts.google.com/o/oauth2/v2/auth",
} as const;

/** The one scope GA4 is read with (both ways): reports, metadata and the account summaries. */
export const GA4_SCOPE = "https://www.googleapis.com/auth/analytics.readonly";

export type Ga4Config = {
  /** The Data API's origin (runReport, metadata), without a trailing slash. */
  dataApiUrl: string;
  /** The Admin API's origin (accountSummaries), without a trailing slash. */
  adminApiUrl: string;
  /** Google's OAuth token endpoint: a service account's JWT-bearer grant and OAuth's code and refresh grants. */
  tokenUrl: string;
  /** Google's consent page (OAuth only). */
  authorizeUrl: string;
  /** The Google OAuth client, or null: then brands connect with a service-account key file only. */
  oauth: OAuthClient | null;
};

const trimmed = (url: string) => url.replace(/\/$/, "");

export function ga4Config({ variables }: ConnectorEnv): Ga4Config {
  const { GOOGLE_CLIENT_ID: clientId, GOOGLE_CLIENT_SECRET: clientSecret } = variables;
  return {
    dataApiUrl: trimmed(variables.GA4_DATA_API_URL ?? GA4_DEFAULT_URLS.dataApiUrl),
    adminApiUrl: trimmed(variables.GA4_ADMIN_API_URL ?? GA4_DEFAULT_URLS.adminApiUrl),
    tokenUrl: variables.GOOGLE_OAUTH_TOKEN_URL ?? GA4_DEFAULT_URLS.tokenUrl,
    authorizeUrl: variables.GOOGLE_OAUTH_AUTHORIZE_URL ?? GA4_DEFAULT_URLS.authorizeUrl,
    oauth: clientId && clientSecret ? { clientId, clientSecret } : null,
  };
}
