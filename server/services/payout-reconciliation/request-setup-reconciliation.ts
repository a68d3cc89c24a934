import "server-only";
import type { WorkspaceDb } from "@/server/db";
import { AppError } from "@/server/errors";
import { recordAudit, type AuditActor } from "@/server/services/audit/record-audit";
import { requestPayoutReconciliation } from "./request-payout-reconciliation";

// An admin's "Reconcile now": audited like every change a person asks for, then queued.
export async function requestSetupReconciliation(wdb: WorkspaceDb, workspaceId: string, setupId: string, actor: AuditActor) {
  const setup = await wdb.payoutReconciliationSetup.findFirst({ where: { id: setupId }, select: { id: true, workspaceId: true } });
  if (!setup) throw new AppError("NOT_FOUND", "Payout reconciliation setup not found.");
  await recordAudit(wdb, { ...actor, workspaceId, action: "payouts.reconciliation.requested", targetType: "PayoutReconciliationSetup", targetId: setup.id });
  await requestPayoutReconciliation([setup], "MANUAL");
  return { requested: true };
}
