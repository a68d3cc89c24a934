import type { OAuthClient } from "../_core/oauth";
import type { ConnectorEnv } from "../_core/connector";

// ShipBob's configuration on this server. server/env.ts validates SHIPBOB_API_URL and
// SHIPBOB_AUTH_URL (and gives them their defaults), SHIPBOB_CLIENT_ID/SECRET (both or neither) and
// SHIPBOB_WEBHOOK_SECRET; this reads them. A brand connects with a token of its own, or through
// ShipBob's consent screen when this server has an OAuth app.

/** The API version every path is pinned to (developer.shipbob.com/versioning: supported until 31 Jan 2027). */
export const API_VERSION = "2026-01";

export type ShipBobConfig = {
  /** ShipBob's API origin, without a trailing slash (https://api.shipbob.com; the sandbox locally). */
  apiUrl: string;
  /** The app's public URL, where ShipBob is told to deliver webhooks. */
  appUrl: string;
  /**
   * The server's key each account's webhook signing secret is derived from (webhooks.ts), or null:
   * then no subscription is made and every delivery is refused as unverifiable.
   */
  webhookKey: string | null;
  /**
   * ShipBob's OAuth app and the origin serving /connect/authorize and /connect/token
   * (https://auth.shipbob.com; the sandbox locally), or null: brands connect with a token only.
   */
  oauth: (OAuthClient & { authUrl: string }) | null;
};

export function shipbobConfig({ appUrl, variables }: ConnectorEnv): ShipBobConfig {
  const { SHIPBOB_CLIENT_ID: clientId, SHIPBOB_CLIENT_SECRET: clientSecret } = variables;
  return {
    apiUrl: (variables.SHIPBOB_API_URL ?? "https://api.shipbob.com").replace(/\/$/, ""),
    appUrl,
    webhookKey: variables.SHIPBOB_WEBHOOK_SECRET ?? null,
    oauth: clientId && clientSecret ? { clientId, clientSecret, authUrl: (variables.SHIPBOB_AUTH_URL ?? "https://auth.shipbob.com").replace(/\/$/, "") } : null,
  };
}
