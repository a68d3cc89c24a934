import "server-only";
import { sendPayoutSummaryEmail as sendEmail, type SentEmail } from "@/server/email";
import type { PayoutSummary } from "./payout-summary";

/** The gathered summary to one recipient: a step of its own, so a failed delivery is retried alone. */
export function sendPayoutSummaryEmail(summary: Pick<PayoutSummary, "workspaceId" | "email">, to: string): Promise<SentEmail> {
  return sendEmail({ to, workspaceId: summary.workspaceId, ...summary.email });
}
