import "server-only";
import { can, ROLE_RANK } from "@/server/auth/permissions";
import { connectorFor, providerSlug } from "@/server/connectors/registry";
import type { Provider } from "@/server/connectors/providers";
import { db } from "@/server/db";
import { sendConnectionNeedsReauthEmail } from "@/server/email";
import { appUrl } from "@/server/env";
import type { Prisma } from "@/server/generated/prisma/client";
import type { ConnectionAuthMethod, ConnectionStatus, Role } from "@/server/generated/prisma/enums";
import { logger } from "@/server/observability/logger";
import { recordAudit } from "@/server/services/audit/record-audit";
import { installPath } from "./oauth-connector";

// The one way a connection comes to need re-authorization, whoever finds out (a refresh the
// provider refuses, a token its API refuses during a sync): status NEEDS_REAUTH, the credentials
// erased (they no longer work, and keeping them helps nobody), an audit row, and an email to the
// workspace's owners and admins with a link that starts the reconnect.

/** Only these can start needing re-authorization; a disconnected one stays disconnected. */
export const USABLE_STATUSES: ReadonlySet<ConnectionStatus> = new Set(["ACTIVE", "PAUSED", "ERROR"]);

export type NeedsReauth = { id: string; workspaceId: string; provider: Provider; externalAccountId: string; displayName: string; authMethod: ConnectionAuthMethod; reason: string };

type Tx = Prisma.TransactionClient;

// The roles that can reconnect it are the ones told.
const CONNECTION_MANAGERS = (Object.keys(ROLE_RANK) as Role[]).filter((role) => can(role, "connections.manage"));

/**
 * Marks the connection inside the caller's transaction (which may already hold its row lock, as
 * the refresh does). Returns what to notify once that transaction commits, or null when the
 * connection already needed re-authorization or is no longer usable: then nothing is written
 * again and nobody is emailed twice.
 */
export async function markNeedsReauthIn(tx: Tx, connectionId: string, reason: string): Promise<NeedsReauth | null> {
  const [row] = await tx.$queryRaw<Array<Omit<NeedsReauth, "reason"> & { status: ConnectionStatus }>>`
    SELECT "id", "workspaceId", "provider", "externalAccountId", "displayName", "authMethod", "status" FROM "Connection"
    WHERE "id" = ${connectionId} FOR UPDATE`;
  if (!row || !USABLE_STATUSES.has(row.status)) return null;
  await tx.connection.update({ where: { id: connectionId }, data: { status: "NEEDS_REAUTH", encryptedCredentials: null } });
  await recordAudit(tx, {
    actorId: null,
    ip: null,
    userAgent: null,
    workspaceId: row.workspaceId,
    action: "connection.needs_reauth",
    targetType: "Connection",
    targetId: connectionId,
    metadata: { provider: row.provider, name: row.externalAccountId, previousStatus: row.status, reason },
  });
  const { status: _status, ...marked } = row;
  return { ...marked, reason };
}

/**
 * Where the reconnect starts, the way the connection was made: the provider's install route for
 * OAuth, else the Connections page's form (which also offers the provider's other way).
 */
function reconnectUrl(target: NeedsReauth, workspaceSlug: string): string {
  const { oauth } = connectorFor(target.provider).auth;
  const path =
    target.authMethod === "OAUTH" && oauth
      ? installPath(target.provider, oauth, { workspaceSlug, account: target.externalAccountId })
      : `/w/${workspaceSlug}/connections?${new URLSearchParams({ connect: providerSlug(target.provider) })}`;
  return `${appUrl()}${path}`;
}

/**
 * Emails the owners and admins, after the marking committed: the status change stands even if
 * mail fails, and a failed send is in the outbox with its error.
 */
export async function notifyNeedsReauth(target: NeedsReauth): Promise<void> {
  const workspace = await db.workspace.findUniqueOrThrow({
    where: { id: target.workspaceId },
    select: {
      name: true,
      slug: true,
      memberships: { where: { role: { in: CONNECTION_MANAGERS } }, select: { user: { select: { email: true } } } },
    },
  });
  const link = reconnectUrl(target, workspace.slug);
  for (const { user } of workspace.memberships) {
    try {
      await sendConnectionNeedsReauthEmail({
        to: user.email,
        workspaceId: target.workspaceId,
        workspaceName: workspace.name,
        connectionName: target.displayName,
        providerLabel: connectorFor(target.provider).info.name,
        reason: target.reason,
        reconnectUrl: link,
      });
    } catch (error) {
      logger.error({ err: error, connectionId: target.id }, "Could not email an admin that a connection needs re-authorization");
    }
  }
}

/** Marks and notifies in one go, for callers without a transaction of their own (the sync's error mapping). */
export async function markNeedsReauth(connectionId: string, reason: string): Promise<void> {
  const marked = await db.$transaction((tx) => markNeedsReauthIn(tx, connectionId, reason));
  if (marked) await notifyNeedsReauth(marked);
}
