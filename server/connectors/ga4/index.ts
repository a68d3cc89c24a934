import type { Connector } from "../_core/connector";
import { ga4Auth } from "./auth";
import { ga4Config, type Ga4Config } from "./config";
import type { ServiceAccountValues } from "./service-account";
import { createGa4Sync } from "./sync";

export { ga4Config, GA4_SCOPE, type Ga4Config } from "./config";
export { PropertyAccessDeniedError } from "./errors";
export type { ServiceAccountValues } from "./service-account";
export { createGa4Sync, type Ga4SyncOptions } from "./sync";

/** The GA4 connector: purchases per day and transaction, for reconciling a store's orders with what GA4 saw. */
export const ga4Connector = {
  provider: "GA4",
  info: {
    name: "Google Analytics 4",
    category: "analytics",
    summary: "Purchases GA4 recorded, by day and transaction id, to reconcile with your store's orders.",
    setup: "A brand connects with a service account's key file (always on), or through Google's consent screen once GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET (a Google OAuth client) are set.",
  },
  config: ga4Config,
  auth: ga4Auth,
  sync: createGa4Sync(),
} as const satisfies Connector<Ga4Config, ServiceAccountValues>;
