import "server-only";
import { isConnectorError, RateLimitedError, TransientError } from "@/server/connectors/_core/errors";
import { exchangeCodeForToken, normalizeShopDomain, verifyQueryHmac, type TokenRequestOptions } from "@/server/connectors/shopify/oauth";
import { workspaceDb } from "@/server/db";
import type { ShopifyAppConfig } from "@/server/env";
import { Prisma } from "@/server/generated/prisma/client";
import type { ConnectionStatus } from "@/server/generated/prisma/enums";
import { recordAudit, type AuditActor } from "@/server/services/audit/record-audit";
import { requireShopifyConfig, shopOriginFor } from "./config";
import { sealShopifyCredentials, serializeTokens } from "./credentials";
import { ShopifyInstallError } from "./install-errors";
import { verifyInstallState } from "./install-state";

export type CompletedInstall = {
  connectionId: string;
  workspaceId: string;
  workspaceSlug: string;
  shop: string;
  /** True when an existing Connection row (an earlier install of this shop) was reconnected. */
  reconnected: boolean;
};

// Waits on the shop's row lock (a refresh of a reinstalled shop can hold it for one HTTP call).
const STORE_TRANSACTION = { maxWait: 10_000, timeout: 20_000 } as const;

type ExistingConnection = { id: string; workspaceId: string; status: ConnectionStatus; settings: Prisma.JsonValue };

/**
 * The OAuth callback: every check first (query HMAC and freshness, shop, state cookie, user),
 * then the code exchange, then one transaction that creates or reconnects the Connection with
 * the encrypted tokens and audits it. Any failure throws ShopifyInstallError and stores nothing.
 */
export async function completeShopifyInstall(
  input: { query: URLSearchParams; stateCookieValue: string | undefined; userId: string | null; actor: AuditActor },
  deps: { config?: ShopifyAppConfig | null; now?: Date; tokenRequest?: TokenRequestOptions } = {},
): Promise<CompletedInstall> {
  const config = requireShopifyConfig(deps.config);
  const { query } = input;

  const hmac = await verifyQueryHmac(config, query);
  if (hmac === "missing") throw new ShopifyInstallError("missing_hmac");
  if (hmac === "invalid") throw new ShopifyInstallError("invalid_hmac");
  if (hmac === "stale") throw new ShopifyInstallError("stale_request");
  const shop = normalizeShopDomain(query.get("shop"));
  if (!shop) throw new ShopifyInstallError("invalid_shop");

  const state = verifyInstallState(input.stateCookieValue, query.get("state"), deps.now);
  if (state.shop !== shop) throw new ShopifyInstallError("shop_mismatch");
  if (!input.userId) throw new ShopifyInstallError("signed_out");
  if (input.userId !== state.userId) throw new ShopifyInstallError("user_mismatch");
  const code = query.get("code");
  if (!code) throw new ShopifyInstallError("exchange_refused");

  let tokens;
  try {
    tokens = await exchangeCodeForToken({ ...config, shopOrigin: shopOriginFor(config, shop), code }, deps.tokenRequest);
  } catch (error) {
    if (error instanceof TransientError || error instanceof RateLimitedError) throw new ShopifyInstallError("shopify_unreachable", { cause: error });
    if (isConnectorError(error)) throw new ShopifyInstallError("exchange_refused", { cause: error });
    throw error;
  }

  const wdb = workspaceDb(state.workspaceId);
  const credentials = sealShopifyCredentials(serializeTokens(tokens));
  const store = () =>
    wdb.$transaction(async (tx): Promise<CompletedInstall> => {
      // The installer must still be an OWNER/ADMIN of the workspace now, not only 10 minutes ago.
      const [membership] = await tx.$queryRaw<Array<{ slug: string }>>`
        SELECT w."slug" FROM "Membership" m JOIN "Workspace" w ON w."id" = m."workspaceId"
        WHERE m."workspaceId" = ${state.workspaceId} AND m."userId" = ${input.userId} AND m."role" IN ('OWNER', 'ADMIN')`;
      if (!membership) throw new ShopifyInstallError("workspace_not_found");

      // Across workspaces on purpose: a shop belongs to at most one workspace. The lock keeps a
      // concurrent refresh or reinstall of the same shop from interleaving with this write.
      const [existing] = await tx.$queryRaw<ExistingConnection[]>`
        SELECT "id", "workspaceId", "status", "settings" FROM "Connection"
        WHERE "provider" = 'SHOPIFY' AND "externalAccountId" = ${shop} FOR UPDATE`;
      if (existing && existing.workspaceId !== state.workspaceId) throw new ShopifyInstallError("shop_in_other_workspace");

      const now = deps.now ?? new Date();
      const grant = { shop, grantedScopes: tokens.scopes, requestedScopes: config.scopes, installedAt: now.toISOString() };
      const connection = existing
        ? await tx.connection.update({
            where: { id: existing.id },
            data: {
              status: "ACTIVE",
              encryptedCredentials: credentials,
              settings: { ...(existing.settings as Prisma.JsonObject), ...grant },
            },
            select: { id: true },
          })
        : await tx.connection.create({
            data: {
              workspaceId: state.workspaceId,
              provider: "SHOPIFY",
              externalAccountId: shop,
              displayName: shop.replace(/\.myshopify\.com$/, ""),
              status: "ACTIVE",
              encryptedCredentials: credentials,
              settings: grant,
            },
            select: { id: true },
          });

      await recordAudit(tx, {
        ...input.actor,
        workspaceId: state.workspaceId,
        action: existing ? "connection.reconnected" : "connection.created",
        targetType: "Connection",
        targetId: connection.id,
        metadata: {
          provider: "SHOPIFY",
          name: shop,
          shop,
          scopes: tokens.scopes,
          ...(existing ? { previousStatus: existing.status } : {}),
        },
      });
      return { connectionId: connection.id, workspaceId: state.workspaceId, workspaceSlug: membership.slug, shop, reconnected: Boolean(existing) };
    }, STORE_TRANSACTION);
  try {
    return await store();
  } catch (error) {
    // Two first installs of one shop raced and this insert lost on the unique key: once more,
    // now the winner's row is there to lock and judge (same workspace → reconnect).
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return store();
    throw error;
  }
}
