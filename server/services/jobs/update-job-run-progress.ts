import "server-only";
import { db } from "@/server/db";

// Sets (not adds) how far the run is, so replaying it is harmless. Without a total the UI shows
// a count but no bar. Only a running run moves: a late write cannot reopen a finished one.
export async function updateJobRunProgress(jobRunId: string, done: number, total?: number | null): Promise<void> {
  await db.jobRun.updateMany({
    where: { id: jobRunId, status: "RUNNING" },
    data: { progressDone: done, ...(total === undefined ? {} : { progressTotal: total }) },
  });
}
