import type { Connector, ConnectorEnv } from "./_core/connector";
import { freeagentConnector } from "./freeagent";
import { ga4Connector } from "./ga4";
import type { Provider } from "./providers";
import { shipbobConnector } from "./shipbob";
import { shopifyConnector } from "./shopify";

/**
 * Every connector by provider. Each entry keeps its own type (its config, context and streams);
 * the `satisfies` makes a provider in PROVIDERS without a connector, or a connector of the wrong
 * shape, a compile error (registry.test.ts proves it).
 */
export const connectors = {
  SHOPIFY: shopifyConnector,
  SHIPBOB: shipbobConnector,
  FREEAGENT: freeagentConnector,
  GA4: ga4Connector,
} as const satisfies Record<Provider, Connector>;

export type Connectors = typeof connectors;

/** Every provider with a connector, in PROVIDERS' order (the picker lists them so). */
export function registeredProviders(): Provider[] {
  return Object.keys(connectors) as Provider[];
}

/** The provider a stored string names, when it has a connector (Connection.provider is text). */
export function registeredProvider(value: string): Provider | null {
  return registeredProviders().find((provider) => provider === value) ?? null;
}

/** How people read a stored provider: its connector's name, or the stored string when it has none. */
export function providerName(value: string): string {
  const provider = registeredProvider(value);
  return provider ? connectorFor(provider).info.name : value;
}

/** A provider's connector, seen through the contract (services that work for any provider). */
export function connectorFor(provider: Provider): Connector {
  return connectors[provider];
}

/** The provider a URL segment names (`/api/connections/<slug>/...`): its id, lower-cased. */
export function providerFromSlug(slug: string): Provider | null {
  return registeredProviders().find((provider) => providerSlug(provider) === slug) ?? null;
}

export function providerSlug(provider: Provider): string {
  return provider.toLowerCase();
}

/** Every configured connector's form-action origins, for the CSP (next.config.ts, at build time). */
export function connectorFormActionOrigins(env: ConnectorEnv): string[] {
  const origins = registeredProviders().flatMap((provider) => {
    const connector = connectorFor(provider);
    const config = connector.config(env);
    const { oauth } = connector.auth;
    return config === null || !oauth || oauth.enabled?.(config) === false ? [] : (oauth.formActionOrigins?.(config) ?? []);
  });
  return [...new Set(origins)];
}
