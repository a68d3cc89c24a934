import type { GetStepTools } from "inngest";
import type { inngest } from "@/inngest/client";
import { defineJob } from "@/inngest/define-job";
import { jobRunFailed, jobRunRecovered } from "@/inngest/events";
import { handleJobFailure } from "@/server/services/job-alerts/handle-job-failure";
import { handleJobRecovery } from "@/server/services/job-alerts/handle-job-recovery";
import { sendJobAlertEmail, type JobAlertEmail } from "@/server/services/job-alerts/job-alert-email";
import type { JobScope } from "@/server/services/jobs/types";

// Failure and recovery emails for the jobs of a workspace. Kind "job-alert": the tracking wrapper
// records these runs but never raises an alert about them, so a failing alert cannot loop.
// One step decides (under the alert row's lock) and returns the emails; each email is then its
// own step, so a delivery that fails is retried alone and the others are not sent twice.

// Started by another run's outcome, not by a person or a provider: recorded as automatic.
const scope = ({ event }: { event: { data: { workspaceId: string; connectionId: string | null } } }): JobScope => ({
  workspaceId: event.data.workspaceId,
  connectionId: event.data.connectionId,
  stream: null,
  trigger: "SCHEDULE",
});

async function sendEach(step: GetStepTools<typeof inngest>, emails: JobAlertEmail[]): Promise<number> {
  for (const [index, email] of emails.entries()) {
    await step.run(`send-email-${index + 1}`, () => sendJobAlertEmail(email));
  }
  return emails.length;
}

export const jobFailureAlert = defineJob(
  { id: "job-failure-alert", kind: "job-alert", triggers: [jobRunFailed], retries: 3, scope },
  async ({ event, step }) => {
    const decided = await step.run("decide-failure-alert", () => handleJobFailure(event.data));
    if (decided.outcome !== "email") return decided;
    return { outcome: decided.outcome, sent: await sendEach(step, decided.emails) };
  },
);

export const jobRecoveryAlert = defineJob(
  { id: "job-recovery-alert", kind: "job-alert", triggers: [jobRunRecovered], retries: 3, scope },
  async ({ event, step }) => {
    const decided = await step.run("decide-recovery-alert", () => handleJobRecovery(event.data));
    if (decided.outcome !== "email") return decided;
    return { outcome: decided.outcome, sent: await sendEach(step, decided.emails) };
  },
);
