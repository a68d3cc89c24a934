import "server-only";
import { ConnectError } from "@/server/connectors/_core/auth";
import { createOAuthState } from "@/server/connectors/_core/oauth-state";
import { connectorFor } from "@/server/connectors/registry";
import type { Provider } from "@/server/connectors/providers";
import { can } from "@/server/auth/permissions";
import { db } from "@/server/db";
import { env } from "@/server/env";
import type { ConnectionStatus } from "@/server/generated/prisma/enums";
import { connectFailure } from "./connect-failures";
import { callbackUrl, configuredOAuth, oauthConnectorOf, oauthProviderOfSlug, type ConfigDeps, type OAuthConnector } from "./oauth-connector";

// The start of an OAuth connect: from Meridian (a person who may manage the workspace's
// connections asks to connect an account), or from the provider (it opens our install URL with a
// signed query, and the person then picks the workspace).

/**
 * The account the connect is for, when the provider asks one before the redirect: normalized, and
 * not held by another workspace. Checked again, under a lock, when the callback stores the
 * connection; failing here spares the person a consent screen that cannot lead anywhere.
 */
async function accountToConnect(oauth: OAuthConnector, workspaceId: string, typed: string | null): Promise<string | null> {
  const field = oauth.auth.account;
  if (!field) return null;
  const account = field.normalize(typed ?? "");
  if (!account) throw connectFailure(oauth.connector, "invalid_account");
  const existing = await db.connection.findUnique({
    where: { provider_externalAccountId: { provider: oauth.provider, externalAccountId: account } },
    select: { workspaceId: true },
  });
  if (existing && existing.workspaceId !== workspaceId) throw connectFailure(oauth.connector, "account_in_other_workspace");
  return account;
}

async function managedWorkspaceId(userId: string, workspaceSlug: string): Promise<string | null> {
  const membership = await db.membership.findFirst({
    where: { userId, workspace: { slug: workspaceSlug } },
    select: { workspaceId: true, role: true },
  });
  return membership && can(membership.role, "connections.manage") ? membership.workspaceId : null;
}

/**
 * Meridian's start: `workspace` and the connector's account field (by its name) from the query. Returns
 * the provider's authorize URL and the signed state cookie to set with the redirect.
 */
export async function beginConnect(
  input: { userId: string; provider: Provider; query: URLSearchParams },
  deps: ConfigDeps & { now?: Date } = {},
): Promise<{ authorizeUrl: string; stateCookieValue: string }> {
  const oauth = configuredOAuth(input.provider, deps);
  const workspaceId = await managedWorkspaceId(input.userId, input.query.get("workspace") ?? "");
  if (!workspaceId) throw connectFailure(oauth.connector, "workspace_not_found");
  const account = await accountToConnect(oauth, workspaceId, oauth.auth.account ? input.query.get(oauth.auth.account.name) : null);

  const { state, cookieValue } = createOAuthState(env.AUTH_SECRET, { provider: input.provider, workspaceId, userId: input.userId, account }, deps.now);
  return {
    authorizeUrl: oauth.auth.authorizeUrl(oauth.config, { state: state.nonce, redirectUri: callbackUrl(oauth), account }),
    stateCookieValue: cookieValue,
  };
}

/**
 * For the Connections form, before it leaves for the install route: the typed account as the
 * install will take it (null when the provider asks none), or why it cannot be connected (shown
 * under the field).
 */
export async function checkConnectAccount(
  workspaceId: string,
  input: { provider: Provider; account: string },
  deps: ConfigDeps = {},
): Promise<{ ok: true; account: string | null } | { ok: false; message: string }> {
  const found = oauthConnectorOf(input.provider);
  if (!found) return { ok: false, message: `${connectorFor(input.provider).info.name} connects with credentials, not through its own sign-in.` };
  try {
    const oauth = configuredOAuth(input.provider, deps);
    return { ok: true, account: await accountToConnect(oauth, workspaceId, input.account) };
  } catch (error) {
    if (error instanceof ConnectError) return { ok: false, message: error.message };
    throw error;
  }
}

/** A connect the provider started (it opened our install URL), told apart by the query alone. */
export function isProviderLaunch(provider: Provider, query: URLSearchParams): boolean {
  return oauthConnectorOf(provider)?.auth.launch?.detect(query) ?? false;
}

/** The provider's launch, verified: the account it is for. The person picks the workspace next. */
export async function verifyProviderLaunch(provider: Provider, query: URLSearchParams, deps: ConfigDeps = {}): Promise<{ account: string }> {
  const oauth = configuredOAuth(provider, deps);
  if (!oauth.auth.launch) throw new Error(`${provider} has no provider-started connect`);
  return oauth.auth.launch.verify(oauth.config, query);
}

export type InstallableWorkspace = { id: string; slug: string; name: string; connectionStatus: ConnectionStatus | null };

export type ConnectPicker = {
  providerName: string;
  /** The install route and the account's query parameters; the picker adds `workspace`. */
  install: { path: string; query: Record<string, string> };
  /** Null when the URL named no valid account of this provider. */
  account: string | null;
  workspaces: InstallableWorkspace[];
  /** The account belongs to a workspace outside `workspaces`: no choice can succeed. */
  connectedElsewhere: boolean;
};

/**
 * For the picker after a provider's launch (/connect/<provider>?account=…): the workspaces the
 * user may connect the account to, each with the status of its connection to this account if it
 * has one. Null when the URL names no provider that launches connects.
 */
export async function loadConnectPicker(userId: string, slug: string, typedAccount: string | null): Promise<ConnectPicker | null> {
  const provider = oauthProviderOfSlug(slug);
  const found = provider && oauthConnectorOf(provider);
  if (!provider || !found?.auth.launch) return null;
  const providerName = found.connector.info.name;
  const account = typedAccount && found.auth.account ? found.auth.account.normalize(typedAccount) : null;
  const install = { path: `/api/connections/${slug}/install`, query: account && found.auth.account ? { [found.auth.account.name]: account } : {} };
  if (!account) return { providerName, install, account: null, workspaces: [], connectedElsewhere: false };
  const [memberships, connection] = await Promise.all([
    db.membership.findMany({
      where: { userId },
      select: { role: true, workspace: { select: { id: true, slug: true, name: true } } },
      orderBy: { workspace: { name: "asc" } },
    }),
    db.connection.findUnique({
      where: { provider_externalAccountId: { provider, externalAccountId: account } },
      select: { workspaceId: true, status: true },
    }),
  ]);
  const workspaces = memberships
    .filter(({ role }) => can(role, "connections.manage"))
    .map(({ workspace }) => ({
      ...workspace,
      connectionStatus: connection?.workspaceId === workspace.id ? connection.status : null,
    }));
  return { providerName, install, account, workspaces, connectedElsewhere: Boolean(connection) && !workspaces.some((w) => w.connectionStatus !== null) };
}
