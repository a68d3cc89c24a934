import "server-only";
import { db } from "@/server/db";
import { findAlertRecipients } from "./find-alert-recipients";
import type { JobAlertDeps } from "./handle-job-failure";
import type { JobAlertEmail } from "./job-alert-email";
import { loadAlertContext } from "./load-alert-context";
import { lockJobAlert } from "./lock-job-alert";
import { jobAlertInput, type JobAlertInput } from "./schema";

export type JobRecoveryOutcome =
  | { outcome: "email"; emails: JobAlertEmail[] }
  | { outcome: "ignored"; reason: "no-open-alert" | "run-not-found" };

// A run succeeded while its job had an open alert. Closes the alert under its lock (so two
// successes in a row produce one email) and returns the "recovered" emails for the same
// recipients as the failure emails.
export async function handleJobRecovery(raw: JobAlertInput, { now = () => new Date() }: JobAlertDeps = {}): Promise<JobRecoveryOutcome> {
  const input = jobAlertInput.parse(raw);
  const context = await loadAlertContext(input);
  if (!context) return { outcome: "ignored", reason: "run-not-found" };

  const closed = await db.$transaction(async (tx) => {
    const alert = await lockJobAlert(tx, input);
    if (!alert?.open) return null;
    await tx.jobAlert.update({ where: { id: alert.id }, data: { open: false, pendingFailures: 0 } });
    return { unreportedFailures: alert.pendingFailures };
  });
  if (!closed) return { outcome: "ignored", reason: "no-open-alert" };

  const recipients = await findAlertRecipients(input.workspaceId);
  const recoveredAt = (context.run.finishedAt ?? now()).toISOString();
  return {
    outcome: "email",
    emails: recipients.map(({ email }) => ({
      template: "job-recovered",
      input: { to: email, workspaceId: input.workspaceId, ...context.email, recoveredAt, unreportedFailures: closed.unreportedFailures },
    })),
  };
}
