import type { ConnectorEnv } from "../_core/connector";

// ShipBob's configuration on this server. server/env.ts validates SHIPBOB_API_URL (and gives it its
// default); this reads it. A brand connects with a token of its own, so nothing else is needed.

/** The API version every path is pinned to (developer.shipbob.com/versioning: supported until 31 Jan 2027). */
export const API_VERSION = "2026-01";

export type ShipBobConfig = {
  /** ShipBob's API origin, without a trailing slash (https://api.shipbob.com; the sandbox locally). */
  apiUrl: string;
};

export function shipbobConfig({ variables }: ConnectorEnv): ShipBobConfig {
  return { apiUrl: (variables.SHIPBOB_API_URL ?? "https://api.shipbob.com").replace(/\/$/, "") };
}
