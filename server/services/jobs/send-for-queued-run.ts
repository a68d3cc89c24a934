import "server-only";
import { db } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";
import type { JobEvent } from "./events";
import { jobRunner, sentEventIds } from "./job-runner";
import { recordJobRunEvents } from "./record-job-run-events";

/** What a refused send wrote on the run, for rows closed with it. */
export type QueueRefusal = { error: string; finishedAt: Date };

/**
 * Sends the event of a JobRun its sender pre-created QUEUED, and records the id the runner
 * answered (what reconcileInFlightRuns asks about while the row waits to be claimed). When the
 * runner refuses it, nothing will ever claim the row: it is closed FAILED with the reason (with
 * `closeAlso`, in the same transaction, any row of the sender's that waited on the run), and
 * the error is thrown as "Could not queue <what>".
 */
export async function sendForQueuedRun<E extends JobEvent>(
  jobRunId: string,
  event: E,
  what: string,
  options: { sendEvent?: (event: E) => Promise<unknown>; closeAlso?: (tx: Prisma.TransactionClient, refusal: QueueRefusal) => Promise<unknown> } = {},
): Promise<void> {
  const sendEvent = options.sendEvent ?? ((e: E) => jobRunner().send(e));
  let sent: unknown;
  try {
    sent = await sendEvent(event);
  } catch (error) {
    const refusal = { error: `Could not queue ${what}: ${error instanceof Error ? error.message : String(error)}`, finishedAt: new Date() };
    await db.$transaction(async (tx) => {
      await tx.jobRun.update({ where: { id: jobRunId }, data: { status: "FAILED", ...refusal, durationMs: 0 } });
      await options.closeAlso?.(tx, refusal);
    });
    throw new Error(`Could not queue ${what}`, { cause: error });
  }
  await recordJobRunEvents([{ jobRunId, eventId: sentEventIds(sent)[0] ?? null }]);
}
