// What services may ask the job runner (Inngest) about runs and events, as a port they receive:
// inngest/run-status.ts implements it over Inngest's REST API, so services never depend on the
// SDK or on HTTP. The runner's own state is the only way to tell a run that is merely quiet from
// one that no longer exists (its runner was restarted, or lost it).

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
