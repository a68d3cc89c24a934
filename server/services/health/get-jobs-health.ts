import "server-only";
import { db } from "@/server/db";

// When background work is healthy: every scheduled job's last finished run succeeded, and it
// succeeded within twice its interval. Scheduled jobs are the scheduler tick, the daily
// retention fan-out, and the scheduled syncs of every connection that syncs.
//
// Jobs that have never succeeded are measured from when they could first have run, so a fresh
// install is not unhealthy at once: the tick from the install (the first applied migration),
// retention from the first scheduler run (an install without one is already flagged by the
// tick's check), a connection from its creation or the first scheduler run, whichever is later.
export const SCHEDULER_INTERVAL_MINUTES = 5;
export const RETENTION_INTERVAL_MINUTES = 24 * 60;

export type JobHealthCheck = {
  job: "scheduler" | "retention" | "sync";
  kind: string;
  connectionId: string | null;
  workspaceSlug: string | null;
  intervalMinutes: number;
  lastSuccessAt: string | null;
  lastRunStatus: "SUCCEEDED" | "FAILED" | null;
  healthy: boolean;
  reason: string | null;
};

export type JobsHealth = { status: "healthy" | "unhealthy"; checkedAt: string; checks: JobHealthCheck[] };

type Stats = { lastStatus: "SUCCEEDED" | "FAILED" | null; lastSuccessAt: Date | null; firstQueuedAt: Date | null };

export async function getJobsHealth(now = new Date()): Promise<JobsHealth> {
  const [system, connections, installedAt] = await Promise.all([systemStats(), connectionStats(), installTime()]);
  const scheduler = system.get("scheduler") ?? { lastStatus: null, lastSuccessAt: null, firstQueuedAt: null };
  const retention = system.get("retention") ?? { lastStatus: null, lastSuccessAt: null, firstQueuedAt: null };
  const firstTick = scheduler.firstQueuedAt;

  const checks: JobHealthCheck[] = [
    evaluate({ job: "scheduler", kind: "scheduler", connectionId: null, workspaceSlug: null }, SCHEDULER_INTERVAL_MINUTES, scheduler, installedAt ?? now, now),
  ];
  if (firstTick) {
    checks.push(evaluate({ job: "retention", kind: "retention", connectionId: null, workspaceSlug: null }, RETENTION_INTERVAL_MINUTES, retention, firstTick, now));
  }
  for (const c of connections) {
    const since = firstTick && firstTick > c.createdAt ? firstTick : c.createdAt;
    checks.push(
      evaluate({ job: "sync", kind: "sync", connectionId: c.id, workspaceSlug: c.workspaceSlug }, c.syncFrequencyMinutes, c, since, now),
    );
  }
  return { status: checks.every((c) => c.healthy) ? "healthy" : "unhealthy", checkedAt: now.toISOString(), checks };
}

function evaluate(
  subject: Pick<JobHealthCheck, "job" | "kind" | "connectionId" | "workspaceSlug">,
  intervalMinutes: number,
  stats: Stats,
  since: Date,
  now: Date,
): JobHealthCheck {
  const allowedMs = 2 * intervalMinutes * 60_000;
  const reference = stats.lastSuccessAt && stats.lastSuccessAt > since ? stats.lastSuccessAt : since;
  let reason: string | null = null;
  if (stats.lastStatus === "FAILED") reason = "failed on its last run";
  else if (now.getTime() - reference.getTime() > allowedMs) {
    reason = stats.lastSuccessAt ? `no success within ${2 * intervalMinutes} minutes` : `has not succeeded since ${since.toISOString()}`;
  }
  return {
    ...subject,
    intervalMinutes,
    lastSuccessAt: stats.lastSuccessAt?.toISOString() ?? null,
    lastRunStatus: stats.lastStatus,
    healthy: reason === null,
    reason,
  };
}

// The tick and the daily retention fan-out are system runs (no workspace). CANCELLED runs say
// nothing about health; QUEUED and RUNNING ones have no verdict yet.
async function systemStats(): Promise<Map<string, Stats>> {
  const rows = await db.$queryRaw<(Stats & { kind: string })[]>`
    SELECT k.kind,
      (SELECT j."status"::text FROM "JobRun" j
        WHERE j."kind" = k.kind AND j."workspaceId" IS NULL AND j."status" IN ('SUCCEEDED', 'FAILED')
        ORDER BY j."finishedAt" DESC NULLS LAST LIMIT 1) AS "lastStatus",
      (SELECT max(j."finishedAt") FROM "JobRun" j
        WHERE j."kind" = k.kind AND j."workspaceId" IS NULL AND j."status" = 'SUCCEEDED') AS "lastSuccessAt",
      (SELECT min(j."queuedAt") FROM "JobRun" j WHERE j."kind" = k.kind AND j."workspaceId" IS NULL) AS "firstQueuedAt"
    FROM (VALUES ('scheduler'), ('retention')) AS k(kind)`;
  return new Map(rows.map((row) => [row.kind, row]));
}

async function connectionStats() {
  return db.$queryRaw<(Stats & { id: string; workspaceSlug: string; syncFrequencyMinutes: number; createdAt: Date })[]>`
    SELECT c."id", w."slug" AS "workspaceSlug", c."syncFrequencyMinutes", c."createdAt",
      (SELECT j."status"::text FROM "JobRun" j
        WHERE j."connectionId" = c."id" AND j."kind" = 'sync' AND j."status" IN ('SUCCEEDED', 'FAILED')
        ORDER BY j."queuedAt" DESC LIMIT 1) AS "lastStatus",
      (SELECT max(j."finishedAt") FROM "JobRun" j
        WHERE j."connectionId" = c."id" AND j."kind" = 'sync' AND j."status" = 'SUCCEEDED') AS "lastSuccessAt",
      NULL::timestamptz AS "firstQueuedAt"
    FROM "Connection" c JOIN "Workspace" w ON w."id" = c."workspaceId"
    WHERE c."status" IN ('ACTIVE', 'ERROR')
    ORDER BY w."slug", c."createdAt", c."id"`;
}

async function installTime(): Promise<Date | null> {
  const [row] = await db.$queryRaw<{ at: Date | null }[]>`SELECT min("finished_at") AS at FROM "_prisma_migrations"`;
  return row?.at ?? null;
}
