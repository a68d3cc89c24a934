import "server-only";
import type { WorkspaceDb } from "@/server/db";
import type { JobStatus } from "@/server/generated/prisma/enums";

export type ConnectionListItem = {
  id: string;
  provider: string;
  displayName: string;
  status: string;
  syncFrequencyMinutes: number;
  lastSyncedAt: Date | null;
  lastSync: { jobRunId: string; status: JobStatus; queuedAt: Date } | null;
};

// The workspace's connections with their latest sync run (any status), newest connection last.
export async function findConnections(wdb: WorkspaceDb): Promise<ConnectionListItem[]> {
  const connections = await wdb.connection.findMany({
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      provider: true,
      displayName: true,
      status: true,
      syncFrequencyMinutes: true,
      lastSyncedAt: true,
      // Served by the (connectionId, kind, queuedAt desc) index: one row per connection.
      jobRuns: { where: { kind: "sync" }, orderBy: { queuedAt: "desc" }, take: 1, select: { id: true, status: true, queuedAt: true } },
    },
  });
  return connections.map(({ jobRuns: [last], ...connection }) => ({
    ...connection,
    lastSync: last ? { jobRunId: last.id, status: last.status, queuedAt: last.queuedAt } : null,
  }));
}
