import "server-only";
import type { WorkspaceDb } from "@/server/db";
import { recordAudit, type AuditActor } from "@/server/services/audit/record-audit";
import { rebuildDashboardRollups } from "@/server/services/dashboard/rebuild-rollups";
import type { UpdateWorkspaceTimeZoneInput } from "./schema";

// A rebuild recomputes every day of the workspace: seconds on a million orders, beyond the
// interactive transaction's default 5 s.
const REBUILD_TIMEOUT_MS = 300_000;

/**
 * Who sets the zone: a person (Settings → General), or a store connected while none was chosen
 * (its own zone is the workspace's better default than UTC).
 */
export type TimeZoneSource = "person" | "store";

/**
 * Sets the zone the workspace's days are counted in and its times shown in, and moves every sale
 * to its day in it: the dashboard's rollups are rebuilt in the same transaction, so no reader sees
 * days of two zones. Either source marks the zone chosen; a store's zone never replaces a chosen one.
 */
export async function updateWorkspaceTimeZone(
  wdb: WorkspaceDb,
  workspaceId: string,
  input: UpdateWorkspaceTimeZoneInput,
  actor: AuditActor,
  source: TimeZoneSource = "person",
): Promise<{ timeZone: string }> {
  return wdb.$transaction(
    async (tx) => {
      const before = await tx.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { timeZone: true, timeZoneChosenAt: true } });
      if (source === "store" && before.timeZoneChosenAt) return { timeZone: before.timeZone };
      const chosen = { timeZoneChosenAt: before.timeZoneChosenAt ?? new Date() };
      if (before.timeZone === input.timeZone) {
        if (!before.timeZoneChosenAt) await tx.workspace.update({ where: { id: workspaceId }, data: chosen });
        return { timeZone: before.timeZone };
      }
      const updated = await tx.workspace.update({ where: { id: workspaceId }, data: { timeZone: input.timeZone, ...chosen }, select: { timeZone: true } });
      await rebuildDashboardRollups(workspaceId, tx);
      await recordAudit(tx, {
        ...actor,
        workspaceId,
        action: "workspace.updated",
        targetType: "Workspace",
        targetId: workspaceId,
        metadata: { timeZone: { from: before.timeZone, to: input.timeZone }, ...(source === "store" ? { setBy: "store" } : {}) },
      });
      return updated;
    },
    { timeout: REBUILD_TIMEOUT_MS },
  );
}
