import type { ConnectorEnv } from "../_core/connector";

// ShipBob's configuration on this server. server/env.ts validates SHIPBOB_API_URL (and gives it its
// default) and SHIPBOB_WEBHOOK_SECRET; this reads them. A brand connects with a token of its own.

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
};

export function shipbobConfig({ appUrl, variables }: ConnectorEnv): ShipBobConfig {
  return {
    apiUrl: (variables.SHIPBOB_API_URL ?? "https://api.shipbob.com").replace(/\/$/, ""),
    appUrl,
    webhookKey: variables.SHIPBOB_WEBHOOK_SECRET ?? null,
  };
}
