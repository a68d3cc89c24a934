import "server-only";
import type { CredentialsAuth, CredentialsOf, OAuthAccess, OAuthAuth } from "@/server/connectors/_core/auth";
import type { ConnectionContext, Connector } from "@/server/connectors/_core/connector";
import { AuthExpiredError, PermanentError } from "@/server/connectors/_core/errors";
import { connectorFor, registeredProvider, type Connectors } from "@/server/connectors/registry";
import type { Provider } from "@/server/connectors/providers";
import { db } from "@/server/db";
import { connectorEnv } from "@/server/env";
import type { ConnectionAuthMethod, ConnectionStatus } from "@/server/generated/prisma/enums";
import { encryptedWithOldKey, encryptJson } from "@/server/security/encryption";
import { openCredentialValues, openOAuthCredentials, sealOAuthCredentials, serializeTokens, type OAuthCredentials } from "./credentials";
import { markNeedsReauthIn, notifyNeedsReauth, USABLE_STATUSES, type NeedsReauth } from "./mark-needs-reauth";
import { requestWindows } from "./request-windows";

// The access service: everything that talks to a provider on a connection's behalf (the sync
// engine, webhook processing, a connector's afterConnect) gets a ConnectionContext here and asks
// it for credentials before each request. The database side of credentials lives here and only
// here: decrypting, re-encrypting after a key rotation, the single-flight refresh, and handing a
// refused refresh to the one "needs re-authorization" path (mark-needs-reauth.ts).

/** Refresh when the access token has less than this left, so no call starts with a dying token. */
export const REFRESH_MARGIN_MS = 5 * 60_000;

// Refreshing holds the Connection row lock across one HTTP call: long enough for a slow token
// endpoint (10 s timeout) plus the callers queued behind the lock.
const REFRESH_TRANSACTION = { timeout: 30_000, maxWait: 30_000 } as const;

export type AccessDeps = {
  /** This server's configuration of the provider; tests hand one in. Default: from the environment. */
  config?: unknown;
  now?: () => Date;
};

type ConfigOf<P extends Provider> = NonNullable<ReturnType<Connectors[P]["config"]>>;
export type ConnectionContextOf<P extends Provider> = ConnectionContext<ConfigOf<P>, CredentialsOf<Connectors[P]["auth"]>>;

type CredentialRow = {
  id: string;
  provider: string;
  externalAccountId: string;
  status: ConnectionStatus;
  encryptedCredentials: string | null;
  settings: unknown;
};

const CREDENTIAL_COLUMNS = { id: true, provider: true, externalAccountId: true, status: true, encryptedCredentials: true, settings: true } as const;

function needsReauth(row: CredentialRow): AuthExpiredError {
  return new AuthExpiredError(`Connection ${row.id} (${row.provider} ${row.externalAccountId}) needs to be re-authorized (status ${row.status})`);
}

/** The sealed credentials of a connection that may be used. */
function usableSealed(row: CredentialRow): string {
  if (!USABLE_STATUSES.has(row.status) || !row.encryptedCredentials) throw needsReauth(row);
  return row.encryptedCredentials;
}

function isFresh(expiresAt: string | Date | null, now: Date): boolean {
  return expiresAt === null || new Date(expiresAt).getTime() - now.getTime() > REFRESH_MARGIN_MS;
}

// After a key rotation (a new first key in ENCRYPTION_KEYS) the next use re-encrypts with it. Only
// if the row still holds what was read, so a refresh committed meanwhile is never undone.
async function reencryptIfOld(connectionId: string, sealed: string, plaintext: unknown): Promise<void> {
  if (!encryptedWithOldKey(sealed)) return;
  await db.connection.updateMany({ where: { id: connectionId, encryptedCredentials: sealed }, data: { encryptedCredentials: encryptJson(plaintext) } });
}

function toAccess(credentials: OAuthCredentials): OAuthAccess {
  const { accessToken, accessTokenExpiresAt, scopes } = credentials;
  return { accessToken, accessTokenExpiresAt: accessTokenExpiresAt === null ? null : new Date(accessTokenExpiresAt), scopes };
}

async function readCredentialRow(connectionId: string): Promise<CredentialRow> {
  const row = await db.connection.findUnique({ where: { id: connectionId }, select: CREDENTIAL_COLUMNS });
  if (!row) throw new PermanentError(`Connection ${connectionId} does not exist`);
  return row;
}

/**
 * A usable OAuth access token, refreshed first when it expires within 5 minutes or is the one the
 * provider `refused` (when the stored one is another, a refresh already replaced it). The refresh is
 * single-flight across processes: callers queue on the Connection row lock and each re-reads the
 * credentials once it holds it, so only the first calls the provider and the rest use what it
 * saved; the rotated refresh token is saved in the same transaction. A refresh the provider
 * refuses goes to the one needs-re-authorization path, then AuthExpiredError is thrown.
 */
