import "server-only";
import { db } from "@/server/db";

/** The whole sync is done (the run that read the last stream): the connection is synced as of now. */
export async function completeConnectionSync(connectionId: string, now = new Date()): Promise<void> {
  await db.connection.updateMany({ where: { id: connectionId }, data: { lastSyncedAt: now } });
}
