import "server-only";
import type { WorkspaceDb } from "@/server/db";
import { AppError } from "@/server/errors";
import type { ConnectionStatus } from "@/server/generated/prisma/enums";
import { reportError } from "@/server/observability/report-error";
import { recordAudit, type AuditActor } from "@/server/services/audit/record-audit";
import { connectionSyncRequested } from "@/server/services/jobs/events";
import { jobRunFailedEvent } from "@/server/services/jobs/job-run-failed-event";
import { jobRunner, type JobRunnerLookup } from "@/server/services/jobs/job-runner";
import { reconcileInFlightRuns } from "@/server/services/jobs/reconcile-in-flight-runs";
import { sendForQueuedRun } from "@/server/services/jobs/send-for-queued-run";
import type { JobRunOutcome } from "@/server/services/jobs/types";
import type { ConnectionIdInput } from "./schema";
import { SYNC_FUNCTION_ID, syncsOnSchedule } from "./sync-status";

/** Sends the event; answers what Inngest does (`{ ids }`), whose id the queued run keeps. */
export type SendSyncEvent = (event: ReturnType<typeof connectionSyncRequested.create>) => Promise<unknown>;
/** Reports runs closed as interrupted, like any failure (app/job-run.failed). */
export type ReportFailedRuns = (failed: JobRunOutcome[]) => Promise<unknown>;

const reportWithRunner: ReportFailedRuns = (failed) => jobRunner().send(failed.map(jobRunFailedEvent));

const NOT_SYNCING: Record<ConnectionStatus, string | null> = {
  ACTIVE: null,
  ERROR: null,
  PAUSED: "This connection is paused. Resume it to sync.",
  NEEDS_REAUTH: "This connection needs to be re-authorized before it can sync.",
  DISCONNECTED: "This connection is disconnected.",
  PENDING: "This connection is not set up yet.",
};

// Who asks: a person pressing "Sync now" (MANUAL, audited with them as the actor), or the install
// that has just stored the connection (BACKFILL: the install's own audit row names who connected).
export type SyncRequester = { trigger: "MANUAL"; actor: AuditActor } | { trigger: "BACKFILL" };

// "Sync now" (MANUAL), and the first sync after a connection is installed (BACKFILL). Coalesces:
// while a sync of the connection is QUEUED or RUNNING, that run is the answer and nothing is
// sent. The connection row lock serializes concurrent clicks and the scheduler (which skips
// locked rows), so two requests never queue two runs. A run in flight that the job runner no
// longer has (it was restarted, or lost it) is closed first, so it never answers a request.
export async function requestConnectionSync(
  wdb: WorkspaceDb,
  workspaceId: string,
  input: ConnectionIdInput,
  requester: SyncRequester,
  deps: { sendEvent?: SendSyncEvent; runner?: JobRunnerLookup; reportFailed?: ReportFailedRuns; now?: Date } = {},
): Promise<{ jobRunId: string; coalesced: boolean }> {
  const now = deps.now ?? new Date();
  const { trigger } = requester;
  const data = { workspaceId, connectionId: input.connectionId, trigger };

  // Outside the row-lock transaction: the lock is never held while the runner is asked.
  const interrupted = await reconcileInFlightRuns(deps.runner ?? jobRunner(), { workspaceId, connectionId: input.connectionId, kind: "sync" }, { now });
  if (interrupted.failed.length > 0) {
    // Its row is closed either way; a lost alert must not cost the person their sync.
    await (deps.reportFailed ?? reportWithRunner)(interrupted.failed).catch((error: unknown) =>
      reportError(error, { source: "connection.sync", workspaceId, extra: { connectionId: input.connectionId } }),
    );
  }

  const queued = await wdb.$transaction(async (tx) => {
    const [connection] = await tx.$queryRaw<{ status: ConnectionStatus }[]>`
      SELECT "status" FROM "Connection" WHERE "id" = ${input.connectionId} AND "workspaceId" = ${workspaceId} FOR UPDATE`;
    if (!connection) throw new AppError("NOT_FOUND", "Connection not found.");
    if (!syncsOnSchedule(connection.status)) throw new AppError("CONFLICT", NOT_SYNCING[connection.status] ?? "This connection cannot sync.");

    const inFlight = await tx.jobRun.findFirst({
      where: { connectionId: input.connectionId, kind: "sync", status: { in: ["QUEUED", "RUNNING"] } },
      orderBy: { queuedAt: "desc" },
      select: { id: true },
    });
    // A coalesced request changes nothing (no run, no event, no timestamp), so like other no-ops it
    // writes no audit row: clicks while a sync runs cannot flood the log, and the run that answers
    // them is in Jobs with its own trigger (and, when a person queued it, its own audit row).
    if (inFlight) return { jobRunId: inFlight.id, coalesced: true };

    const run = await tx.jobRun.create({
      data: {
        connectionId: input.connectionId,
        functionId: SYNC_FUNCTION_ID,
        kind: "sync",
        trigger,
        status: "QUEUED",
        queuedAt: now,
        details: { event: { name: connectionSyncRequested.name, data } },
      },
      select: { id: true },
    });
    await tx.connection.update({ where: { id: input.connectionId }, data: { lastSyncRequestedAt: now } });
    if (requester.trigger === "MANUAL") {
      await recordAudit(tx, {
        ...requester.actor,
        workspaceId,
        action: "connection.sync_requested",
        targetType: "Connection",
        targetId: input.connectionId,
        metadata: { jobRunId: run.id },
      });
    }
    return { jobRunId: run.id, coalesced: false };
  });
  if (queued.coalesced) return queued;

  await sendForQueuedRun(
    queued.jobRunId,
    connectionSyncRequested.create({ ...data, job: { jobRunId: queued.jobRunId } }, { id: `sync-${queued.jobRunId}` }),
    "the sync",
    { sendEvent: deps.sendEvent },
  );
  return queued;
}
