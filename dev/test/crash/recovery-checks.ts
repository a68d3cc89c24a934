// What must hold once a crashed stack has recovered (issue 11's proof), each as a list of what does
// not hold yet (empty: it holds), so tests and the crash benchmark can poll them until they do:
// no open JobRun without a live run in the job runner, every webhook delivery final, every JobRun's
// counts adding up. The database against the sandbox shop: differencesFromShop
// (dev/test/sandbox-shopify.ts).
import { inngestRunStatus } from "@/inngest/run-status";
import { db } from "@/server/db";
import { isEnded, type JobRunnerLookup } from "@/server/services/jobs/job-runner";

/**
 * QUEUED and RUNNING JobRuns the job runner has no live run for: a RUNNING row whose run it does
 * not know or knows as ended, a QUEUED row without an event id, or whose event it does not know or
 * knows with only ended runs. (A QUEUED row whose event waits for its run is live.)
 */
export async function runsWithoutLiveRun(runner: JobRunnerLookup = inngestRunStatus()): Promise<string[]> {
  const open = await db.jobRun.findMany({
    where: { status: { in: ["QUEUED", "RUNNING"] } },
    select: { id: true, kind: true, status: true, inngestRunId: true, eventId: true },
  });
  const dead: string[] = [];
  for (const row of open) {
    const name = `${row.kind} run ${row.id} (${row.status})`;
    if (row.status === "RUNNING") {
      const run = row.inngestRunId ? await runner.run(row.inngestRunId) : null;
      if (!run) dead.push(`${name}: the runner does not know its run`);
      else if (isEnded(run)) dead.push(`${name}: its run ${run.state}`);
    } else {
      const runs = row.eventId ? await runner.eventRuns(row.eventId) : null;
      if (!runs) dead.push(`${name}: the runner does not know its event`);
      else if (runs.length > 0 && runs.every(isEnded)) dead.push(`${name}: its event's runs ended`);
    }
  }
  return dead;
}

/**
 * Deliveries not final: RECEIVED, or FAILED without a reason (the first few described, with the
 * runner's word on their last event); optionally only those received before a moment.
 */
export async function unsettledDeliveries(connectionId: string, runner: JobRunnerLookup = inngestRunStatus(), options: { receivedBefore?: Date } = {}): Promise<string[]> {
  const rows = await db.webhookEvent.findMany({
    where: {
      connectionId,
      OR: [{ status: "RECEIVED" }, { status: "FAILED", error: null }],
      ...(options.receivedBefore ? { receivedAt: { lt: options.receivedBefore } } : {}),
    },
    select: { id: true, topic: true, status: true, receivedAt: true, queuedAt: true, sendCount: true, inngestEventId: true },
    orderBy: { receivedAt: "asc" },
  });
  const described = await Promise.all(
    rows.slice(0, 3).map(async (row) => {
      const runs = row.inngestEventId ? await runner.eventRuns(row.inngestEventId).catch((error: unknown) => String(error)) : null;
      const sent = row.queuedAt ? `sent ${row.sendCount} times, last at ${row.queuedAt.toISOString()} (event ${row.inngestEventId ?? "?"}: runs ${JSON.stringify(runs)})` : "never sent";
      return `${row.topic} ${row.id} ${row.status}${row.status === "FAILED" ? " without a reason" : ""}, received ${row.receivedAt.toISOString()}, ${sent}`;
    }),
  );
  return rows.length > described.length ? [...described, `and ${rows.length - described.length} more`] : described;
}

/** JobRuns of the connection whose read is not inserted + updated + unchanged + deleted. */
export async function runsWithCountsNotAddingUp(connectionId: string): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string; kind: string; read: number; accounted: number }[]>`
    SELECT "id", "kind", "recordsRead" AS "read",
      ("recordsInserted" + "recordsUpdated" + "recordsUnchanged" + "recordsDeleted")::int AS "accounted"
    FROM "JobRun"
    WHERE "connectionId" = ${connectionId}
      AND "recordsRead" <> "recordsInserted" + "recordsUpdated" + "recordsUnchanged" + "recordsDeleted"`;
  return rows.map((row) => `${row.kind} run ${row.id}: read ${row.read}, accounted for ${row.accounted}`);
}

/** Polls `read` until `done` holds; throws with the last value after `timeoutMs`. */
export async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 60_000): Promise<T> {
  for (const deadline = Date.now() + timeoutMs; ; ) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export const isEmpty = (list: unknown[]) => list.length === 0;
