import "server-only";
import type { WorkspaceDb } from "@/server/db";
import { AppError } from "@/server/errors";
import { recordAudit, type AuditActor } from "@/server/services/audit/record-audit";
import type { SetConnectionPausedInput } from "./schema";

// Pauses a syncing connection (no scheduled syncs, no Sync now) or resumes a paused one. Other
// statuses are not a person's to toggle: they change through re-authorization or disconnecting.
export async function setConnectionPaused(
  wdb: WorkspaceDb,
  workspaceId: string,
  input: SetConnectionPausedInput,
  actor: AuditActor,
): Promise<{ id: string; status: string }> {
  return wdb.$transaction(async (tx) => {
    const from = input.paused ? (["ACTIVE", "ERROR"] as const) : (["PAUSED"] as const);
    const updated = await tx.connection.updateMany({
      where: { id: input.connectionId, status: { in: [...from] } },
      data: { status: input.paused ? "PAUSED" : "ACTIVE" },
    });
    const connection = await tx.connection.findFirst({ where: { id: input.connectionId }, select: { id: true, status: true } });
    if (!connection) throw new AppError("NOT_FOUND", "Connection not found.");
    if (updated.count === 0) {
      if (connection.status === (input.paused ? "PAUSED" : "ACTIVE")) return connection;
      throw new AppError("CONFLICT", `A ${connection.status.toLowerCase().replace("_", " ")} connection cannot be ${input.paused ? "paused" : "resumed"}.`);
    }
    await recordAudit(tx, {
      ...actor,
      workspaceId,
      action: input.paused ? "connection.paused" : "connection.resumed",
      targetType: "Connection",
      targetId: connection.id,
    });
    return connection;
  });
}
