import "server-only";
import type { WorkspaceDb } from "@/server/db";
import { Prisma } from "@/server/generated/prisma/client";
import { recordAudit, type AuditActor } from "@/server/services/audit/record-audit";
import { settingsView } from "./get-reconciliation-settings";
import type { UpdateReconciliationSettingsInput } from "./schema";

// The workspace's match-rate threshold, audited. The next reconcile run judges its pairs by it.
export async function updateReconciliationSettings(wdb: WorkspaceDb, workspaceId: string, input: UpdateReconciliationSettingsInput, actor: AuditActor) {
  // From the percent's decimal digits, not the float: 92.57 % is 0.9257 exactly.
  const matchRateThreshold = new Prisma.Decimal(String(input.matchRateThresholdPercent)).div(100);
  return wdb.$transaction(async (tx) => {
    const before = await tx.reconciliationSettings.findFirst({ select: { matchRateThreshold: true } });
    const saved = await tx.reconciliationSettings.upsert({
      where: { workspaceId },
      create: { workspaceId, matchRateThreshold },
      update: { matchRateThreshold },
      select: { matchRateThreshold: true },
    });
    await recordAudit(tx, {
      ...actor,
      workspaceId,
      action: "reconciliation.settings.updated",
      targetType: "ReconciliationSettings",
      targetId: workspaceId,
      metadata: { matchRateThreshold: saved.matchRateThreshold.toString(), previous: before?.matchRateThreshold.toString() ?? null },
    });
    return settingsView({ value: saved.matchRateThreshold, isDefault: false });
  });
}
