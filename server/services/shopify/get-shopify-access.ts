import "server-only";
import { AuthExpiredError } from "@/server/connectors/_core/errors";
import { refreshAccessToken, type TokenRequestOptions } from "@/server/connectors/shopify/oauth";
import { db } from "@/server/db";
import { sendConnectionNeedsReauthEmail } from "@/server/email";
import { appUrl, type ShopifyAppConfig } from "@/server/env";
import type { ConnectionStatus } from "@/server/generated/prisma/enums";
import { logger } from "@/server/observability/logger";
import { encryptedWithOldKey } from "@/server/security/encryption";
import { recordAudit } from "@/server/services/audit/record-audit";
import { requireShopifyConfig, shopOriginFor } from "./config";
import { openShopifyCredentials, sealShopifyCredentials, serializeTokens, type ShopifyCredentials } from "./credentials";

export type ShopifyAccess = {
  connectionId: string;
  workspaceId: string;
  shop: string;
  /** Base of every URL of the shop (`https://{shop}`, or the sandbox). */
  shopOrigin: string;
  accessToken: string;
  accessTokenExpiresAt: Date;
  scopes: string[];
};

/** Refresh when the access token has less than this left, so no call starts with a dying token. */
export const REFRESH_MARGIN_MS = 5 * 60_000;

// Refreshing holds the Connection row lock across one HTTP call: long enough for a slow token
// endpoint (10 s default timeout) plus the callers queued behind the lock.
const REFRESH_TRANSACTION = { timeout: 30_000, maxWait: 30_000 } as const;

const USABLE: ReadonlySet<ConnectionStatus> = new Set(["ACTIVE", "PAUSED", "ERROR"]);

type ConnectionRow = {
  id: string;
  workspaceId: string;
  externalAccountId: string;
  status: ConnectionStatus;
  encryptedCredentials: string | null;
};

export type GetShopifyAccessDeps = {
  config?: ShopifyAppConfig | null;
  now?: () => Date;
  tokenRequest?: TokenRequestOptions;
};

function usableCredentials(row: ConnectionRow): ShopifyCredentials {
  if (!USABLE.has(row.status) || !row.encryptedCredentials) {
    throw new AuthExpiredError(`Shopify connection ${row.id} (${row.externalAccountId}) needs to be re-authorized (status ${row.status})`);
  }
  return openShopifyCredentials(row.encryptedCredentials);
}

function isFresh(credentials: ShopifyCredentials, now: Date): boolean {
  return new Date(credentials.accessTokenExpiresAt).getTime() - now.getTime() > REFRESH_MARGIN_MS;
}

function toAccess(row: ConnectionRow, credentials: ShopifyCredentials, config: ShopifyAppConfig): ShopifyAccess {
  return {
    connectionId: row.id,
    workspaceId: row.workspaceId,
    shop: row.externalAccountId,
    shopOrigin: shopOriginFor(config, row.externalAccountId),
    accessToken: credentials.accessToken,
    accessTokenExpiresAt: new Date(credentials.accessTokenExpiresAt),
    scopes: credentials.scopes,
  };
}

/**
 * A usable access token for a Shopify connection, refreshed first when it expires within 5
 * minutes. Refresh is single-flight across processes: callers queue on the Connection row lock,
 * and each re-reads the credentials once it holds the lock, so only the first one calls Shopify
 * and the rest use what it saved. The rotated refresh token is saved in the same transaction.
 * A refresh Shopify refuses (400/401) marks the connection NEEDS_REAUTH, audits it, emails the
 * workspace's owners and admins, and throws AuthExpiredError.
 */
