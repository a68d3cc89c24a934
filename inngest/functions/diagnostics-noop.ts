import { inngest } from "@/inngest/client";
import { diagnosticsNoopRequested } from "@/inngest/events";

// An ops smoke check, not a tenant job: it touches no data, so it is deliberately not wrapped in
// the JobRun tracking (no rows are written). Sending the event and seeing the run finish proves
// the event API, app sync, call signing and step memoization of a deployment all work.
export const diagnosticsNoop = inngest.createFunction(
  { id: "diagnostics-noop", retries: 0, triggers: [diagnosticsNoopRequested] },
  async ({ event, step }) => {
    for (let i = 0; i < event.data.steps; i++) {
      await step.run(`noop-${i}`, () => i);
    }
    return { steps: event.data.steps };
  },
);
