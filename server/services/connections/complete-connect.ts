import "server-only";
import { isConnectorError, RateLimitedError, TransientError } from "@/server/connectors/_core/errors";
import { OAuthStateError, verifyOAuthState } from "@/server/connectors/_core/oauth-state";
import type { Provider } from "@/server/connectors/providers";
import { env } from "@/server/env";
import type { AuditActor } from "@/server/services/audit/record-audit";
import { connectFailure } from "./connect-failures";
import { sealOAuthCredentials, serializeTokens } from "./credentials";
import { callbackUrl, configuredOAuth, type ConfigDeps } from "./oauth-connector";
import { accountAfterConsent, type ChoiceNeeded } from "./pending-account-choice";
import { storeConnection, StoreRefusedError, type StoredConnection } from "./store-connection";

/**
 * The OAuth callback: every check first (the provider's own, e.g. a signature over the query; the state
 * cookie; the account; the person), then the code exchange, then one transaction that creates or
 * reconnects the Connection with the encrypted tokens and audits it. Any failure throws
 * ConnectError and stores nothing. A grant that opens several accounts stores nothing yet either:
 * the person picks one first (pending-account-choice.ts).
 */
export async function completeConnect(
  input: { provider: Provider; query: URLSearchParams; stateCookieValue: string | undefined; userId: string | null; actor: AuditActor },
  deps: ConfigDeps & { now?: Date } = {},
): Promise<StoredConnection | ChoiceNeeded> {
  const oauth = configuredOAuth(input.provider, deps);
  const { connector, auth, config } = oauth;
  const { query } = input;

  const named = auth.verifyCallback ? await auth.verifyCallback(config, query) : { account: null };
  let state;
  try {
    state = verifyOAuthState(env.AUTH_SECRET, { cookieValue: input.stateCookieValue, state: query.get("state"), provider: input.provider }, deps.now);
  } catch (error) {
    if (error instanceof OAuthStateError) throw connectFailure(connector, error.reason, error);
    throw error;
  }
  if (named.account !== null && named.account !== state.account) throw connectFailure(connector, "account_mismatch");
  if (!input.userId) throw connectFailure(connector, "signed_out");
  if (input.userId !== state.userId) throw connectFailure(connector, "user_mismatch");
  // RFC 6749 §4.1.2.1: the person declined (or the provider refused) on the consent screen.
  if (query.get("error") === "access_denied") throw connectFailure(connector, "access_denied");
  const code = query.get("code");
  if (!code) throw connectFailure(connector, "exchange_refused");

  let granted;
  try {
    granted = await auth.exchangeCode(config, { code, redirectUri: callbackUrl(oauth), account: state.account });
  } catch (error) {
    if (error instanceof TransientError || error instanceof RateLimitedError) throw connectFailure(connector, "provider_unreachable", error);
    if (isConnectorError(error)) throw connectFailure(connector, "exchange_refused", error);
    throw error;
  }
  const { tokens } = granted;
  const picked = granted.identity ?? (await accountAfterConsent(oauth, tokens, { provider: input.provider, workspaceId: state.workspaceId, userId: input.userId }, deps.now));
  if ("kind" in picked) return picked;
  const identity = picked;
  if (state.account !== null && identity.externalAccountId !== state.account) throw connectFailure(connector, "account_mismatch");

  try {
    return await storeConnection({
      workspaceId: state.workspaceId,
      userId: input.userId,
      provider: input.provider,
      identity,
      authMethod: "OAUTH",
      sealedCredentials: sealOAuthCredentials(serializeTokens(tokens)),
      actor: input.actor,
      whenConnected: "reconnect",
      auditMetadata: { scopes: tokens.scopes ?? [] },
    });
  } catch (error) {
    if (error instanceof StoreRefusedError && error.reason !== "already_connected") throw connectFailure(connector, error.reason, error);
    throw error;
  }
}
