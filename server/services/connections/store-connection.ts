import "server-only";
import type { AccountIdentity } from "@/server/connectors/_core/auth";
import type { Provider } from "@/server/connectors/providers";
import { can } from "@/server/auth/permissions";
import { workspaceDb } from "@/server/db";
import { Prisma } from "@/server/generated/prisma/client";
import type { ConnectionAuthMethod, ConnectionStatus, Role } from "@/server/generated/prisma/enums";
import { recordAudit, type AuditActor } from "@/server/services/audit/record-audit";

export type StoredConnection = {
  connectionId: string;
  workspaceId: string;
  workspaceSlug: string;
  provider: Provider;
  externalAccountId: string;
  displayName: string;
  /** True when an existing Connection row (an earlier connect of this account) was reconnected. */
  reconnected: boolean;
  /** The account's own time zone, when its provider keeps one (AccountIdentity.timeZone). */
  timeZone?: string;
};

/** Why nothing was stored: the caller turns it into its own error (an error page, a tRPC error). */
export type StoreRefusal = "workspace_not_found" | "account_in_other_workspace" | "already_connected";

export class StoreRefusedError extends Error {
  constructor(readonly reason: StoreRefusal) {
    super(`Connection not stored: ${reason}`);
    this.name = "StoreRefusedError";
  }
}

// Waits on the account's row lock (a refresh of a reconnected account holds it for one HTTP call).
const STORE_TRANSACTION = { maxWait: 10_000, timeout: 20_000 } as const;

// What a connection that is still working may not be replaced by: a second connect of the same
// account with other credentials is a mistake; reconnecting one that stopped is not.
const LIVE: ReadonlySet<ConnectionStatus> = new Set(["ACTIVE", "PAUSED", "ERROR", "PENDING"]);

type ExistingConnection = { id: string; workspaceId: string; status: ConnectionStatus; authMethod: ConnectionAuthMethod; settings: Prisma.JsonValue };

/**
 * One transaction that creates the Connection for `identity`, or reconnects the row an earlier
 * connect of the same account left (same workspace), with the sealed credentials, and audits it.
 * The person must still be allowed to manage the workspace's connections. `whenConnected`: an
 * OAuth connect reconnects a live row too (a reinstall); a credentials connect refuses it.
 */
export async function storeConnection(input: {
  workspaceId: string;
  userId: string;
  provider: Provider;
  identity: AccountIdentity;
  /** The way it was connected, which says what `sealedCredentials` holds; a reconnect may change it. */
  authMethod: ConnectionAuthMethod;
  sealedCredentials: string;
  actor: AuditActor;
  whenConnected: "reconnect" | "refuse";
  auditMetadata?: Prisma.InputJsonObject;
}): Promise<StoredConnection> {
  const { workspaceId, provider, identity } = input;
  const store = () =>
    workspaceDb(workspaceId).$transaction(async (tx): Promise<StoredConnection> => {
      const [membership] = await tx.$queryRaw<Array<{ slug: string; role: Role }>>`
        SELECT w."slug", m."role"::text AS "role" FROM "Membership" m JOIN "Workspace" w ON w."id" = m."workspaceId"
        WHERE m."workspaceId" = ${workspaceId} AND m."userId" = ${input.userId}`;
      if (!membership || !can(membership.role, "connections.manage")) throw new StoreRefusedError("workspace_not_found");

      // Across workspaces on purpose: an account belongs to at most one workspace. The lock keeps a
      // concurrent refresh or reconnect of the same account from interleaving with this write.
      const [existing] = await tx.$queryRaw<ExistingConnection[]>`
        SELECT "id", "workspaceId", "status", "authMethod", "settings" FROM "Connection"
        WHERE "provider" = ${provider} AND "externalAccountId" = ${identity.externalAccountId} FOR UPDATE`;
      if (existing && existing.workspaceId !== workspaceId) throw new StoreRefusedError("account_in_other_workspace");
      if (existing && input.whenConnected === "refuse" && LIVE.has(existing.status)) throw new StoreRefusedError("already_connected");

      const connection = existing
        ? await tx.connection.update({
            where: { id: existing.id },
            data: {
              status: "ACTIVE",
              authMethod: input.authMethod,
              encryptedCredentials: input.sealedCredentials,
              settings: { ...(existing.settings as Prisma.JsonObject), ...identity.settings },
            },
            select: { id: true, displayName: true },
          })
        : await tx.connection.create({
            data: {
              workspaceId,
              provider,
              externalAccountId: identity.externalAccountId,
              displayName: identity.displayName,
              status: "ACTIVE",
              authMethod: input.authMethod,
              encryptedCredentials: input.sealedCredentials,
              settings: identity.settings,
            },
            select: { id: true, displayName: true },
          });

      await recordAudit(tx, {
        ...input.actor,
        workspaceId,
        action: existing ? "connection.reconnected" : "connection.created",
        targetType: "Connection",
        targetId: connection.id,
        metadata: {
          provider,
          name: identity.externalAccountId,
          authMethod: input.authMethod,
          ...input.auditMetadata,
          ...(existing ? { previousStatus: existing.status, previousAuthMethod: existing.authMethod } : {}),
        },
      });
      return {
        connectionId: connection.id,
        workspaceId,
        workspaceSlug: membership.slug,
        provider,
        externalAccountId: identity.externalAccountId,
        displayName: connection.displayName,
        reconnected: Boolean(existing),
        timeZone: identity.timeZone,
      };
    }, STORE_TRANSACTION);
  try {
    return await store();
  } catch (error) {
    // Two first connects of one account raced and this insert lost on the unique key: once more,
    // now the winner's row is there to lock and judge.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return store();
    throw error;
  }
}
