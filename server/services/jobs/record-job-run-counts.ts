import "server-only";
import { db } from "@/server/db";
import type { JobCounts } from "./types";

// Adds a batch's record counts to the run's totals in one atomic statement. Additive, so the
// caller must run it exactly once per batch: defineJob's `job.record` does it inside a step.
export async function recordJobRunCounts(jobRunId: string, counts: JobCounts): Promise<void> {
  await db.jobRun.update({
    where: { id: jobRunId },
    data: {
      recordsRead: { increment: counts.read ?? 0 },
      recordsInserted: { increment: counts.inserted ?? 0 },
      recordsUpdated: { increment: counts.updated ?? 0 },
      recordsDeleted: { increment: counts.deleted ?? 0 },
    },
    select: { id: true },
  });
}
