import type { WorkspaceDb } from "@/server/db";
import { recordAudit, type AuditActor } from "@/server/services/audit/record-audit";
import { getRetentionPolicy, type RetentionPolicy } from "./get-retention-policy";
import { RETENTION_FIELDS, type UpdateRetentionInput } from "./schema";

export async function updateRetentionPolicy(
  wdb: WorkspaceDb,
  workspaceId: string,
  input: UpdateRetentionInput,
  actor: AuditActor,
): Promise<RetentionPolicy> {
  return wdb.$transaction(async (tx) => {
    const { isDefault: _isDefault, ...before } = await getRetentionPolicy(tx);
    const after = Object.fromEntries(RETENTION_FIELDS.map((field) => [field, input[field]])) as UpdateRetentionInput;
    await tx.retentionPolicy.upsert({
      where: { workspaceId },
      create: { ...after, workspaceId },
      update: after,
    });
    await recordAudit(tx, {
      ...actor,
      workspaceId,
      action: "retention.updated",
      targetType: "RetentionPolicy",
      targetId: workspaceId,
      metadata: { before, after },
    });
    return { ...after, isDefault: false };
  });
}
