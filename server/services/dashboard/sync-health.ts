import "server-only";
import { providerName } from "@/server/connectors/registry";
import { Prisma } from "@/server/generated/prisma/client";
import { SYNCING_STATUSES } from "@/server/services/connections/sync-status";
import { overviewPart } from "./overview-part";

export type ConnectionSyncHealth = {
  connectionId: string;
  provider: string;
  providerName: string;
  displayName: string;
  status: string;
  lastSuccessAt: Date | null;
  /** Sync runs that failed in the last 24 hours. */
  failuresLast24h: number;
  /** A sync run queued or running now. */
  inProgress: boolean;
  /**
   * When the scheduler next requests a sync: a frequency after the later of the last request and
   * the last sync (its rule, schedule-due-syncs.ts), or at its next tick when that is past. Null
   * for a connection that does not sync on schedule (paused, needs re-authorization...).
   */
  nextRunAt: Date | null;
};

const DAY_MS = 86_400_000;

type SyncHealthRow = Omit<ConnectionSyncHealth, "providerName" | "nextRunAt" | "lastSuccessAt"> & { lastSuccessAt: string | null; scheduled: boolean; dueAt: string | null };

/** Every connection of the workspace with how its syncs have gone, in the order Connections lists them. */
export function syncHealth(workspaceId: string, now: Date) {
  // Each subquery is served by JobRun's (connectionId, kind, queuedAt desc) index.
  const sql = Prisma.sql`
    SELECT c.id AS "connectionId", c.provider, c."displayName", c.status::text AS status,
      (SELECT j."finishedAt" FROM "JobRun" j
        WHERE j."connectionId" = c.id AND j.kind = 'sync' AND j.status = 'SUCCEEDED' ORDER BY j."queuedAt" DESC LIMIT 1) AS "lastSuccessAt",
      (SELECT count(*) FROM "JobRun" j
        WHERE j."connectionId" = c.id AND j.kind = 'sync' AND j.status = 'FAILED' AND j."queuedAt" > ${new Date(now.getTime() - DAY_MS)})::int AS "failuresLast24h",
      EXISTS (SELECT 1 FROM "JobRun" j WHERE j."connectionId" = c.id AND j.kind = 'sync' AND j.status IN ('QUEUED', 'RUNNING')) AS "inProgress",
      c.status::text = ANY(${[...SYNCING_STATUSES]}::text[]) AS scheduled,
      -- greatest() skips NULLs: null only for a connection never requested nor synced, due at once.
      greatest(c."lastSyncRequestedAt", c."lastSyncedAt") + make_interval(mins => c."syncFrequencyMinutes") AS "dueAt"
    FROM "Connection" c
    WHERE c."workspaceId" = ${workspaceId}
    ORDER BY c."createdAt", c.id`;
  return overviewPart(sql, (rows: SyncHealthRow[]): ConnectionSyncHealth[] =>
    rows.map(({ scheduled, dueAt, lastSuccessAt, ...row }) => {
      const due = dueAt === null ? null : new Date(dueAt);
      return {
        ...row,
        lastSuccessAt: lastSuccessAt === null ? null : new Date(lastSuccessAt),
        providerName: providerName(row.provider),
        nextRunAt: !scheduled ? null : due && due > now ? due : now,
      };
    }),
  );
}
