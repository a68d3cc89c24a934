import "server-only";
import { db } from "@/server/db";
import { alertableOutcome } from "./job-run-outcome";
import type { JobRunOutcome } from "./types";

// A RUNNING run refreshes details.heartbeatAt on every call (touchJobRun, at most once a minute).
// One call lasts at most the route's maxDuration (300 s) and retries back off for minutes, so 30
// silent minutes mean the runner that owned the run is gone (a stopped local runner keeps its
// runs in memory only) and no call will ever finish it.
export const RUNNING_TIMEOUT_MS = 30 * 60_000;
// A pre-created QUEUED row is claimed when its run starts; an hour unclaimed means the event was
// lost or its run dropped. (A run that does start later records itself on a new row.)
export const QUEUED_TIMEOUT_MS = 60 * 60_000;

export const INTERRUPTED_RUNNING = "interrupted: the job runner stopped before the run finished";
export const INTERRUPTED_QUEUED = "interrupted: the job runner never started the run";

type Closed = { id: string; workspaceId: string | null; connectionId: string | null; kind: string };

// Closes, set-based, the runs nothing will ever finish, as FAILED with the reason. Returns the
// `app/job-run.failed` payloads of those that alert, so they are reported like any failure.
export async function markStaleJobRuns(now = new Date()): Promise<{ running: number; queued: number; failed: JobRunOutcome[] }> {
  const at = now.toISOString();
  const running = await db.$queryRaw<Closed[]>`
    UPDATE "JobRun" SET
      "status" = 'FAILED',
      "error" = ${INTERRUPTED_RUNNING},
      "finishedAt" = ${now}::timestamptz,
      "durationMs" = greatest(0, round(extract(epoch FROM (${now}::timestamptz - coalesce("startedAt", "queuedAt"))) * 1000))::int,
      "details" = CASE
        WHEN jsonb_typeof("details"->'attempts') = 'array' AND jsonb_array_length("details"->'attempts') > 0
          AND NOT (("details"->'attempts'->-1) ? 'finishedAt')
        THEN jsonb_set("details", ARRAY['attempts', (jsonb_array_length("details"->'attempts') - 1)::text],
          ("details"->'attempts'->-1) || jsonb_build_object('finishedAt', ${at}::text, 'error', ${INTERRUPTED_RUNNING}::text))
        ELSE "details" END
    WHERE "status" = 'RUNNING'
      AND coalesce(("details"->>'heartbeatAt')::timestamptz, "startedAt", "queuedAt")
          < ${now}::timestamptz - make_interval(secs => ${RUNNING_TIMEOUT_MS / 1000})
    RETURNING "id", "workspaceId", "connectionId", "kind"`;
  const queued = await db.$queryRaw<Closed[]>`
    UPDATE "JobRun" SET "status" = 'FAILED', "error" = ${INTERRUPTED_QUEUED}, "finishedAt" = ${now}::timestamptz, "durationMs" = 0
    WHERE "status" = 'QUEUED' AND "queuedAt" < ${now}::timestamptz - make_interval(secs => ${QUEUED_TIMEOUT_MS / 1000})
    RETURNING "id", "workspaceId", "connectionId", "kind"`;
  const failed = [...running, ...queued].flatMap((run) => alertableOutcome(run) ?? []);
  return { running: running.length, queued: queued.length, failed };
}
