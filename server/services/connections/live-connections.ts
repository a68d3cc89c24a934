import type { ConnectorCategory } from "@/server/connectors/_core/connector";
import { connectorFor, registeredProvider } from "@/server/connectors/registry";
import type { WorkspaceDb } from "@/server/db";

export type LiveConnection = { id: string; displayName: string; provider: string };

// The workspace's connections of one kind (stores, 3PLs, accounting systems), oldest first. A
// disconnected connection will not send anything any more, so it does not count.
export async function liveConnectionsIn(wdb: WorkspaceDb, category: ConnectorCategory): Promise<LiveConnection[]> {
  const connections = await wdb.connection.findMany({
    where: { status: { not: "DISCONNECTED" } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, displayName: true, provider: true },
  });
  return connections.filter((connection) => isOfCategory(connection.provider, category));
}

/** Whether a connection's provider is a registered one of this kind. */
export function isOfCategory(provider: string, category: ConnectorCategory): boolean {
  const registered = registeredProvider(provider);
  return registered !== null && connectorFor(registered).info.category === category;
}

export async function hasLiveConnectionIn(wdb: WorkspaceDb, category: ConnectorCategory): Promise<boolean> {
  return (await liveConnectionsIn(wdb, category)).length > 0;
}
