import "server-only";
import { sendJobFailedEmail, sendJobRecoveredEmail, type SentEmail } from "@/server/email";

// One alert email to one recipient, as plain JSON: the Inngest function returns these from the
// step that decides and sends each one in its own step, so a failed delivery is retried alone.
export type JobAlertEmail =
  | { template: "job-failed"; input: Parameters<typeof sendJobFailedEmail>[0] }
  | { template: "job-recovered"; input: Parameters<typeof sendJobRecoveredEmail>[0] };

export function sendJobAlertEmail(email: JobAlertEmail): Promise<SentEmail> {
  return email.template === "job-failed" ? sendJobFailedEmail(email.input) : sendJobRecoveredEmail(email.input);
}
