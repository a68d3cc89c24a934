import "server-only";
import { db } from "@/server/db";
import { alertableOutcome } from "./job-run-outcome";
import type { JobRunOutcome } from "./types";

// The fallback for runs the job runner cannot be asked about (see reconcileInFlightRuns): a
// RUNNING run refreshes details.heartbeatAt on every call (touchJobRun, at most once a minute).
// One call lasts at most the route's maxDuration (300 s) and retries back off for minutes, so 30
// silent minutes mean the runner that owned the run is gone and no call will ever finish it. Not
// shorter: a run that sleeps or waits for an event is silent for as long as it waits, and without
// the runner's word a slow verdict beats closing a live run.
export const RUNNING_TIMEOUT_MS = 30 * 60_000;
// A pre-created QUEUED row is claimed when its run starts; an hour unclaimed means the event was
// lost or its run dropped. (A run that does start later records itself on a new row.)
export const QUEUED_TIMEOUT_MS = 60 * 60_000;

export const INTERRUPTED_RUNNING = "interrupted: the job runner stopped before the run finished";
export const INTERRUPTED_QUEUED = "interrupted: the job runner never started the run";

/** An open run judged interrupted, in the status it was judged in, with the reason it is closed for. */
export type InterruptedRun = { id: string; status: "QUEUED" | "RUNNING"; reason: string };

type Closed = { id: string; workspaceId: string | null; connectionId: string | null; kind: string; was: "QUEUED" | "RUNNING" };

/**
 * Closes, set-based, runs nothing will ever finish, as FAILED with their reasons (the open attempt
 * too). A run is closed only while still in the status it was judged in, so one claimed or
 * finished meanwhile stays as it is. Returns the closed runs and the `app/job-run.failed` payloads
 * of those that alert, for the caller to report like any failure.
 */
export async function closeInterruptedJobRuns(runs: InterruptedRun[], now = new Date()): Promise<{ closed: Closed[]; failed: JobRunOutcome[] }> {
  if (runs.length === 0) return { closed: [], failed: [] };
  const at = now.toISOString();
  const closed = await db.$queryRaw<Closed[]>`
    UPDATE "JobRun" j SET
      "status" = 'FAILED',
      "error" = c."reason",
      "finishedAt" = ${now}::timestamptz,
      "durationMs" = CASE WHEN j."status" = 'QUEUED' THEN 0
        ELSE greatest(0, round(extract(epoch FROM (${now}::timestamptz - coalesce(j."startedAt", j."queuedAt"))) * 1000))::int END,
      "details" = CASE
        WHEN jsonb_typeof(j."details"->'attempts') = 'array' AND jsonb_array_length(j."details"->'attempts') > 0
          AND NOT ((j."details"->'attempts'->-1) ? 'finishedAt')
        THEN jsonb_set(j."details", ARRAY['attempts', (jsonb_array_length(j."details"->'attempts') - 1)::text],
          (j."details"->'attempts'->-1) || jsonb_build_object('finishedAt', ${at}::text, 'error', c."reason"))
        ELSE j."details" END
    FROM unnest(${runs.map((r) => r.id)}::text[], ${runs.map((r) => r.status)}::text[], ${runs.map((r) => r.reason)}::text[]) AS c("id", "status", "reason")
    WHERE j."id" = c."id" AND j."status"::text = c."status"
    RETURNING j."id", j."workspaceId", j."connectionId", j."kind", c."status" AS "was"`;
  return { closed, failed: closed.flatMap((run) => alertableOutcome(run) ?? []) };
}

/**
 * Closes the open runs silent past the timeouts above: all of them, or only those in `only` (the
 * runs the job runner could not be asked about).
 */
export async function markStaleJobRuns(
  now = new Date(),
  scope: { only?: string[] } = {},
): Promise<{ running: number; queued: number; failed: JobRunOutcome[] }> {
  if (scope.only?.length === 0) return { running: 0, queued: 0, failed: [] };
  const stale = await db.$queryRaw<{ id: string; status: "QUEUED" | "RUNNING" }[]>`
    SELECT "id", "status"::text AS "status" FROM "JobRun"
    WHERE (("status" = 'RUNNING'
            AND coalesce(("details"->>'heartbeatAt')::timestamptz, "startedAt", "queuedAt")
                < ${now}::timestamptz - make_interval(secs => ${RUNNING_TIMEOUT_MS / 1000}))
        OR ("status" = 'QUEUED' AND "queuedAt" < ${now}::timestamptz - make_interval(secs => ${QUEUED_TIMEOUT_MS / 1000})))
      AND (${scope.only ?? null}::text[] IS NULL OR "id" = ANY(${scope.only ?? null}::text[]))`;
  const { closed, failed } = await closeInterruptedJobRuns(
    stale.map((run) => ({ ...run, reason: run.status === "RUNNING" ? INTERRUPTED_RUNNING : INTERRUPTED_QUEUED })),
    now,
  );
  return { running: closed.filter((run) => run.was === "RUNNING").length, queued: closed.filter((run) => run.was === "QUEUED").length, failed };
}
