// What services may ask of the job runner (Inngest), as a port: send events (./events.ts), and ask
// about runs and events. inngest/job-runner.ts implements it (the SDK's client, and Inngest's REST
// API through inngest/run-status.ts), so services never depend on the SDK or on HTTP. The runner's
// own state is the only way to tell a run that is merely quiet from one that no longer exists (its
// runner was restarted, or lost it).
import type { JobEvent } from "./events";

/** A run as the runner sees it. Statuses it reports that we do not know count as "running". */
export type RunnerRun = {
  runId: string;
  state: "running" | "completed" | "failed" | "cancelled";
  /** When the runner ended it; null while it runs. */
  endedAt: Date | null;
};

export type JobRunnerLookup = {
  /** The run, or null when the runner does not know it. Throws when the runner cannot be asked. */
  run(runId: string): Promise<RunnerRun | null>;
  /**
   * The runs the event started, or null when the runner does not know the event (the id is the one
   * `inngest.send()` answered with). Throws when the runner cannot be asked.
   */
  eventRuns(eventId: string): Promise<RunnerRun[] | null>;
};

export const isEnded = (run: RunnerRun) => run.state !== "running";

/**
 * The event ids a send answered with (`inngest.send()` and `step.sendEvent()` answer `{ ids }`, one
 * per event, in order). Senders are ports typed loosely, so anything else gives no ids: the row
 * is then judged by its age alone (see reconcileInFlightRuns).
 */
export function sentEventIds(sent: unknown): (string | null)[] {
  const ids = (sent as { ids?: unknown } | null | undefined)?.ids;
  return Array.isArray(ids) ? ids.map((id) => (typeof id === "string" && id ? id : null)) : [];
}

/** The job runner: a lookup, and sends. */
export type JobRunner = JobRunnerLookup & {
  /** Sends the events; answers what the runner does (`{ ids }`, one per event, in order). Throws when it refuses them. */
  send(events: JobEvent | JobEvent[]): Promise<unknown>;
};

// Registered once per process at start-up (inngest/register-job-runner.ts, imported by
// instrumentation.ts; dev/test/setup-job-runner.ts in tests). Kept on globalThis: Next.js compiles instrumentation.ts apart from the routes, so the
// module instance it registers into need not be the one a route's service imports.
const registry = globalThis as unknown as { meridianJobRunner?: JobRunner };

export function registerJobRunner(runner: JobRunner): void {
  registry.meridianJobRunner = runner;
}

/** The registered job runner, for services whose callers pass none. */
export function jobRunner(): JobRunner {
  const runner = registry.meridianJobRunner;
  if (!runner) throw new Error("No job runner is registered: start-up registers inngest/job-runner.ts (see instrumentation.ts).");
  return runner;
}
