// At most one failure email per (workspace, connection, kind) in this window; failures inside it
// are counted and reported by the next email.
export const ALERT_INTERVAL_MS = 60 * 60 * 1000;

export type JobAlertState = {
  open: boolean;
  lastSentAt: Date | null;
  pendingFailures: number;
  lastFailedRunId: string | null;
};

export type FailureDecision =
  /** Send a failure email that mentions `moreFailures` earlier, unreported failures. */
  | { action: "email"; moreFailures: number; redelivery: boolean }
  /** Inside the quiet hour: count it into the next email. */
  | { action: "count" }
  /** This run was already counted (the event was delivered twice). */
  | { action: "ignore" };

export function decideFailure(state: JobAlertState, runId: string, now: Date): FailureDecision {
  if (state.lastFailedRunId === runId) {
    // The same failure handled again (a retried step whose first attempt committed). If it was
    // the one that claimed the email, the email may not have gone out: send it again. Counting
    // increments pendingFailures, so `0` means this run claimed the email.
    const claimedEmail = state.open && state.lastSentAt !== null && state.pendingFailures === 0;
    return claimedEmail ? { action: "email", moreFailures: 0, redelivery: true } : { action: "ignore" };
  }
  const quietUntil = state.lastSentAt ? state.lastSentAt.getTime() + ALERT_INTERVAL_MS : -Infinity;
  if (now.getTime() >= quietUntil) return { action: "email", moreFailures: state.pendingFailures, redelivery: false };
  return { action: "count" };
}
