import "server-only";
import { db } from "@/server/db";

/**
 * Marks a running sync run as waiting for its provider's request allowance until `resumeAt`
 * (epoch ms): still RUNNING, what it committed kept. The Jobs UI and the Connections card show
 * the wait while it lies ahead; the next batch goes on without clearing it, as a passed time
 * shows nothing.
 */
export async function pauseSyncRun(jobRunId: string, resumeAt: number): Promise<void> {
  await db.jobRun.updateMany({ where: { id: jobRunId, status: "RUNNING" }, data: { waitingUntil: new Date(resumeAt) } });
}
