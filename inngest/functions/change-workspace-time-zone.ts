import { defineJob } from "@/inngest/define-job";
import { workspaceTimeZoneChangeRequested } from "@/inngest/events";
import { applyWorkspaceTimeZone } from "@/server/services/workspaces/apply-workspace-time-zone";
import { TIME_ZONE_CHANGE_FUNCTION_ID } from "@/server/services/workspaces/update-workspace-time-zone";

// A person's new time zone for the workspace: every day of the dashboard's rollups counted again
// in it, and the zone switched, in one step (one transaction: see apply-workspace-time-zone.ts).
// One at a time per workspace, so two changes never rebuild over each other.
export const changeWorkspaceTimeZone = defineJob(
  {
    id: TIME_ZONE_CHANGE_FUNCTION_ID,
    kind: "time-zone-change",
    triggers: [workspaceTimeZoneChangeRequested],
    retries: 2,
    concurrency: { key: "event.data.workspaceId", limit: 1 },
    scope: ({ event }) => ({ workspaceId: event.data.workspaceId, connectionId: null, stream: null, trigger: "MANUAL" }),
  },
  async ({ event, step, job }) => {
    const { workspaceId, timeZone } = event.data;
    return step.run("rebuild-in-zone", () => applyWorkspaceTimeZone(workspaceId, timeZone, job.id));
  },
);
