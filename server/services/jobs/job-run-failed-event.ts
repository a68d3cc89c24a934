import { jobRunFailed } from "./events";
import type { JobRunOutcome } from "./types";

/** A run closed as failed, to alert about: the id makes every report of one run one event, so one alert. */
export function jobRunFailedEvent(outcome: JobRunOutcome) {
  return jobRunFailed.create(outcome, { id: `job-run-failed-${outcome.jobRunId}` });
}
