import { connectorFor, registeredProvider } from "@/server/connectors/registry";
import { connectorEnv } from "@/server/env";

export type ProviderLink = { label: string; url: string };

// "View in <provider>": the order's page in the provider's own admin, as its connector builds it;
// none when the connector has no such page or this server has the provider switched off.
export function orderInProvider(
  connection: { provider: string; externalAccountId: string },
  order: { externalId: string },
  env = connectorEnv(),
): ProviderLink | null {
  const provider = registeredProvider(connection.provider);
  if (!provider) return null;
  const connector = connectorFor(provider);
  const config = connector.config(env);
  const url = config === null ? undefined : connector.links?.order?.(config, connection, order);
  return url ? { label: `View in ${connector.info.name}`, url } : null;
}
