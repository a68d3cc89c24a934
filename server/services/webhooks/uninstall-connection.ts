import "server-only";
import { db } from "@/server/db";
import type { ConnectionStatus } from "@/server/generated/prisma/enums";
import { recordAudit } from "@/server/services/audit/record-audit";

export type UninstallResult = { disconnected: true; previousStatus: ConnectionStatus } | { ignored: string };

/**
 * The account removed Meridian's access (an app uninstalled): the provider has already revoked the
 * credentials, so only local cleanup is left. The connection is DISCONNECTED (the scheduler and
 * Sync now skip it) and its credentials are erased, in one transaction with the audit row, written
 * as the system's. The synced data stays until the account's redaction, if one comes.
 */
export async function uninstallConnection(input: { workspaceId: string; connectionId: string }): Promise<UninstallResult> {
  return db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ status: ConnectionStatus; provider: string; externalAccountId: string; hasCredentials: boolean }[]>`
      SELECT "status", "provider", "externalAccountId", "encryptedCredentials" IS NOT NULL AS "hasCredentials"
      FROM "Connection" WHERE "id" = ${input.connectionId} AND "workspaceId" = ${input.workspaceId} FOR UPDATE`;
    if (!row) return { ignored: "The connection no longer exists." };
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
      metadata: { provider: row.provider, account: row.externalAccountId, name: row.externalAccountId, previousStatus: row.status },
    });
    return { disconnected: true, previousStatus: row.status };
  });
}
