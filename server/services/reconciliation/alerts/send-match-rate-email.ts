import "server-only";
import { sendMatchRateAlertEmail, sendMatchRateRecoveredEmail, type SentEmail } from "@/server/email";
import type { MatchRateAlert } from "./evaluate-match-rate-alert";

type Transition = Exclude<MatchRateAlert, { outcome: "unchanged" }>;

/** The evaluated alert or recovery to one recipient: a step of its own, so a failed delivery is retried alone. */
export function sendMatchRateEmail(alert: Transition, to: string): Promise<SentEmail> {
  return alert.outcome === "alerted"
    ? sendMatchRateAlertEmail({ to, workspaceId: alert.workspaceId, ...alert.email })
    : sendMatchRateRecoveredEmail({ to, workspaceId: alert.workspaceId, ...alert.email });
}
