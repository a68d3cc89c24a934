import "server-only";
import { db } from "@/server/db";

// Closes the open entry of details.attempts: with the error when a step or the function body
// threw (retried or not), without one when the run finished. No-op when no entry is open, so the
// step error and the function error that follows a final step failure record it once.
export async function endJobRunAttempt(
  where: { jobRunId: string } | { inngestRunId: string },
  error: string | null,
  now = new Date(),
): Promise<void> {
  const at = now.toISOString();
  const closed = error === null ? { finishedAt: at } : { finishedAt: at, error };
  const byId = "jobRunId" in where ? where.jobRunId : null;
  const byRunId = "inngestRunId" in where ? where.inngestRunId : null;
  await db.$executeRaw`
    UPDATE "JobRun" SET
      "details" = jsonb_set("details",
        ARRAY['attempts', (jsonb_array_length("details"->'attempts') - 1)::text],
        ("details"->'attempts'->-1) || ${JSON.stringify(closed)}::jsonb)
    WHERE ("id" = ${byId} OR "inngestRunId" = ${byRunId})
      AND jsonb_typeof("details"->'attempts') = 'array'
      AND jsonb_array_length("details"->'attempts') > 0
      AND NOT (("details"->'attempts'->-1) ? 'finishedAt')`;
}
