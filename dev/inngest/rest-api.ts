// The two reads of Inngest's REST API that the app makes (inngest/run-status.ts): a run by id, and
// the runs an event started, in Inngest's shape (`{ data }`, snake_case, statuses "Running",
// "Completed", "Failed", "Cancelled"). The runner keeps runs in memory only, so after a restart it
// knows none of the earlier ones: it answers 404, as Inngest does for an id it does not have.
import type { Run, RunStatus } from "./runner";

const REST_STATUS: Record<RunStatus, string> = {
  QUEUED: "Running",
  RUNNING: "Running",
  COMPLETED: "Completed",
  FAILED: "Failed",
  CANCELLED: "Cancelled",
};

const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());

export function restRun(run: Run) {
  return {
    run_id: run.id,
    function_id: run.functionId,
    event_id: run.internalEventId,
    status: REST_STATUS[run.status],
    run_started_at: iso(run.startedAt ?? run.queuedAt),
    ended_at: iso(run.endedAt),
    output: run.output ?? null,
  };
}
