import "server-only";
import { db } from "@/server/db";

// Liveness of a RUNNING run, read by markStaleJobRuns: every call of the run refreshes
// details.heartbeatAt, at most once a minute so a run of many short steps writes rarely.
export async function touchJobRun(jobRunId: string, now = new Date()): Promise<void> {
  const at = now.toISOString();
  await db.$executeRaw`
    UPDATE "JobRun" SET "details" = jsonb_set(coalesce("details", '{}'::jsonb), '{heartbeatAt}', to_jsonb(${at}::text))
    WHERE "id" = ${jobRunId}
      AND "status" = 'RUNNING'
      AND coalesce(("details"->>'heartbeatAt')::timestamptz, "startedAt", "queuedAt") < ${now}::timestamptz - interval '1 minute'`;
}
