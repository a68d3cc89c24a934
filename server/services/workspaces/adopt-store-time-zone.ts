import "server-only";
import { workspaceDb } from "@/server/db";
import { recordAudit } from "@/server/services/audit/record-audit";
import { rebuildDashboardRollups } from "@/server/services/dashboard/rebuild-rollups";
import { TIME_ZONES } from "./schema";

const SYSTEM = { actorId: null, ip: null, userAgent: null } as const;

// The first store connects before its backfill: no sale is counted yet, so the rebuild takes no
// time and is done here, not queued as a person's change is (update-workspace-time-zone.ts).
const STORE_REBUILD_TIMEOUT_MS = 60_000;

/**
 * A store's own zone becomes the workspace's while no zone was chosen (by a person, or by an
 * earlier store): the first store connected sets it, and marks it chosen. The zone is taken by its
 * canonical IANA name ("Etc/UTC" is "UTC"); one this runtime does not know leaves the workspace's
 * as it is.
 */
export async function adoptStoreTimeZone(workspaceId: string, zone: string): Promise<void> {
  let timeZone: string;
  try {
    timeZone = new Intl.DateTimeFormat("en-US", { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return;
  }
  if (!TIME_ZONES.includes(timeZone)) return;
  await workspaceDb(workspaceId).$transaction(
    async (tx) => {
      const before = await tx.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { timeZone: true, timeZoneChosenAt: true } });
      if (before.timeZoneChosenAt) return;
      await tx.workspace.update({ where: { id: workspaceId }, data: { timeZone, timeZoneChosenAt: new Date() } });
      if (before.timeZone === timeZone) return;
      await rebuildDashboardRollups(workspaceId, tx);
      await recordAudit(tx, {
        ...SYSTEM,
        workspaceId,
        action: "workspace.updated",
        targetType: "Workspace",
        targetId: workspaceId,
        metadata: { timeZone: { from: before.timeZone, to: timeZone }, setBy: "store" },
      });
    },
    { timeout: STORE_REBUILD_TIMEOUT_MS },
  );
}
