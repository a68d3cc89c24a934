import "server-only";
import { db } from "@/server/db";

// A retry call (Inngest attempt > 0) opens the next entry of details.attempts and counts it in
// JobRun.attempts. Inngest restarts its attempt counter for every step, so the entries are
// numbered by the run, not by ctx.attempt: attempts = tries in total, across all steps.
// Idempotent: while the last entry is still open (a re-delivered call of the same attempt), it
// changes nothing.
export async function beginJobRunAttempt(jobRunId: string, now = new Date()): Promise<void> {
  const at = now.toISOString();
  await db.$executeRaw`
    UPDATE "JobRun" SET
      "details" = jsonb_set(
        jsonb_set(coalesce("details", '{}'::jsonb), '{attempts}',
          coalesce("details"->'attempts', '[]'::jsonb)
            || jsonb_build_array(jsonb_build_object(
                 'attempt', jsonb_array_length(coalesce("details"->'attempts', '[]'::jsonb)),
                 'startedAt', ${at}::text))),
        '{heartbeatAt}', to_jsonb(${at}::text)),
      "attempts" = jsonb_array_length(coalesce("details"->'attempts', '[]'::jsonb)) + 1,
      "status" = 'RUNNING'
    WHERE "id" = ${jobRunId}
      AND "status" IN ('QUEUED', 'RUNNING')
      AND coalesce(("details"->'attempts'->-1) ? 'finishedAt', true)`;
}
