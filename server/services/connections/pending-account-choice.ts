import "server-only";
import { z } from "zod";
import { ConnectError, CredentialsRefusedError, type AccountChooser, type AccountIdentity, type AccountOption } from "@/server/connectors/_core/auth";
import { isConnectorError, RateLimitedError, TransientError } from "@/server/connectors/_core/errors";
import type { OAuthTokenSet } from "@/server/connectors/_core/oauth";
import { OAUTH_STATE_TTL_SECONDS } from "@/server/connectors/_core/oauth-state";
import { PROVIDERS, type Provider } from "@/server/connectors/providers";
import { db } from "@/server/db";
import { decryptJson, encryptJson } from "@/server/security/encryption";
import type { AuditActor } from "@/server/services/audit/record-audit";
import { connectFailure } from "./connect-failures";
import { oauthCredentials, sealOAuthCredentials, serializeTokens } from "./credentials";
import { configuredOAuth, type ConfigDeps, type OAuthConnector } from "./oauth-connector";
import { storeConnection, StoreRefusedError, type StoredConnection } from "./store-connection";

// An OAuth grant that opens several accounts (a Google account reading several GA4 properties):
// after consent, the person picks one. Until then nothing is stored: the grant waits sealed
// (AES-256-GCM, as stored credentials are) in a cookie of its own, bound to the person and the
// workspace the connect was started for, for as long as a connect's state lasts.

const pendingChoice = z.object({
  provider: z.enum(PROVIDERS),
  workspaceId: z.string(),
  userId: z.string(),
  credentials: oauthCredentials,
  /** Epoch seconds. */
  expiresAt: z.number(),
});
type PendingChoice = z.infer<typeof pendingChoice>;

export type ChoiceNeeded = { kind: "choose"; provider: Provider; cookieValue: string };

type Pending = { provider: Provider; workspaceId: string; userId: string };

function choosing(oauth: OAuthConnector): AccountChooser<unknown, string> {
  const chooser = oauth.auth.accounts;
  if (!chooser) throw new Error(`${oauth.provider} does not let the person pick an account`);
  return chooser;
}

/** The connector's live calls, as a connect failure: unreachable, or the account refused. */
async function asConnectStep<T>(oauth: OAuthConnector, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof TransientError || error instanceof RateLimitedError) throw connectFailure(oauth.connector, "provider_unreachable", error);
    if (error instanceof CredentialsRefusedError || isConnectorError(error)) throw connectFailure(oauth.connector, "account_refused", error);
    throw error;
  }
}

/**
 * Right after consent, for a connector whose grant opens several accounts: the identity of the only
 * one it opens, or the sealed grant to put in the choice cookie while the person picks.
 */
export async function accountAfterConsent(oauth: OAuthConnector, tokens: OAuthTokenSet, pending: Pending, now = new Date()): Promise<AccountIdentity | ChoiceNeeded> {
  const chooser = choosing(oauth);
  const accounts = await asConnectStep(oauth, () => chooser.list(oauth.config, tokens.accessToken));
  if (accounts.length === 1) return asConnectStep(oauth, () => chooser.identity(oauth.config, tokens.accessToken, accounts[0]!.id));
  if (!accounts.length) throw connectFailure(oauth.connector, "no_accounts");
  const sealed: PendingChoice = { ...pending, credentials: serializeTokens(tokens), expiresAt: Math.floor(now.getTime() / 1000) + OAUTH_STATE_TTL_SECONDS };
  return { kind: "choose", provider: pending.provider, cookieValue: encodeURIComponent(encryptJson(sealed)) };
}

/** The waiting grant, if the cookie holds one for this provider and person that has not expired. */
function openPendingChoice(provider: Provider, cookieValue: string | undefined, userId: string, now: Date): PendingChoice {
  if (!cookieValue) throw new ConnectError("choice_missing", "");
  let opened: PendingChoice;
  try {
    opened = pendingChoice.parse(decryptJson(decodeURIComponent(cookieValue)));
  } catch (error) {
    throw new ConnectError("choice_missing", "", { cause: error });
  }
  if (opened.provider !== provider || opened.expiresAt < now.getTime() / 1000) throw new ConnectError("choice_missing", "");
  if (opened.userId !== userId) throw new ConnectError("user_mismatch", "");
  return opened;
}

export type PendingChoiceView = { providerName: string; label: string; accounts: AccountOption[]; workspaceName: string };

/** For the page where the person picks: the accounts the waiting grant opens, or why there are none to pick (the error page's reason). */
export async function loadPendingChoice(
  input: { provider: Provider; cookieValue: string | undefined; userId: string },
  deps: ConfigDeps & { now?: Date } = {},
): Promise<PendingChoiceView | { failed: string }> {
  try {
    return await pendingChoiceView(input, deps);
  } catch (error) {
    if (error instanceof ConnectError) return { failed: error.reason };
    throw error;
  }
}

async function pendingChoiceView(input: { provider: Provider; cookieValue: string | undefined; userId: string }, deps: ConfigDeps & { now?: Date }): Promise<PendingChoiceView> {
  const oauth = configuredOAuth(input.provider, deps);
  const pending = reasoned(oauth, () => openPendingChoice(input.provider, input.cookieValue, input.userId, deps.now ?? new Date()));
  const chooser = choosing(oauth);
  const [accounts, workspace] = await Promise.all([
    asConnectStep(oauth, () => chooser.list(oauth.config, pending.credentials.accessToken)),
    db.workspace.findUnique({ where: { id: pending.workspaceId }, select: { name: true } }),
  ]);
  if (!workspace) throw connectFailure(oauth.connector, "workspace_not_found");
  return { providerName: oauth.connector.info.name, label: chooser.label, accounts, workspaceName: workspace.name };
}

/** The picked account stored as the connection, with the waiting grant. Throws ConnectError. */
export async function completePendingChoice(
  input: { provider: Provider; cookieValue: string | undefined; userId: string | null; accountId: string; actor: AuditActor },
  deps: ConfigDeps & { now?: Date } = {},
): Promise<StoredConnection> {
  const oauth = configuredOAuth(input.provider, deps);
  if (!input.userId) throw connectFailure(oauth.connector, "signed_out");
  const userId = input.userId;
  const pending = reasoned(oauth, () => openPendingChoice(input.provider, input.cookieValue, userId, deps.now ?? new Date()));
  const identity = await asConnectStep(oauth, () => choosing(oauth).identity(oauth.config, pending.credentials.accessToken, input.accountId));
  try {
    return await storeConnection({
      workspaceId: pending.workspaceId,
      userId,
      provider: input.provider,
      identity,
      authMethod: "OAUTH",
      sealedCredentials: sealOAuthCredentials(pending.credentials),
      actor: input.actor,
      whenConnected: "reconnect",
      auditMetadata: { scopes: pending.credentials.scopes },
    });
  } catch (error) {
    if (error instanceof StoreRefusedError && error.reason !== "already_connected") throw connectFailure(oauth.connector, error.reason, error);
    throw error;
  }
}

/** A refusal of the cookie, worded with the shared reasons. */
function reasoned<T>(oauth: OAuthConnector, open: () => T): T {
  try {
    return open();
  } catch (error) {
    if (error instanceof ConnectError && (error.reason === "choice_missing" || error.reason === "user_mismatch")) throw connectFailure(oauth.connector, error.reason, error);
    throw error;
  }
}
