import "server-only";
import { db } from "@/server/db";
import { payoutReconciliationRequested } from "@/server/services/jobs/events";
import { jobRunner, type JobRunner } from "@/server/services/jobs/job-runner";

type Trigger = "SCHEDULE" | "MANUAL";

/** Asks the job runner to recompute these setups, one run each (one at a time per setup). */
export async function requestPayoutReconciliation(setups: readonly { id: string; workspaceId: string }[], trigger: Trigger, runner: JobRunner = jobRunner()): Promise<void> {
  if (setups.length === 0) return;
  await runner.send(setups.map((setup) => payoutReconciliationRequested.create({ workspaceId: setup.workspaceId, setupId: setup.id, trigger })));
}

/** After a connection's sync finished: every setup it is the store or the books of is recomputed. */
export async function requestReconciliationAfterSync(connectionId: string, runner?: JobRunner): Promise<void> {
  const setups = await db.payoutReconciliationSetup.findMany({
    where: { OR: [{ storeConnectionId: connectionId }, { accountingConnectionId: connectionId }] },
    select: { id: true, workspaceId: true },
  });
  await requestPayoutReconciliation(setups, "SCHEDULE", runner);
}
