import "server-only";
import { db } from "@/server/db";
import { requestReconciliationAfterSync } from "@/server/services/payout-reconciliation/request-payout-reconciliation";
import { requestAnalyticsReconciliationAfterSync } from "@/server/services/reconciliation/request-pair-recompute";

/**
 * The whole sync is done (the run that read the last stream): the connection is synced as of now,
 * and the payout and analytics reconciliations it feeds are recomputed.
 */
export async function completeConnectionSync(connectionId: string, now = new Date()): Promise<void> {
  await db.connection.updateMany({ where: { id: connectionId }, data: { lastSyncedAt: now } });
  await requestReconciliationAfterSync(connectionId);
  await requestAnalyticsReconciliationAfterSync(connectionId);
}
