import "server-only";
import { db } from "@/server/db";
import { rebuildDashboardRollupsInParts } from "@/server/services/dashboard/rebuild-rollups";
import { updateJobRunProgress } from "@/server/services/jobs/update-job-run-progress";

// The whole rebuild is one transaction (readers keep the old zone's figures until it commits), so
// it must end within one call of the job runner to the app (300 s, app/api/inngest/route.ts):
// about 30 s at a million orders on a quiet machine, 80-120 s on a loaded one.
const REBUILD_TIMEOUT_MS = 290_000;

export type AppliedTimeZone = { outcome: "changed" | "unchanged" | "superseded"; timeZone: string | null };

/**
 * The time-zone change job's work (inngest/functions/change-workspace-time-zone.ts): sets the
 * workspace's zone to `timeZone` and counts every day of its rollups again in it, in one
 * transaction, so the overview shows the old zone's figures, then the new zone's, never a mix; a
 * failure leaves both as they were. Progress goes on JobRun `jobRunId` as the keys are done (outside
 * the transaction, so Settings sees it move). A request queued after this one wins: this one then
 * does nothing.
 */
export async function applyWorkspaceTimeZone(workspaceId: string, timeZone: string, jobRunId: string): Promise<AppliedTimeZone> {
  return db.$transaction(
    async (tx) => {
      const [newer] = await tx.$queryRaw<{ id: string }[]>`
        SELECT n.id FROM "JobRun" r JOIN "JobRun" n ON n."workspaceId" = r."workspaceId" AND n.kind = r.kind AND (n."queuedAt", n.id) > (r."queuedAt", r.id)
        WHERE r.id = ${jobRunId} LIMIT 1`;
      if (newer) return { outcome: "superseded", timeZone: null };
      const changed = await tx.$executeRaw`UPDATE "Workspace" SET "timeZone" = ${timeZone}, "updatedAt" = now() WHERE id = ${workspaceId} AND "timeZone" <> ${timeZone}`;
      if (changed === 0) return { outcome: "unchanged", timeZone };
      await rebuildDashboardRollupsInParts(workspaceId, tx, (done, total) => updateJobRunProgress(jobRunId, done, total));
      return { outcome: "changed", timeZone };
    },
    { timeout: REBUILD_TIMEOUT_MS, maxWait: 10_000 },
  );
}
