import "server-only";
import type { WorkspaceDb } from "@/server/db";
import { AppError } from "@/server/errors";
import { recordAudit, type AuditActor } from "@/server/services/audit/record-audit";
import { setSyncFrequencyInput, type SetSyncFrequencyInput } from "./schema";

// The scheduler reads the new frequency on its next tick; nothing else needs to change.
export async function setSyncFrequency(
  wdb: WorkspaceDb,
  workspaceId: string,
  raw: SetSyncFrequencyInput,
  actor: AuditActor,
): Promise<{ id: string; syncFrequencyMinutes: number }> {
  const input = setSyncFrequencyInput.parse(raw);
  return wdb.$transaction(async (tx) => {
    const before = await tx.connection.findFirst({ where: { id: input.connectionId }, select: { syncFrequencyMinutes: true } });
    if (!before) throw new AppError("NOT_FOUND", "Connection not found.");
    const connection = await tx.connection.update({
      where: { id: input.connectionId },
      data: { syncFrequencyMinutes: input.syncFrequencyMinutes },
      select: { id: true, syncFrequencyMinutes: true },
    });
    if (before.syncFrequencyMinutes !== input.syncFrequencyMinutes) {
      await recordAudit(tx, {
        ...actor,
        workspaceId,
        action: "connection.sync_frequency_changed",
        targetType: "Connection",
        targetId: connection.id,
        metadata: { from: before.syncFrequencyMinutes, to: input.syncFrequencyMinutes },
      });
    }
    return connection;
  });
}
