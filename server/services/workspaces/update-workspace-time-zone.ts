import "server-only";
import type { WorkspaceDb } from "@/server/db";
import { recordAudit, type AuditActor } from "@/server/services/audit/record-audit";
import { rebuildDashboardRollups } from "@/server/services/dashboard/rebuild-rollups";
import type { UpdateWorkspaceTimeZoneInput } from "./schema";

// A rebuild recomputes every day of the workspace: seconds on a million orders, beyond the
// interactive transaction's default 5 s.
const REBUILD_TIMEOUT_MS = 300_000;

/**
 * Sets the zone the workspace's days are counted in, and moves every sale to its day in it: the
 * dashboard's rollups are rebuilt in the same transaction, so no reader sees days of two zones.
 */
export async function updateWorkspaceTimeZone(
  wdb: WorkspaceDb,
  workspaceId: string,
  input: UpdateWorkspaceTimeZoneInput,
  actor: AuditActor,
): Promise<{ timeZone: string }> {
  return wdb.$transaction(
    async (tx) => {
      const before = await tx.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { timeZone: true } });
      if (before.timeZone === input.timeZone) return before;
      const updated = await tx.workspace.update({ where: { id: workspaceId }, data: { timeZone: input.timeZone }, select: { timeZone: true } });
      await rebuildDashboardRollups(workspaceId, tx);
      await recordAudit(tx, {
        ...actor,
        workspaceId,
        action: "workspace.updated",
        targetType: "Workspace",
        targetId: workspaceId,
        metadata: { timeZone: { from: before.timeZone, to: input.timeZone } },
      });
      return updated;
    },
    { timeout: REBUILD_TIMEOUT_MS },
  );
}
