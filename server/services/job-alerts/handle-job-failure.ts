import "server-only";
import { db } from "@/server/db";
import { decideFailure } from "./alert-policy";
import { findAlertRecipients } from "./find-alert-recipients";
import type { JobAlertEmail } from "./job-alert-email";
import { loadAlertContext } from "./load-alert-context";
import { ensureJobAlert } from "./lock-job-alert";
import { jobAlertInput, type JobAlertInput } from "./schema";

export type JobFailureOutcome =
  | { outcome: "email"; emails: JobAlertEmail[] }
  | { outcome: "counted"; pendingFailures: number }
  | { outcome: "ignored"; reason: "already-counted" | "run-not-found" };

export type JobAlertDeps = { now?: () => Date };

// A run failed for good. Decides, under the alert row's lock, whether this failure gets an email
// (none in the last hour) or is counted into the next one, records that, and returns the emails
// to send (one per opted-in owner/admin). Sending is left to the caller so each email can be
// retried on its own (see sendJobAlertEmail).
export async function handleJobFailure(raw: JobAlertInput, { now = () => new Date() }: JobAlertDeps = {}): Promise<JobFailureOutcome> {
  const input = jobAlertInput.parse(raw);
  const context = await loadAlertContext(input);
  if (!context) return { outcome: "ignored", reason: "run-not-found" };
  const at = now();

  const decided = await db.$transaction(async (tx) => {
    const alert = await ensureJobAlert(tx, input);
    const decision = decideFailure(alert, input.jobRunId, at);
    if (decision.action === "email" && !decision.redelivery) {
      await tx.jobAlert.update({
        where: { id: alert.id },
        data: { open: true, lastSentAt: at, pendingFailures: 0, lastFailedRunId: input.jobRunId },
      });
    } else if (decision.action === "count") {
      const updated = await tx.jobAlert.update({
        where: { id: alert.id },
        data: { pendingFailures: { increment: 1 }, lastFailedRunId: input.jobRunId },
        select: { pendingFailures: true },
      });
      return { decision, pendingFailures: updated.pendingFailures };
    }
    return { decision, pendingFailures: 0 };
  });

  if (decided.decision.action === "ignore") return { outcome: "ignored", reason: "already-counted" };
  if (decided.decision.action === "count") return { outcome: "counted", pendingFailures: decided.pendingFailures };

  const recipients = await findAlertRecipients(input.workspaceId);
  const failedAt = (context.run.finishedAt ?? at).toISOString();
  const { moreFailures } = decided.decision;
  return {
    outcome: "email",
    emails: recipients.map(({ email }) => ({
      template: "job-failed",
      input: { to: email, workspaceId: input.workspaceId, ...context.email, error: context.run.error, failedAt, moreFailures },
    })),
  };
}
