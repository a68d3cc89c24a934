import "server-only";
import { db } from "@/server/db";
import { Prisma } from "@/server/generated/prisma/client";

// A person's change of the workspace's zone is a JobRun of kind time-zone-change (its event's
// data, kept in details.event from the moment it is queued, names the zone): see
// update-workspace-time-zone.ts and apply-workspace-time-zone.ts.

export type TimeZoneChange = {
  timeZone: string;
  status: "QUEUED" | "RUNNING" | "FAILED";
  /** (store, day) keys recounted so far, of progressTotal; null until the run has counted them. */
  progressDone: number | null;
  progressTotal: number | null;
  error: string | null;
};

const changeColumns = Prisma.sql`j.details #>> '{event,data,timeZone}' AS "timeZone", j.status::text AS status, j."progressDone", j."progressTotal", j.error`;

/** The change being made, if any (its zone is not the workspace's yet): the newest queued or running one. */
export function timeZoneChangeInFlightSql(workspaceId: string): Prisma.Sql {
  // Served by JobRun's (kind, status, finishedAt) index: a handful of rows at most.
  return Prisma.sql`
    SELECT ${changeColumns} FROM "JobRun" j
    WHERE j.kind = 'time-zone-change' AND j.status IN ('QUEUED', 'RUNNING') AND j."workspaceId" = ${workspaceId}
    ORDER BY j."queuedAt" DESC, j.id DESC LIMIT 1`;
}

/**
 * The workspace's zone and the last change asked of it, unless that one is done: in flight, or
 * failed (the zone then is still the old one, with its figures).
 */
export async function getWorkspaceTimeZone(workspaceId: string): Promise<{ timeZone: string; change: TimeZoneChange | null }> {
  const [row] = await db.$queryRaw<{ timeZone: string; change: TimeZoneChange | null }[]>`
    SELECT w."timeZone",
      (SELECT to_json(c) FROM (
        SELECT ${changeColumns} FROM "JobRun" j WHERE j."workspaceId" = ${workspaceId} AND j.kind = 'time-zone-change'
        ORDER BY j."queuedAt" DESC, j.id DESC LIMIT 1) c
       WHERE c.status IN ('QUEUED', 'RUNNING', 'FAILED')) AS change
    FROM "Workspace" w WHERE w.id = ${workspaceId}`;
  if (!row) throw new Error(`Workspace ${workspaceId} not found`);
  return row;
}
