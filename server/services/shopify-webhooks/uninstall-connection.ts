import "server-only";
import { db } from "@/server/db";
import type { ConnectionStatus } from "@/server/generated/prisma/enums";
import { recordAudit } from "@/server/services/audit/record-audit";

export type UninstallResult = { disconnected: true; previousStatus: ConnectionStatus } | { ignored: string };

/**
 * app/uninstalled: Shopify has already revoked the token and removed the subscriptions, so only
 * local cleanup is left: the connection is DISCONNECTED (the scheduler and Sync now skip it) and
 * its credentials are erased, in one transaction with the audit row. The synced data stays until
 * shop/redact. A delivery received before the shop was installed again is stale and ignored.
 */
export async function uninstallShopifyConnection(input: { workspaceId: string; connectionId: string; receivedAt: Date }): Promise<UninstallResult> {
  return db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ status: ConnectionStatus; externalAccountId: string; installedAt: string | null; hasCredentials: boolean }[]>`
      SELECT "status", "externalAccountId", "settings"->>'installedAt' AS "installedAt", "encryptedCredentials" IS NOT NULL AS "hasCredentials"
      FROM "Connection" WHERE "id" = ${input.connectionId} AND "workspaceId" = ${input.workspaceId} FOR UPDATE`;
    if (!row) return { ignored: "The connection no longer exists." };
    if (row.installedAt && Date.parse(row.installedAt) > input.receivedAt.getTime()) {
      return { ignored: "The shop was installed again after this uninstall was received." };
    }
    if (row.status === "DISCONNECTED" && !row.hasCredentials) return { disconnected: true, previousStatus: row.status };
    await tx.connection.update({ where: { id: input.connectionId }, data: { status: "DISCONNECTED", encryptedCredentials: null } });
    await recordAudit(tx, {
      actorId: null,
      ip: null,
      userAgent: null,
      workspaceId: input.workspaceId,
      action: "connection.uninstalled",
      targetType: "Connection",
      targetId: input.connectionId,
      metadata: { provider: "SHOPIFY", shop: row.externalAccountId, name: row.externalAccountId, previousStatus: row.status },
    });
    return { disconnected: true, previousStatus: row.status };
  });
}
