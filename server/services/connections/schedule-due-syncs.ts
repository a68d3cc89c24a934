import "server-only";
import { db } from "@/server/db";
import { connectionSyncRequested } from "@/server/services/jobs/events";
import { SYNC_FUNCTION_ID } from "./sync-status";

export type ScheduledSync = { jobRunId: string; workspaceId: string; connectionId: string };

// One statement for every due connection: due when neither the last request nor the last sync
// is within its frequency (a long sync is not re-requested on every tick), not while a sync of
// it is QUEUED or RUNNING, only in a syncing status. It marks them requested and pre-creates
// their QUEUED JobRuns, which the sync runs claim. Rows another transaction holds (a "Sync now"
// in flight) are skipped, not waited for: that request covers them.
export async function scheduleDueSyncs(now = new Date()): Promise<ScheduledSync[]> {
  return db.$queryRaw<ScheduledSync[]>`
    WITH due AS (
      SELECT c."id", c."workspaceId"
      FROM "Connection" c
      WHERE c."status" IN ('ACTIVE', 'ERROR')
        AND greatest(coalesce(c."lastSyncRequestedAt", '-infinity'), coalesce(c."lastSyncedAt", '-infinity'))
            <= ${now}::timestamptz - make_interval(mins => c."syncFrequencyMinutes")
        AND NOT EXISTS (
          SELECT 1 FROM "JobRun" j
          WHERE j."connectionId" = c."id" AND j."kind" = 'sync' AND j."status" IN ('QUEUED', 'RUNNING'))
      FOR UPDATE OF c SKIP LOCKED
    ),
    requested AS (
      UPDATE "Connection" c SET "lastSyncRequestedAt" = ${now}::timestamptz, "updatedAt" = ${now}::timestamptz
      FROM due WHERE c."id" = due."id"
      RETURNING c."id", c."workspaceId"
    )
    INSERT INTO "JobRun" ("id", "workspaceId", "connectionId", "functionId", "kind", "trigger", "status", "queuedAt", "details")
    SELECT gen_random_uuid()::text, r."workspaceId", r."id", ${SYNC_FUNCTION_ID}, 'sync', 'SCHEDULE'::"JobTrigger", 'QUEUED'::"JobStatus", ${now}::timestamptz,
      jsonb_build_object('event', jsonb_build_object(
        'name', ${connectionSyncRequested.name}::text,
        'data', jsonb_build_object('workspaceId', r."workspaceId", 'connectionId', r."id", 'trigger', 'SCHEDULE')))
    FROM requested r
    RETURNING "id" AS "jobRunId", "workspaceId", "connectionId"`;
}
