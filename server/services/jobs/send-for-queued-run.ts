import "server-only";
import { db } from "@/server/db";
import type { JobEvent } from "./events";
import { jobRunner, sentEventIds } from "./job-runner";
import { recordJobRunEvents } from "./record-job-run-events";

export type SendJobEvent = (event: JobEvent) => Promise<unknown>;

/**
 * Sends the event of a JobRun its sender pre-created QUEUED, and records the id the runner
 * answered (what reconcileInFlightRuns asks about while the row waits to be claimed). When the
 * runner refuses it, nothing will ever claim the row: it is closed FAILED with the reason, and
 * the error is thrown as "Could not queue <what>".
 */
export async function sendForQueuedRun(jobRunId: string, event: JobEvent, what: string, sendEvent: SendJobEvent = (e) => jobRunner().send(e)): Promise<void> {
  let sent: unknown;
  try {
    sent = await sendEvent(event);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    await db.jobRun.update({ where: { id: jobRunId }, data: { status: "FAILED", error: `Could not queue ${what}: ${reason}`, finishedAt: new Date(), durationMs: 0 } });
    throw new Error(`Could not queue ${what}`, { cause: error });
  }
  await recordJobRunEvents([{ jobRunId, eventId: sentEventIds(sent)[0] ?? null }]);
}
