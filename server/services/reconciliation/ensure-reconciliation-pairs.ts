import "server-only";
import { db, workspaceDb } from "@/server/db";
import { liveConnectionsIn } from "@/server/services/connections/live-connections";
import { analyticsPropertyOf } from "./analytics-settings";

export type PairRef = { id: string; workspaceId: string };

/**
 * Every (store, analytics) pair of the workspace's live connections gets its ReconciliationPair,
 * so connecting the second side is all it takes; an existing pair is kept as it is (its tolerance,
 * history and alert state). A disconnected side's pair stays with its history until the connection
 * is deleted (cascade). Answers the workspace's pairs.
 */
export async function ensureReconciliationPairs(workspaceId: string): Promise<PairRef[]> {
  const wdb = workspaceDb(workspaceId);
  const [stores, analytics] = await Promise.all([liveConnectionsIn(wdb, "store"), liveConnectionsIn(wdb, "analytics")]);
  if (stores.length > 0 && analytics.length > 0) {
    const settings = await db.connection.findMany({ where: { workspaceId, id: { in: analytics.map((a) => a.id) } }, select: { id: true, settings: true } });
    await db.reconciliationPair.createMany({
      data: stores.flatMap((store) =>
        settings.map((property) => ({ workspaceId, storeConnectionId: store.id, analyticsConnectionId: property.id, timeZone: analyticsPropertyOf(property.settings).timeZone })),
      ),
      skipDuplicates: true,
    });
  }
  return db.reconciliationPair.findMany({ where: { workspaceId }, select: { id: true, workspaceId: true }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
}
