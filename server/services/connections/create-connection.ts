import "server-only";
import { ZodRealError } from "zod";
import { CredentialsRefusedError, type AccountChooser, type AccountIdentity } from "@/server/connectors/_core/auth";
import type { Connector } from "@/server/connectors/_core/connector";
import { AuthExpiredError, isConnectorError, RateLimitedError, TransientError } from "@/server/connectors/_core/errors";
import { connectorFor } from "@/server/connectors/registry";
import { connectorEnv } from "@/server/env";
import { AppError } from "@/server/errors";
import type { AuditActor } from "@/server/services/audit/record-audit";
import { afterConnect } from "./after-connect";
import { sealCredentialValues, sealExchangedCredentials } from "./credentials";
import type { ConfigDeps } from "./oauth-connector";
import type { CreateConnectionInput } from "./schema";
import { storeConnection, StoreRefusedError } from "./store-connection";
import type { SendSyncEvent } from "./request-connection-sync";

// A field's message under its input: what the form reads (zod's flattened fieldErrors).
function fieldError(field: string, message: string): Error {
  return new ZodRealError([{ code: "custom", path: [field], message, input: undefined }]);
}

/** The provider's answer to a live call with entered values, as an error for the person who entered them. */
export function credentialsRefusal(connector: Connector, error: unknown): Error {
  const { name } = connector.info;
  if (error instanceof CredentialsRefusedError) return error.field ? fieldError(error.field, error.message) : new AppError("BAD_REQUEST", error.message, { cause: error });
  if (error instanceof AuthExpiredError) return new AppError("BAD_REQUEST", `${name} refused these credentials.`, { cause: error });
  if (error instanceof RateLimitedError || error instanceof TransientError) {
    return new AppError("BAD_REQUEST", `${name} could not be reached or did not answer in time, so nothing was saved. Try again in a minute.`, { cause: error });
  }
  if (isConnectorError(error)) return new AppError("BAD_REQUEST", `${name} did not accept these credentials: ${error.message}`, { cause: error });
  return error as Error;
}

/**
 * The account picked among those the values open; without a pick, the only one they open. Which
 * one is the person's choice, so several without a pick is asked under the `account` field.
 */
async function chosenAccount<Config, Values>(accounts: AccountChooser<Config, Values>, config: Config, values: Values, picked: string | undefined): Promise<AccountIdentity> {
  if (picked) return accounts.identity(config, values, picked);
  const options = await accounts.list(config, values);
  if (options.length === 1) return accounts.identity(config, values, options[0]!.id);
  if (!options.length) throw new AppError("BAD_REQUEST", `These credentials can read no ${accounts.label}.`);
  throw fieldError("account", `Choose the ${accounts.label} to connect.`);
}

/**
 * connection.create, for providers that connect with credentials a person enters (an API key, a
 * token, a pasted secret, a service-account file). The values are checked against the
 * connector's schema, then with ONE live call to the provider, before anything is stored; then
 * one transaction stores the connection with the values encrypted and audits it (an account this
 * workspace already has connected, or another workspace has, is refused). Its first sync follows.
 */
export async function createConnection(
  scope: { workspaceId: string; userId: string; actor: AuditActor },
  input: CreateConnectionInput,
  deps: ConfigDeps & { sendEvent?: SendSyncEvent } = {},
): Promise<{ id: string; displayName: string; reconnected: boolean }> {
  const connector = connectorFor(input.provider);
  const { info } = connector;
  const auth = connector.auth.credentials;
  if (!auth) throw new AppError("BAD_REQUEST", `${info.name} connects through ${info.name}'s own consent screen: use Connect on the Connections page.`);
  const config = deps.config === undefined ? connector.config(connectorEnv()) : deps.config;
  if (config === null) throw new AppError("BAD_REQUEST", `${info.name} is not set up on this Meridian server. ${info.setup}`);

  const values = auth.schema.parse(input.credentials);
  let identity;
  try {
    identity = auth.accounts ? await chosenAccount(auth.accounts, config, values, input.account) : await auth.verify(config, values);
  } catch (error) {
    throw credentialsRefusal(connector, error);
  }

  let stored;
  try {
    stored = await storeConnection({
      workspaceId: scope.workspaceId,
      userId: scope.userId,
      provider: input.provider,
      identity,
      authMethod: "CREDENTIALS",
      sealedCredentials: auth.exchange ? sealExchangedCredentials({ values, access: null }) : sealCredentialValues(values),
      actor: scope.actor,
      whenConnected: "refuse",
    });
  } catch (error) {
    if (!(error instanceof StoreRefusedError)) throw error;
    if (error.reason === "workspace_not_found") throw new AppError("FORBIDDEN", "Your role in this workspace does not allow this.");
    const where = error.reason === "already_connected" ? "this workspace" : "another Meridian workspace";
    throw new AppError("CONFLICT", `${info.name} account ${identity.externalAccountId} is already connected to ${where}.`);
  }
  await afterConnect(stored, { config, sendEvent: deps.sendEvent });
  return { id: stored.connectionId, displayName: stored.displayName, reconnected: stored.reconnected };
}
