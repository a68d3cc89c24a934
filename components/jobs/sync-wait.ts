// A sync sleeping for its provider's request allowance (JobRun.waitingUntil): which allowance it
// waits for, and when it should finish. Pure, for the run's page and the Connections card.
import { formatClock, type Formats } from "@/components/ui/format";

/** What the run says of itself while it waits. */
export type SyncWaitFacts = { until: Date; startedAt: Date | null; progressDone: number | null; progressTotal: number | null };

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

/** Windows reset at multiples of their length: a wait ending on the hour is the hourly window's. */
export function allowanceName(until: Date): string {
  const at = until.getTime();
  if (at % HOUR_MS === 0) return "the hourly request allowance";
  if (at % MINUTE_MS === 0) return "the per-minute request allowance";
  return "the request allowance";
}

/**
 * When the run should be done, at the pace it has kept since it started, waits included: the time
 * from its start to the end of this wait bought `progressDone`, so the rest takes as much per item
 * after it. The allowance is what sets that pace on a long sync, so the estimate holds while the
 * provider's other clients spend about as much of it. Null without a total, progress or start.
 */
export function expectedFinish({ until, startedAt, progressDone, progressTotal }: SyncWaitFacts): Date | null {
  if (!startedAt || !progressDone || progressTotal === null || progressDone > progressTotal) return null;
  const perItem = (until.getTime() - startedAt.getTime()) / progressDone;
  return new Date(until.getTime() + Math.round(perItem * (progressTotal - progressDone)));
}

/** "Waiting for the hourly request allowance, resumes at 14:00 GMT. Expected to finish around 16:20 GMT (estimated)." */
export function syncWaitSentence(wait: SyncWaitFacts, now: Date, formats: Formats): string {
  const finish = expectedFinish(wait);
  const waiting = `Waiting for ${allowanceName(wait.until)}, resumes at ${formatClock(wait.until, now, formats)}.`;
  return finish ? `${waiting} Expected to finish around ${formatClock(finish, now, formats)} (estimated).` : waiting;
}
