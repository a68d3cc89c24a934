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
import {
  openCredentialValues,
  openExchangedCredentials,
  openOAuthCredentials,
  sealExchangedCredentials,
  sealOAuthCredentials,
  serializeTokens,
  type ExchangedCredentials,
  type OAuthCredentials,
} from "./credentials";
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
 * How a connection's stored access is opened, renewed and sealed again: an OAuth grant (renewed
 * with its refresh token) or values traded for access tokens (renewed by trading them again).
 */
type Renewal<Stored> = {
  open(sealed: string): Stored;
  /** The stored access token, or null when there is none yet. */
  access(stored: Stored): OAuthAccess | null;
  renew(stored: Stored, row: CredentialRow): Promise<Stored>;
  seal(stored: Stored): string;
};

/**
 * A usable access token, renewed first when it expires within 5 minutes or is the one the
 * provider `refused` (when the stored one is another, a renewal already replaced it). The renewal is
 * single-flight across processes: callers queue on the Connection row lock and each re-reads the
 * credentials once it holds it, so only the first calls the provider and the rest use what it
 * saved; a rotated refresh token is saved in the same transaction. A renewal the provider
 * refuses goes to the one needs-re-authorization path, then AuthExpiredError is thrown.
 */
async function freshAccess<Stored>(connectionId: string, renewal: Renewal<Stored>, now: () => Date, refused?: string): Promise<OAuthAccess> {
  const usable = (stored: Stored) => {
    const access = renewal.access(stored);
    return access !== null && isFresh(access.accessTokenExpiresAt, now()) && access.accessToken !== refused ? access : null;
  };
  const row = await readCredentialRow(connectionId);
  const sealed = usableSealed(row);
  const current = renewal.open(sealed);
  const currentAccess = usable(current);
  if (currentAccess) {
    await reencryptIfOld(row.id, sealed, current);
    return currentAccess;
  }

  type Outcome = { kind: "access"; access: OAuthAccess } | { kind: "refused"; error: AuthExpiredError; marked: NeedsReauth | null };
  const outcome = await db.$transaction(async (tx): Promise<Outcome> => {
    const [locked] = await tx.$queryRaw<CredentialRow[]>`
      SELECT "id", "provider", "externalAccountId", "status", "encryptedCredentials", "settings" FROM "Connection"
      WHERE "id" = ${connectionId} FOR UPDATE`;
    if (!locked) throw new PermanentError(`Connection ${connectionId} does not exist`);
    const stored = renewal.open(usableSealed(locked));
    // Another caller renewed while this one waited for the lock.
    const renewedMeanwhile = usable(stored);
    if (renewedMeanwhile) return { kind: "access", access: renewedMeanwhile };

    try {
      // If this commit were lost, a provider that rotates with a grace period keeps the previous
      // refresh token valid until the new access token is first used; a strict one needs a reconnect.
      const renewed = await renewal.renew(stored, locked);
      await tx.connection.update({ where: { id: connectionId }, data: { encryptedCredentials: renewal.seal(renewed) } });
      return { kind: "access", access: renewal.access(renewed)! };
    } catch (error) {
      if (!(error instanceof AuthExpiredError)) throw error;
      return { kind: "refused", error, marked: await markNeedsReauthIn(tx, connectionId, error.message) };
    }
  }, REFRESH_TRANSACTION);

  if (outcome.kind === "access") return outcome.access;
  if (outcome.marked) await notifyNeedsReauth(outcome.marked);
  throw outcome.error;
}

function oauthRenewal(auth: OAuthAuth<unknown>, config: unknown): Renewal<OAuthCredentials> {
  return {
    open: openOAuthCredentials,
    access: toAccess,
    async renew(credentials, row) {
      if (!credentials.refreshToken) throw new AuthExpiredError("The access token expired and the provider issued no refresh token");
      const tokens = await auth.refresh(config, { refreshToken: credentials.refreshToken, externalAccountId: row.externalAccountId, settings: (row.settings ?? {}) as Record<string, unknown> });
      return serializeTokens(tokens, credentials);
    },
    seal: sealOAuthCredentials,
  };
}

type Exchanging = CredentialsAuth<unknown, unknown> & { exchange: NonNullable<CredentialsAuth<unknown, unknown>["exchange"]> };

function exchangeRenewal(auth: Exchanging, config: unknown): Renewal<ExchangedCredentials<unknown>> {
  return {
    open: (sealed) => openExchangedCredentials(sealed, auth.schema),
    access: ({ access }) => access && { ...access, accessTokenExpiresAt: access.accessTokenExpiresAt === null ? null : new Date(access.accessTokenExpiresAt) },
    async renew({ values }) {
      const access = await auth.exchange(config, values);
      return { values, access: { ...access, accessTokenExpiresAt: access.accessTokenExpiresAt?.toISOString() ?? null } };
    },
    seal: sealExchangedCredentials,
  };
}

/**
 * A renewable access token, answered from memory while it has more than the margin left, so a
 * long run neither reads the row per request nor outlives its token.
 */
function renewableCredentialsOf<Stored>(connectionId: string, renewal: Renewal<Stored>, now: () => Date): (options?: { refused?: string }) => Promise<OAuthAccess> {
  let cached: OAuthAccess | undefined;
  return async (options) => {
    const refused = options?.refused;
    if (!cached || !isFresh(cached.accessTokenExpiresAt, now()) || cached.accessToken === refused) cached = await freshAccess(connectionId, renewal, now, refused);
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
  if (row.authMethod === "OAUTH" && oauth) return renewableCredentialsOf(row.id, oauthRenewal(oauth, config), now);
  if (row.authMethod === "CREDENTIALS" && credentials?.exchange) return renewableCredentialsOf(row.id, exchangeRenewal({ ...credentials, exchange: credentials.exchange }, config), now);
  if (row.authMethod === "CREDENTIALS" && credentials) return enteredCredentialsOf(row.id, credentials);
  // Asked only when the connection is used, so processing that needs no credentials still runs.
  return () => Promise.reject(new PermanentError(`Connection ${row.id} was made through ${row.authMethod.toLowerCase()}, which ${connector.info.name} no longer offers: reconnect it`));
}
