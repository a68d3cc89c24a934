import "server-only";
import type { CredentialField, FieldInfo } from "@/server/connectors/_core/auth";
import type { Connector, ConnectorCategory } from "@/server/connectors/_core/connector";
import { connectorFor, providerSlug, registeredProviders } from "@/server/connectors/registry";
import type { Provider } from "@/server/connectors/providers";
import { connectorEnv } from "@/server/env";

/** One way a provider connects, as the Connections page's form needs it. */
export type ConnectMethod =
  /** The browser goes to the provider's consent screen; `account` is asked first when the provider needs one. */
  | { kind: "oauth"; account: FieldInfo | null }
  /**
   * A form of these fields, sent to connection.create; `label` names it beside another way.
   * `accounts`: what the person picks among the accounts the values open (connection.credentialAccounts), or null.
   */
  | { kind: "credentials"; label: string | null; fields: CredentialField[]; accounts: string | null };

export type ConnectorChoice = {
  provider: Provider;
  slug: string;
  name: string;
  category: ConnectorCategory;
  summary: string;
  /** The ways this server offers, OAuth first: at least one. */
  ways: ConnectMethod[];
  /** Null when this server has the provider set up; otherwise what would switch it on. */
  unavailable: string | null;
};

/** OAuth when its app is switched on here (or the provider is off altogether, to show what it would be), then credentials. */
function waysOf({ auth }: Connector, config: unknown): ConnectMethod[] {
  const { oauth, credentials } = auth;
  const ways: ConnectMethod[] = [];
  if (oauth && (config === null || oauth.enabled?.(config) !== false)) {
    const account = oauth.account ? { name: oauth.account.name, label: oauth.account.label, placeholder: oauth.account.placeholder, hint: oauth.account.hint } : null;
    ways.push({ kind: "oauth", account });
  }
  if (credentials) ways.push({ kind: "credentials", label: credentials.label ?? null, fields: credentials.fields.map((field) => ({ ...field })), accounts: credentials.accounts?.label ?? null });
  return ways;
}

/** Every provider Meridian has a connector for, for the Connections page's picker. */
export function listConnectorChoices(): ConnectorChoice[] {
  const env = connectorEnv();
  return registeredProviders().map((provider) => {
    const connector = connectorFor(provider);
    const { info } = connector;
    const config = connector.config(env);
    return {
      provider,
      slug: providerSlug(provider),
      name: info.name,
      category: info.category,
      summary: info.summary,
      ways: waysOf(connector, config),
      unavailable: config === null ? `${info.name} is not set up on this Meridian server. ${info.setup}` : null,
    };
  });
}
