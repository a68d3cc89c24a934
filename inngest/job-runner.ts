import { inngest } from "@/inngest/client";
import { inngestRunStatus } from "@/inngest/run-status";
import type { JobRunner } from "@/server/services/jobs/job-runner";

/**
 * The job-runner port over Inngest: events go through the SDK's client (which calls each event's
 * `validate` first); runs are looked up over the REST API as the client is configured at the time of asking.
 */
export const inngestJobRunner: JobRunner = {
  send: (events) => inngest.send(events),
  run: (runId) => inngestRunStatus().run(runId),
  eventRuns: (eventId) => inngestRunStatus().eventRuns(eventId),
};
