import { defineJob } from "@/inngest/define-job";
import { workspaceDeletionRequested } from "@/inngest/events";
import { beginWorkspaceErasure } from "@/server/services/workspaces/begin-workspace-erasure";
import { completeWorkspaceErasure } from "@/server/services/workspaces/complete-workspace-erasure";
import { eraseWorkspaceRows } from "@/server/services/workspaces/erase-workspace-rows";
import { ERASURE_PLAN } from "@/server/services/workspaces/erasure-plan";

export const DELETE_WORKSPACE_FUNCTION_ID = "delete-workspace";

// Batches (of ERASURE_BATCH_SIZE rows) per durable step: a few seconds of work, so a retry repeats
// little, and at 50,000 rows a step the run stays far below Inngest's 1,000 steps for tens of
// millions of rows.
const BATCHES_PER_STEP = 25;

// Erases a deleted workspace's data, table by table in bounded batches (see erasure-plan.ts), then
// removes the Workspace row. Recorded as a system run (no workspace): its JobRun has to outlive
// the workspace, whose own runs are among the rows erased. A retried or re-sent run resumes, as
// every batch removes whatever is left.
export const deleteWorkspace = defineJob(
  {
    id: DELETE_WORKSPACE_FUNCTION_ID,
    kind: "workspace-deletion",
    triggers: [workspaceDeletionRequested],
    retries: 5,
    concurrency: { key: "event.data.workspaceId", limit: 1 },
    scope: () => ({ workspaceId: null, connectionId: null, stream: null, trigger: "MANUAL" }),
  },
  async ({ event, step, job }) => {
    const scope = { deletionId: event.data.deletionId, workspaceId: event.data.workspaceId };
    const start = await step.run("begin", () => beginWorkspaceErasure(scope, job.id));
    if (start.status === "skipped") return start;

    for (const [index, entry] of ERASURE_PLAN.entries()) {
      for (let chunk = 0; ; chunk++) {
        const { more } = await step.run(`erase-${entry.table}-${chunk}`, () => eraseWorkspaceRows(scope, entry, { maxBatches: BATCHES_PER_STEP }));
        if (!more) break;
      }
      await job.progress(index + 1, ERASURE_PLAN.length);
    }

    const { deletedCounts } = await step.run("complete", () => completeWorkspaceErasure(scope));
    await job.record({ deleted: Object.values(deletedCounts).reduce((sum, n) => sum + n, 0) });
    return { status: "completed" as const, deletedCounts };
  },
);
