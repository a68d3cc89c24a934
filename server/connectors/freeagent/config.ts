import type { ConnectorEnv } from "../_core/connector";
import type { OAuthClient } from "../_core/oauth";
import type { RequestWindowLimit } from "../_core/request-allowance";

// FreeAgent's configuration on this server. server/env.ts validates FREEAGENT_CLIENT_ID/SECRET
// (both or neither) and FREEAGENT_API_URL (default https://api.freeagent.com/v2; FreeAgent's own
// sandbox is https://api.sandbox.freeagent.com/v2); this reads them. FreeAgent connects only
// through OAuth, so without the app it is switched off.

/**
 * Per authorised user (dev.freeagent.com/docs/introduction, api-discuss #744): 120 requests a
 * minute and 3,600 an hour, fixed windows resetting on the minute and the hour.
 */
export const FREEAGENT_WINDOWS: readonly RequestWindowLimit[] = [
  { seconds: 60, limit: 120 },
  { seconds: 3600, limit: 3600 },
];

export type FreeAgentConfig = {
  /** The API base, /v2 included, without a trailing slash: OAuth's approve_app and token_endpoint live under it too. */
  apiUrl: string;
  oauth: OAuthClient;
  /** The request windows every connection's requests are taken from (a benchmark's compressed clock shortens them). */
  windows: readonly RequestWindowLimit[];
};

export function freeagentConfig({ variables }: ConnectorEnv): FreeAgentConfig | null {
  const { FREEAGENT_CLIENT_ID: clientId, FREEAGENT_CLIENT_SECRET: clientSecret } = variables;
  if (!clientId || !clientSecret) return null;
  return {
    apiUrl: (variables.FREEAGENT_API_URL ?? "https://api.freeagent.com/v2").replace(/\/$/, ""),
    oauth: { clientId, clientSecret },
    windows: FREEAGENT_WINDOWS,
  };
}
