import "server-only";
import type { AccountOption } from "@/server/connectors/_core/auth";
import { connectorFor } from "@/server/connectors/registry";
import { connectorEnv } from "@/server/env";
import { AppError } from "@/server/errors";
import { credentialsRefusal } from "./create-connection";
import type { ConfigDeps } from "./oauth-connector";
import type { ListCredentialAccountsInput } from "./schema";

/**
 * For the credentials form of a connector that lets the person pick the account (a GA4 key file
 * opens every property its service account is a user of): the accounts the entered values open,
 * checked live and stored nowhere. The pick then goes to connection.create with the values.
 */
export async function listCredentialAccounts(input: ListCredentialAccountsInput, deps: ConfigDeps = {}): Promise<{ label: string; accounts: AccountOption[] }> {
  const connector = connectorFor(input.provider);
  const chooser = connector.auth.credentials?.accounts;
  if (!chooser) throw new AppError("BAD_REQUEST", `${connector.info.name} has no accounts to choose from: connect it directly.`);
  const config = deps.config === undefined ? connector.config(connectorEnv()) : deps.config;
  if (config === null) throw new AppError("BAD_REQUEST", `${connector.info.name} is not set up on this Meridian server. ${connector.info.setup}`);
  const values = connector.auth.credentials!.schema.parse(input.credentials);
  try {
    return { label: chooser.label, accounts: await chooser.list(config, values) };
  } catch (error) {
    throw credentialsRefusal(connector, error);
  }
}