export async function getShopifyAccess(connectionId: string, deps: GetShopifyAccessDeps = {}): Promise<ShopifyAccess> {
  const config = requireShopifyConfig(deps.config);
  const now = deps.now ?? (() => new Date());

  const row = await db.connection.findFirst({
    where: { id: connectionId, provider: "SHOPIFY" },
    select: { id: true, workspaceId: true, externalAccountId: true, status: true, encryptedCredentials: true },
  });
  if (!row) throw new Error(`Shopify connection ${connectionId} does not exist`);
  const current = usableCredentials(row);
  if (isFresh(current, now())) {
    if (encryptedWithOldKey(row.encryptedCredentials!)) await reencrypt(row.id, row.encryptedCredentials!, current);
    return toAccess(row, current, config);
  }

  type Outcome = { kind: "access"; access: ShopifyAccess } | { kind: "revoked"; error: AuthExpiredError; row: ConnectionRow };
  const outcome = await db.$transaction(async (tx): Promise<Outcome> => {
    const [locked] = await tx.$queryRaw<ConnectionRow[]>`
      SELECT "id", "workspaceId", "externalAccountId", "status", "encryptedCredentials" FROM "Connection"
      WHERE "id" = ${connectionId} AND "provider" = 'SHOPIFY' FOR UPDATE`;
    if (!locked) throw new Error(`Shopify connection ${connectionId} does not exist`);
    const credentials = usableCredentials(locked);
    // Another caller refreshed while this one waited for the lock.
    if (isFresh(credentials, now())) return { kind: "access", access: toAccess(locked, credentials, config) };

    try {
      const tokens = await refreshAccessToken(
        { ...config, shopOrigin: shopOriginFor(config, locked.externalAccountId), refreshToken: credentials.refreshToken },
        deps.tokenRequest,
      );
      // If this commit were lost, Shopify keeps the previous refresh token valid until the new
      // access token is first used, so the next refresh still succeeds.
      const renewed = serializeTokens(tokens);
      await tx.connection.update({ where: { id: connectionId }, data: { encryptedCredentials: sealShopifyCredentials(renewed) } });
      return { kind: "access", access: toAccess(locked, renewed, config) };
    } catch (error) {
      if (!(error instanceof AuthExpiredError)) throw error;
      await tx.connection.update({ where: { id: connectionId }, data: { status: "NEEDS_REAUTH", encryptedCredentials: null } });
      await recordAudit(tx, {
        actorId: null,
        ip: null,
        userAgent: null,
        workspaceId: locked.workspaceId,
        action: "connection.needs_reauth",
        targetType: "Connection",
        targetId: connectionId,
        metadata: { provider: "SHOPIFY", name: locked.externalAccountId, shop: locked.externalAccountId, reason: error.message },
      });
      return { kind: "revoked", error, row: locked };
    }
  }, REFRESH_TRANSACTION);

  if (outcome.kind === "access") return outcome.access;
  await notifyAdmins(outcome.row, outcome.error.message);
  throw outcome.error;
}

// After the commit: the status change stands even if mail fails, and a failed send is in the
// outbox with its error.
async function notifyAdmins(row: ConnectionRow, reason: string): Promise<void> {
  const workspace = await db.workspace.findUniqueOrThrow({
    where: { id: row.workspaceId },
    select: {
      name: true,
      slug: true,
      memberships: { where: { role: { in: ["OWNER", "ADMIN"] } }, select: { user: { select: { email: true } } } },
    },
  });
  const reconnectUrl = `${appUrl()}/api/shopify/install?${new URLSearchParams({ workspace: workspace.slug, shop: row.externalAccountId })}`;
  for (const { user } of workspace.memberships) {
    try {
      await sendConnectionNeedsReauthEmail({
        to: user.email,
        workspaceId: row.workspaceId,
        workspaceName: workspace.name,
        connectionName: row.externalAccountId,
        providerLabel: "Shopify",
        reason,
        reconnectUrl,
      });
    } catch (error) {
      logger.error({ err: error, connectionId: row.id }, "Could not email an admin that a Shopify connection needs re-authorization");
    }
  }
}

// After a key rotation (a new first key in ENCRYPTION_KEYS): the next use re-encrypts with it.
// Only if the row still holds what was read, so a refresh committed meanwhile is never undone.
async function reencrypt(connectionId: string, sealed: string, credentials: ShopifyCredentials): Promise<void> {
  await db.connection.updateMany({
    where: { id: connectionId, encryptedCredentials: sealed },
    data: { encryptedCredentials: sealShopifyCredentials(credentials) },
  });
}

/**
 * The `accessToken` callback for the connector's GraphQL client during one run: answers from
 * memory while the token has more than the refresh margin left, and asks getShopifyAccess (one
 * database read, or the single-flight refresh) only then, so a long backfill neither reads the
 * row per request nor outlives its token.
 */
export function shopifyAccessTokenSource(connectionId: string, deps: GetShopifyAccessDeps = {}): () => Promise<string> {
  const now = deps.now ?? (() => new Date());
  let cached: ShopifyAccess | undefined;
  return async () => {
    if (!cached || cached.accessTokenExpiresAt.getTime() - now().getTime() <= REFRESH_MARGIN_MS) {
      cached = await getShopifyAccess(connectionId, deps);
    }
    return cached.accessToken;
  };
}
