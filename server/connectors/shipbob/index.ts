import type { Connector } from "../_core/connector";
import { createShipBobAuth } from "./auth";
import type { ShipBobToken } from "./credentials";
import { shipbobConfig, type ShipBobConfig } from "./config";
import { TokenPacers } from "./request-pacer";
import { createShipBobSync, type ShipBobSyncOptions } from "./sync";
import { shipbobWebhooks } from "./webhooks";

export { API_VERSION, type ShipBobConfig } from "./config";
export { SHIPBOB_PACING, SlidingWindowPacer, TokenPacers, type PacerClock, type PacingOptions } from "./request-pacer";
export { createShipBobSync, OVERLAP_MS, type ShipBobSyncOptions } from "./sync";
export type { ShipBobCredentials, ShipBobToken } from "./credentials";
export { SHIPBOB_OAUTH_SCOPES } from "./oauth";
export { registerShipBobWebhooks } from "./register-webhooks";
export { SHIPBOB_WEBHOOK_TOPICS, shipbobWebhookSecret, shipbobWebhookUrl } from "./webhooks";

/**
 * The ShipBob connector, its requests paced by `pacers` (one allowance per token, shared by every
 * connection of the process using it). Tests build one on a clock of their own.
 */
export function createShipBobConnector(pacers = new TokenPacers(), syncOptions: ShipBobSyncOptions = {}) {
  return {
    provider: "SHIPBOB",
    info: {
      name: "ShipBob",
      category: "fulfilment",
      summary: "Stock per fulfilment centre, shipments, returns and receiving orders from your ShipBob account.",
      setup: "A brand connects with a ShipBob personal access token, or through ShipBob's consent screen once SHIPBOB_CLIENT_ID and SHIPBOB_CLIENT_SECRET (the OAuth app) are set. For webhooks (changes within seconds instead of at the next sync), set SHIPBOB_WEBHOOK_SECRET on the server.",
    },
    config: shipbobConfig,
    auth: createShipBobAuth(pacers),
    sync: createShipBobSync(pacers, syncOptions),
    webhooks: shipbobWebhooks,
  } as const satisfies Connector<ShipBobConfig, ShipBobToken>;
}

export const shipbobConnector = createShipBobConnector();
