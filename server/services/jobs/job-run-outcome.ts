import type { JobRunOutcome } from "./types";

// Alerts belong to a workspace, and the alert job's own runs never raise alerts (a failing alert
// email would otherwise alert about itself, forever). Everything else is alertable.
export function alertableOutcome(run: {
  id: string;
  workspaceId: string | null;
  connectionId: string | null;
  kind: string;
}): JobRunOutcome | null {
  if (!run.workspaceId || run.kind === "job-alert") return null;
  return { jobRunId: run.id, workspaceId: run.workspaceId, connectionId: run.connectionId, kind: run.kind };
}
