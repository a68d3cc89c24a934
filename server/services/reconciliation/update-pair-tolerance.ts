import "server-only";
import type { WorkspaceDb } from "@/server/db";
import { AppError } from "@/server/errors";
import { recordAudit, type AuditActor } from "@/server/services/audit/record-audit";
import { requestPairRecompute } from "./request-pair-recompute";
import type { UpdatePairToleranceInput } from "./schema";

// A pair's value tolerance, audited; its days are recomputed when it changed, since
// which orders mismatch depends on it.
export async function updatePairTolerance(wdb: WorkspaceDb, workspaceId: string, input: UpdatePairToleranceInput, actor: AuditActor) {
  const pair = await wdb.$transaction(async (tx) => {
    const before = await tx.reconciliationPair.findFirst({ where: { id: input.pairId }, select: { id: true, toleranceMinorUnits: true } });
    if (!before) throw new AppError("NOT_FOUND", "Reconciliation not found.");
    const saved = await tx.reconciliationPair.update({ where: { id: before.id }, data: { toleranceMinorUnits: input.toleranceMinorUnits }, select: { id: true, workspaceId: true, toleranceMinorUnits: true } });
    await recordAudit(tx, {
      ...actor,
      workspaceId,
      action: "reconciliation.pair.tolerance.updated",
      targetType: "ReconciliationPair",
      targetId: saved.id,
      metadata: { toleranceMinorUnits: saved.toleranceMinorUnits, previous: before.toleranceMinorUnits },
    });
    return { ...saved, changed: saved.toleranceMinorUnits !== before.toleranceMinorUnits };
  });
  if (pair.changed) await requestPairRecompute([pair], "MANUAL");
  return { id: pair.id, toleranceMinorUnits: pair.toleranceMinorUnits };
}
