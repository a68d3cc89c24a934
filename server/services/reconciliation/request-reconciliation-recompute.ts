import "server-only";
import type { WorkspaceDb } from "@/server/db";
import { AppError } from "@/server/errors";
import { recordAudit, type AuditActor } from "@/server/services/audit/record-audit";
import { requestPairRecompute } from "./request-pair-recompute";

// An admin's "Recompute": audited like every change a person asks for, then queued for the engine.
export async function requestReconciliationRecompute(wdb: WorkspaceDb, workspaceId: string, pairId: string, actor: AuditActor) {
  const pair = await wdb.reconciliationPair.findFirst({ where: { id: pairId }, select: { id: true, workspaceId: true } });
  if (!pair) throw new AppError("NOT_FOUND", "Reconciliation not found.");
  await recordAudit(wdb, { ...actor, workspaceId, action: "reconciliation.recompute.requested", targetType: "ReconciliationPair", targetId: pair.id });
  await requestPairRecompute([pair], "MANUAL");
  return { requested: true };
}
