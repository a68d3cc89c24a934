import "server-only";
import { db } from "@/server/db";
import { providerName } from "@/server/connectors/registry";
import type { ConnectionStatus } from "@/server/generated/prisma/enums";
import { syncsOnSchedule } from "@/server/services/connections/sync-status";
import { providerSyncs, type ProviderSyncRegistry, type SyncBatchResult, type SyncConnection } from "./registry";


const NOT_SYNCING: Record<ConnectionStatus, string> = {
  ACTIVE: "The connection is active",
  ERROR: "The connection is in error",
  PAUSED: "The connection is paused",
  NEEDS_REAUTH: "The connection needs to be re-authorized",
  DISCONNECTED: "The connection is disconnected",
  PENDING: "The connection is not set up yet",
};

export type SyncPlan =
  | { status: "ready"; provider: string; streams: string[] }
  // Paused, disconnected or awaiting re-authorization since the request was sent: nothing to do,
  // and nothing failed either.
  | { status: "skipped"; reason: string }
  // Retrying would not change the answer: the caller fails the run for good.
  | { status: "unavailable"; reason: string };

const SYNC_CONNECTION_SELECT = {
  id: true,
  workspaceId: true,
  provider: true,
  externalAccountId: true,
  encryptedCredentials: true,
  settings: true,
} as const;

async function loadSyncConnection(connectionId: string): Promise<SyncConnection | null> {
  return db.connection.findUnique({ where: { id: connectionId }, select: SYNC_CONNECTION_SELECT });
}

// What a sync run of the connection will read, or why it does not run.
export async function planConnectionSync(
  connectionId: string,
  registry: ProviderSyncRegistry = providerSyncs,
): Promise<SyncPlan> {
  const connection = await db.connection.findUnique({ where: { id: connectionId }, select: { provider: true, status: true } });
  if (!connection) return { status: "unavailable", reason: "The connection no longer exists" };
  if (!syncsOnSchedule(connection.status)) return { status: "skipped", reason: NOT_SYNCING[connection.status] };
  const sync = registry[connection.provider];
  if (!sync) return { status: "unavailable", reason: `Syncing ${providerName(connection.provider)} is not available yet` };
  return { status: "ready", provider: connection.provider, streams: [...sync.streams] };
}

/** The connection went away (removed, its workspace deleted) or cannot sync: retrying cannot help. */
export class SyncUnavailableError extends Error {}

// One batch of one stream of the run `jobRunId` (which the batch's counts go to): dispatches to
// the provider's implementation.
export async function runConnectionSyncBatch(
  input: { connectionId: string; stream: string; cursor: string | null; jobRunId: string },
  registry: ProviderSyncRegistry = providerSyncs,
): Promise<SyncBatchResult> {
  const connection = await loadSyncConnection(input.connectionId);
  if (!connection) throw new SyncUnavailableError(`Connection ${input.connectionId} no longer exists`);
  const sync = registry[connection.provider];
  if (!sync) throw new SyncUnavailableError(`Syncing ${providerName(connection.provider)} is not available yet`);
  return sync.syncBatch({ connection, stream: input.stream, cursor: input.cursor, jobRunId: input.jobRunId });
}

export async function completeConnectionSync(connectionId: string, now = new Date()): Promise<void> {
  await db.connection.updateMany({ where: { id: connectionId }, data: { lastSyncedAt: now } });
}
