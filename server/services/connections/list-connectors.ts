import "server-only";
import type { CredentialField, FieldInfo } from "@/server/connectors/_core/auth";
import type { ConnectorCategory } from "@/server/connectors/_core/connector";
import { connectorFor, providerSlug, registeredProviders } from "@/server/connectors/registry";
import type { Provider } from "@/server/connectors/providers";
import { connectorEnv } from "@/server/env";

/** How a provider connects, as the Connections page's form needs it. */
export type ConnectMethod =
  /** The browser goes to the provider's consent screen; `account` is asked first when the provider needs one. */
  | { kind: "oauth"; account: FieldInfo | null }
  /** A form of these fields, sent to connection.create. */
  | { kind: "credentials"; fields: CredentialField[] };

export type ConnectorChoice = {
  provider: Provider;
  slug: string;
  name: string;
  category: ConnectorCategory;
  summary: string;
  connect: ConnectMethod;
  /** Null when this server has the provider set up; otherwise what would switch it on. */
  unavailable: string | null;
};

/** Every provider Meridian has a connector for, for the Connections page's picker. */
export function listConnectorChoices(): ConnectorChoice[] {
  const env = connectorEnv();
  return registeredProviders().map((provider) => {
    const { info, auth, config } = connectorFor(provider);
    const connect: ConnectMethod =
      auth.kind === "oauth"
        ? { kind: "oauth", account: auth.account ? { name: auth.account.name, label: auth.account.label, placeholder: auth.account.placeholder, hint: auth.account.hint } : null }
        : { kind: "credentials", fields: auth.fields.map((field) => ({ ...field })) };
    return {
      provider,
      slug: providerSlug(provider),
      name: info.name,
      category: info.category,
      summary: info.summary,
      connect,
      unavailable: config(env) === null ? `${info.name} is not set up on this Meridian server. ${info.setup}` : null,
    };
  });
}
