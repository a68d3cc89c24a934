import { inngest } from "@/inngest/client";
import { cancelJobRun } from "@/server/services/jobs/cancel-job-run";

// Inngest never calls a cancelled run again (cancelOn, a timeout, or a cancel from the API); it
// emits `inngest/function.cancelled` instead, which is where its JobRun becomes CANCELLED. Not a
// tracked job itself: recording the bookkeeping of the bookkeeping would never end.
export const recordCancelledJobRun = inngest.createFunction(
  { id: "record-cancelled-job-run", retries: 5, triggers: [{ event: "inngest/function.cancelled" }] },
  async ({ event, step }) => {
    const runId = (event.data as { run_id?: unknown }).run_id;
    if (typeof runId !== "string" || !runId) return { cancelled: false };
    return step.run("mark-cancelled", () => cancelJobRun(runId));
  },
);
