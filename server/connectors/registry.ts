import type { ConnectorBase, ProviderId } from "./_core/connector";
import { shopifyConnector } from "./shopify";

/**
 * Every connector by provider. Each entry keeps its own type (its context and streams), and the
 * `satisfies` makes a connector with the wrong provider or shape a compile error; providers
 * without a connector yet are simply absent.
 */
export const connectors = {
  SHOPIFY: shopifyConnector,
} as const satisfies Partial<{ [P in ProviderId]: ConnectorBase & { provider: P } }>;

export type Connectors = typeof connectors;
