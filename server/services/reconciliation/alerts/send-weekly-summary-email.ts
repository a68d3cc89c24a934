import "server-only";
import { sendReconciliationWeeklySummaryEmail, type SentEmail } from "@/server/email";
import type { WeeklySummary } from "./weekly-summary";

/** The gathered summary to one recipient: a step of its own, so a failed delivery is retried alone. */
export function sendWeeklySummaryEmail(summary: Pick<WeeklySummary, "workspaceId" | "email">, to: string): Promise<SentEmail> {
  return sendReconciliationWeeklySummaryEmail({ to, workspaceId: summary.workspaceId, ...summary.email });
}
