import type { JobRunner } from "@/server/services/jobs/job-runner";
import { registerJobRunner } from "@/server/services/jobs/job-runner";

// Tests reach the job runner as the app does (instrumentation.ts registers it at start-up). It is
// loaded on first use, as the services' own imports of the client used to load it: a test's
// environment (INNGEST_BASE_URL, ...) and its vi.mock of @/inngest/client apply to it.
const runner = async (): Promise<JobRunner> => (await import("@/inngest/job-runner")).inngestJobRunner;

registerJobRunner({
  send: async (events) => (await runner()).send(events),
  run: async (runId) => (await runner()).run(runId),
  eventRuns: async (eventId) => (await runner()).eventRuns(eventId),
});
