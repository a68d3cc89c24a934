import "server-only";
import { providerName } from "@/server/connectors/registry";
import { db } from "@/server/db";
import type { ConnectionStatus } from "@/server/generated/prisma/enums";
import { syncsOnSchedule } from "@/server/services/connections/sync-status";
import { connectorSync, type SyncEngineOptions } from "./sync-connectors";

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

/** What a sync run of the connection will read (its connector's streams, in order), or why it does not run. */
export async function planConnectionSync(connectionId: string, options: SyncEngineOptions = {}): Promise<SyncPlan> {
  const connection = await db.connection.findUnique({ where: { id: connectionId }, select: { provider: true, status: true } });
  if (!connection) return { status: "unavailable", reason: "The connection no longer exists" };
  if (!syncsOnSchedule(connection.status)) return { status: "skipped", reason: NOT_SYNCING[connection.status] };
  const sync = connectorSync(connection.provider, options);
  if (!sync) return { status: "unavailable", reason: `Syncing ${providerName(connection.provider)} is not available yet` };
  return { status: "ready", provider: connection.provider, streams: sync.streams.map((s) => s.name) };
}
