import "server-only";
import { db } from "@/server/db";
import { logger } from "@/server/observability/logger";
import { isEnded, type JobRunnerLookup, type RunnerRun } from "./job-runner";
import { closeInterruptedJobRuns, markStaleJobRuns, type InterruptedRun } from "./mark-stale-job-runs";
import type { JobRunOutcome } from "./types";

const log = logger.child({ module: "jobs" });

/**
 * Runs younger than this are not judged: an event sent a moment ago may have no run yet, Inngest's
 * read API may lag its queue, and a run that has just ended may still be recording its outcome
 * (its finish step, or its onFailure run).
 */
export const RECONCILE_GRACE_MS = 2 * 60_000;
/**
 * A QUEUED row whose event the runner knows but that started no run in this long never will. Not
 * shorter: until a run exists, it is the event, not a run, that waits (behind a concurrency limit,
 * or Inngest's own backlog).
 */
export const EVENT_WITHOUT_RUN_MS = 10 * 60_000;
/** Open runs judged per call, oldest first, and questions in flight to the runner at once. */
const BATCH = 1_000;
const PARALLEL = 8;

export const RUN_UNKNOWN = "interrupted: the job runner no longer has this run";
export const EVENT_UNKNOWN = "interrupted: the job runner no longer has the event that was to start this run";
export const EVENT_WITHOUT_RUN = "interrupted: the job runner started no run for this run's event";
export const runEnded = (state: RunnerRun["state"]) => `interrupted: the job runner ended this run (${state}) before it recorded its outcome`;

type OpenRun = { id: string; status: "QUEUED" | "RUNNING"; inngestRunId: string | null; eventId: string | null; queuedAt: Date };

export type ReconcileScope = { workspaceId?: string; connectionId?: string; kind?: string };

/**
 * Closes the open (QUEUED or RUNNING) JobRuns the job runner has no live run for: a RUNNING row
 * whose run it does not know (a restarted local runner knows none) or knows as ended, a QUEUED
 * row whose event it does not know, or knows with only ended runs, or without any run for
 * EVENT_WITHOUT_RUN_MS. Closed as FAILED with the reason, through the same statement and alert
 * payloads as the heartbeat sweep. A run the runner has alive is never closed, however quiet.
 * Rows it cannot be asked about (no run or event id recorded, the runner unreachable or answering
 * 5xx) fall back to that sweep's timeouts (markStaleJobRuns).
 *
 * `graceMs` 0 judges every row at once: for a runner that has just started, which holds nothing
 * sent before. Returns how many were closed and the `app/job-run.failed` payloads to report.
 */
export async function reconcileInFlightRuns(
  runner: JobRunnerLookup,
  scope: ReconcileScope = {},
  options: { now?: Date; graceMs?: number } = {},
): Promise<{ closed: number; failed: JobRunOutcome[]; unanswered: number }> {
  const now = options.now ?? new Date();
  const cutoff = new Date(now.getTime() - (options.graceMs ?? RECONCILE_GRACE_MS));
  const open = (await db.jobRun.findMany({
    where: {
      ...scope,
      status: { in: ["QUEUED", "RUNNING"] },
      OR: [{ startedAt: { lte: cutoff } }, { startedAt: null, queuedAt: { lte: cutoff } }],
    },
    select: { id: true, status: true, inngestRunId: true, eventId: true, queuedAt: true },
    orderBy: { queuedAt: "asc" },
    take: BATCH,
  })) as OpenRun[];

  const interrupted: InterruptedRun[] = [];
  const unanswered: string[] = [];
  let unreachable: unknown = null;
  const judge = async (run: OpenRun) => {
    const id = run.status === "RUNNING" ? run.inngestRunId : run.eventId;
    if (!id || unreachable) return void unanswered.push(run.id);
    try {
      const reason = run.status === "RUNNING" ? runInterruption(await runner.run(id), cutoff) : eventInterruption(await runner.eventRuns(id), run, now, cutoff);
      if (reason) interrupted.push({ id: run.id, status: run.status, reason });
    } catch (error) {
      unreachable ??= error;
      unanswered.push(run.id);
    }
  };
  for (let i = 0; i < open.length; i += PARALLEL) await Promise.all(open.slice(i, i + PARALLEL).map(judge));
  if (unreachable) log.warn({ err: unreachable, unanswered: unanswered.length }, "The job runner could not be asked about runs in flight; the heartbeat timeouts judge them");

  const { closed, failed } = await closeInterruptedJobRuns(interrupted, now);
  const stale = await markStaleJobRuns(now, { only: unanswered });
  return { closed: closed.length + stale.running + stale.queued, failed: [...failed, ...stale.failed], unanswered: unanswered.length };
}

// Ended before the cutoff: long enough ago that the run's own record of its outcome would be in.
const endedBefore = (run: RunnerRun, cutoff: Date) => isEnded(run) && (!run.endedAt || run.endedAt <= cutoff);

function runInterruption(run: RunnerRun | null, cutoff: Date): string | null {
  if (!run) return RUN_UNKNOWN;
  return endedBefore(run, cutoff) ? runEnded(run.state) : null;
}

function eventInterruption(runs: RunnerRun[] | null, row: OpenRun, now: Date, cutoff: Date): string | null {
  if (!runs) return EVENT_UNKNOWN;
  if (runs.length === 0) return row.queuedAt.getTime() <= now.getTime() - EVENT_WITHOUT_RUN_MS ? EVENT_WITHOUT_RUN : null;
  // Its run claims the row in its first step: ended without doing so, it never will.
  return runs.every((run) => endedBefore(run, cutoff)) ? runEnded(runs.at(-1)!.state) : null;
}
