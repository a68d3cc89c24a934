import "server-only";
import type { OAuthAuth } from "@/server/connectors/_core/auth";
import type { Connector } from "@/server/connectors/_core/connector";
import { connectorFor, providerFromSlug, providerSlug } from "@/server/connectors/registry";
import type { Provider } from "@/server/connectors/providers";
import { appUrl, connectorEnv } from "@/server/env";
import { connectFailure } from "./connect-failures";

/** A provider that connects through OAuth, with its configuration on this server. */
export type OAuthConnector = { provider: Provider; connector: Connector; auth: OAuthAuth<unknown>; config: unknown };

/** Tests hand a configuration in (null: switched off); otherwise the connector reads the environment. */
export type ConfigDeps = { config?: unknown };

/** The provider's OAuth side, or null when it offers no OAuth (its routes answer 404). */
export function oauthConnectorOf(provider: Provider): { connector: Connector; auth: OAuthAuth<unknown> } | null {
  const connector = connectorFor(provider);
  const { oauth } = connector.auth;
  return oauth ? { connector, auth: oauth } : null;
}

/**
 * Its configuration, or ConnectError `not_configured` when this server has the provider switched
 * off (`sign_in_not_configured`: the provider works, but not through OAuth).
 */
export function configuredOAuth(provider: Provider, deps: ConfigDeps = {}): OAuthConnector {
  const found = oauthConnectorOf(provider);
  if (!found) throw new Error(`${provider} does not connect through OAuth`);
  const config = deps.config === undefined ? found.connector.config(connectorEnv()) : deps.config;
  if (config === null) throw connectFailure(found.connector, "not_configured");
  if (found.auth.enabled?.(config) === false) throw connectFailure(found.connector, "sign_in_not_configured");
  return { provider, ...found, config };
}

/** Where the provider sends the browser back: its public base URL (default: the app's) and our callback route. */
export function callbackUrl({ provider, auth, config }: OAuthConnector): string {
  return `${auth.redirectBaseUrl?.(config) ?? appUrl()}/api/connections/${providerSlug(provider)}/callback`;
}

/** Meridian's own start of a connect (the Connections form, the picker, a reconnect email). */
export function installPath(provider: Provider, auth: OAuthAuth<unknown>, query: { workspaceSlug: string; account: string | null }): string {
  const params = new URLSearchParams({ workspace: query.workspaceSlug });
  if (auth.account && query.account) params.set(auth.account.name, query.account);
  return `/api/connections/${providerSlug(provider)}/install?${params}`;
}

/** The OAuth provider a route's `[provider]` segment names, or null (the route answers 404). */
export function oauthProviderOfSlug(slug: string): Provider | null {
  const provider = providerFromSlug(slug);
  return provider && oauthConnectorOf(provider) ? provider : null;
}
