import "server-only";
import { db } from "@/server/db";

/**
 * Remembers, on pre-created QUEUED runs, the id the job runner gave the event sent to start each
 * (what `inngest.send()` and `step.sendEvent()` answer): reconcileInFlightRuns asks the runner about
 * that event until a run claims the row. Written whatever the row's state: a run may claim it before
 * this lands, and the claim leaves the column alone.
 */
export async function recordJobRunEvents(sent: Array<{ jobRunId: string; eventId: string | null }>): Promise<void> {
  const known = sent.filter((s): s is { jobRunId: string; eventId: string } => s.eventId !== null);
  if (known.length === 0) return;
  await db.$executeRaw`
    UPDATE "JobRun" j SET "eventId" = s."eventId"
    FROM unnest(${known.map((s) => s.jobRunId)}::text[], ${known.map((s) => s.eventId)}::text[]) AS s("id", "eventId")
    WHERE j."id" = s."id"`;
}
