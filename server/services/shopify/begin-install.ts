import "server-only";
import { buildAuthorizeUrl, normalizeShopDomain, verifyQueryHmac } from "@/server/connectors/shopify/oauth";
import { db } from "@/server/db";
import type { ShopifyAppConfig } from "@/server/env";
import type { ConnectionStatus } from "@/server/generated/prisma/enums";
import { callbackUrl, requireShopifyConfig, shopOriginFor } from "./config";
import { ShopifyInstallError } from "./install-errors";
import { createInstallState } from "./install-state";

const INSTALLER_ROLES = ["OWNER", "ADMIN"] as const;

/**
 * Starts an install from Meridian: an OWNER/ADMIN of `workspaceSlug` asks to connect `shop`.
 * Returns Shopify's authorize URL and the signed state cookie to set with the redirect.
 */
export async function beginShopifyInstall(
  input: { userId: string; workspaceSlug: string; shop: string | null },
  deps: { config?: ShopifyAppConfig | null; now?: Date } = {},
): Promise<{ authorizeUrl: string; stateCookieValue: string }> {
  const config = requireShopifyConfig(deps.config);
  const shop = normalizeShopDomain(input.shop?.trim());
  if (!shop) throw new ShopifyInstallError("invalid_shop");

  const membership = await db.membership.findFirst({
    where: { userId: input.userId, role: { in: [...INSTALLER_ROLES] }, workspace: { slug: input.workspaceSlug } },
    select: { workspaceId: true },
  });
  if (!membership) throw new ShopifyInstallError("workspace_not_found");

  // Checked again, under a lock, when the callback stores the connection; failing here spares
  // the merchant a consent screen that cannot lead anywhere.
  const existing = await db.connection.findUnique({
    where: { provider_externalAccountId: { provider: "SHOPIFY", externalAccountId: shop } },
    select: { workspaceId: true },
  });
  if (existing && existing.workspaceId !== membership.workspaceId) throw new ShopifyInstallError("shop_in_other_workspace");

  const { state, cookieValue } = createInstallState({ workspaceId: membership.workspaceId, shop, userId: input.userId }, deps.now);
  return {
    authorizeUrl: buildAuthorizeUrl({
      shopOrigin: shopOriginFor(config, shop),
      apiKey: config.apiKey,
      scopes: config.scopes,
      redirectUri: callbackUrl(config),
      state: state.nonce,
    }),
    stateCookieValue: cookieValue,
  };
}

/**
 * An install that starts on Shopify's side: Shopify opens the app URL with `shop`, `timestamp`
 * and `hmac`. Returns the verified shop; the user then picks the workspace.
 */
export async function verifyShopifyLaunch(params: URLSearchParams, deps: { config?: ShopifyAppConfig | null } = {}): Promise<{ shop: string }> {
  const config = requireShopifyConfig(deps.config);
  const hmac = await verifyQueryHmac(config, params);
  if (hmac === "missing") throw new ShopifyInstallError("missing_hmac");
  if (hmac === "invalid") throw new ShopifyInstallError("invalid_hmac");
  if (hmac === "stale") throw new ShopifyInstallError("stale_request");
  const shop = normalizeShopDomain(params.get("shop"));
  if (!shop) throw new ShopifyInstallError("invalid_shop");
  return { shop };
}

export type InstallableWorkspace = { id: string; slug: string; name: string; connectionStatus: ConnectionStatus | null };

/**
 * For the picker after a Shopify launch: the workspaces the user may attach `shop` to (OWNER or
 * ADMIN), each with the status of its connection to this shop if it has one, and whether the
 * shop belongs to a workspace outside that list (then no choice can succeed).
 */
export async function listInstallableWorkspaces(
  userId: string,
  shop: string,
): Promise<{ workspaces: InstallableWorkspace[]; connectedElsewhere: boolean }> {
  const [memberships, connection] = await Promise.all([
    db.membership.findMany({
      where: { userId, role: { in: [...INSTALLER_ROLES] } },
      select: { workspace: { select: { id: true, slug: true, name: true } } },
      orderBy: { workspace: { name: "asc" } },
    }),
    db.connection.findUnique({
      where: { provider_externalAccountId: { provider: "SHOPIFY", externalAccountId: shop } },
      select: { workspaceId: true, status: true },
    }),
  ]);
  const workspaces = memberships.map(({ workspace }) => ({
    ...workspace,
    connectionStatus: connection?.workspaceId === workspace.id ? connection.status : null,
  }));
  return { workspaces, connectedElsewhere: Boolean(connection) && !workspaces.some((w) => w.connectionStatus !== null) };
}