async function freshOAuthAccess(connectionId: string, auth: OAuthAuth<unknown>, config: unknown, now: () => Date, refused?: string): Promise<OAuthAccess> {
  const usable = (c: OAuthCredentials) => isFresh(c.accessTokenExpiresAt, now()) && c.accessToken !== refused;
  const row = await readCredentialRow(connectionId);
  const sealed = usableSealed(row);
  const current = openOAuthCredentials(sealed);
  if (usable(current)) {
    await reencryptIfOld(row.id, sealed, current);
    return toAccess(current);
  }

  type Outcome = { kind: "access"; access: OAuthAccess } | { kind: "refused"; error: AuthExpiredError; marked: NeedsReauth | null };
  const outcome = await db.$transaction(async (tx): Promise<Outcome> => {
    const [locked] = await tx.$queryRaw<CredentialRow[]>`
      SELECT "id", "provider", "externalAccountId", "status", "encryptedCredentials", "settings" FROM "Connection"
      WHERE "id" = ${connectionId} FOR UPDATE`;
    if (!locked) throw new PermanentError(`Connection ${connectionId} does not exist`);
    const credentials = openOAuthCredentials(usableSealed(locked));
    // Another caller refreshed while this one waited for the lock.
    if (usable(credentials)) return { kind: "access", access: toAccess(credentials) };

    try {
      if (!credentials.refreshToken) throw new AuthExpiredError("The access token expired and the provider issued no refresh token");
      const tokens = await auth.refresh(config, {
        refreshToken: credentials.refreshToken,
        externalAccountId: locked.externalAccountId,
        settings: (locked.settings ?? {}) as Record<string, unknown>,
      });
      // If this commit were lost, a provider that rotates with a grace period keeps the previous
      // refresh token valid until the new access token is first used; a strict one needs a reconnect.
      const renewed = serializeTokens(tokens, credentials);
      await tx.connection.update({ where: { id: connectionId }, data: { encryptedCredentials: sealOAuthCredentials(renewed) } });
      return { kind: "access", access: toAccess(renewed) };
    } catch (error) {
      if (!(error instanceof AuthExpiredError)) throw error;
      return { kind: "refused", error, marked: await markNeedsReauthIn(tx, connectionId, error.message) };
    }
  }, REFRESH_TRANSACTION);

  if (outcome.kind === "access") return outcome.access;
  if (outcome.marked) await notifyNeedsReauth(outcome.marked);
  throw outcome.error;
}

/** OAuth: answered from memory while the token has more than the margin left, so a long run neither reads the row per request nor outlives its token. */
function oauthCredentialsOf(connectionId: string, auth: OAuthAuth<unknown>, config: unknown, now: () => Date): (options?: { refused?: string }) => Promise<OAuthAccess> {
  let cached: OAuthAccess | undefined;
  return async (options) => {
    const refused = options?.refused;
    if (!cached || !isFresh(cached.accessTokenExpiresAt, now()) || cached.accessToken === refused) cached = await freshOAuthAccess(connectionId, auth, config, now, refused);
    return cached;
  };
}

/** Entered credentials do not change: read once per context. */
function enteredCredentialsOf(connectionId: string, auth: CredentialsAuth<unknown, unknown>): () => Promise<unknown> {
  let values: Promise<unknown> | undefined;
  return () => {
    values ??= (async () => {
      const row = await readCredentialRow(connectionId);
      const sealed = usableSealed(row);
      const opened = openCredentialValues(sealed, auth.schema);
      await reencryptIfOld(row.id, sealed, opened);
      return opened;
    })().catch((error: unknown) => {
      values = undefined;
      throw error;
    });
    return values;
  };
}

/**
 * The ConnectionContext of a connection (see server/connectors/_core/connector.ts). With
 * `provider`, the connection must be one of that provider's and the context is typed for its
 * connector. Throws PermanentError when the connection does not exist, its provider has no
 * connector, or the provider is not set up on this server; credentials() throws AuthExpiredError
 * once only a person can help.
 */
export async function getConnectionAccess<P extends Provider>(connectionId: string, deps: AccessDeps & { provider: P }): Promise<ConnectionContextOf<P>>;
export async function getConnectionAccess(connectionId: string, deps?: AccessDeps): Promise<ConnectionContext>;
export async function getConnectionAccess(connectionId: string, deps: AccessDeps & { provider?: Provider } = {}): Promise<ConnectionContext> {
  const row = await db.connection.findUnique({
    where: { id: connectionId },
    select: { id: true, workspaceId: true, provider: true, externalAccountId: true, settings: true, authMethod: true },
  });
  if (!row || (deps.provider && row.provider !== deps.provider)) throw new PermanentError(`${deps.provider ?? "Connection"} ${connectionId} does not exist`);
  const provider = registeredProvider(row.provider);
  if (!provider) throw new PermanentError(`Connection ${connectionId} is for ${row.provider}, which has no connector`);
  const connector: Connector = connectorFor(provider);
  const config = deps.config === undefined ? connector.config(connectorEnv()) : deps.config;
  if (config === null) throw new PermanentError(`${connector.info.name} is not set up on this Meridian server. ${connector.info.setup}`);

  const now = deps.now ?? (() => new Date());
  return {
    connectionId: row.id,
    workspaceId: row.workspaceId,
    provider,
    externalAccountId: row.externalAccountId,
    settings: (row.settings ?? {}) as Record<string, unknown>,
    config,
    credentials: credentialsOf(row, connector, config, now),
    allowance: requestWindows,
  };
}

/** By the way the connection was made: OAuth tokens or the values a person entered. */
function credentialsOf(row: { id: string; authMethod: ConnectionAuthMethod }, connector: Connector, config: unknown, now: () => Date): (options?: { refused?: string }) => Promise<unknown> {
  const { oauth, credentials } = connector.auth;
  if (row.authMethod === "OAUTH" && oauth) return oauthCredentialsOf(row.id, oauth, config, now);
  if (row.authMethod === "CREDENTIALS" && credentials) return enteredCredentialsOf(row.id, credentials);
  // Asked only when the connection is used, so processing that needs no credentials still runs.
  return () => Promise.reject(new PermanentError(`Connection ${row.id} was made through ${row.authMethod.toLowerCase()}, which ${connector.info.name} no longer offers: reconnect it`));
}
