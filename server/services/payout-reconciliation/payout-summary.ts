import "server-only";
import type { SummaryDeposit, SummaryPayout } from "@/emails/payout-summary";
import { db, workspaceDb } from "@/server/db";
import type { sendPayoutSummaryEmail } from "@/server/email";
import { appUrl } from "@/server/env";
import { calendarDay } from "@/server/services/accounting/calendar-day";
import { findAlertRecipients } from "@/server/services/job-alerts/find-alert-recipients";
import { payoutSummaryRequested } from "@/server/services/jobs/events";
import { notificationSettingsUrl } from "@/server/services/users/notification-settings-url";

/** The email lists at most this many payouts and deposits (oldest first); the counts say the rest. */
export const SUMMARY_LISTED = 25;

type SummaryEmail = Omit<Parameters<typeof sendPayoutSummaryEmail>[0], "to" | "workspaceId">;
/** What one workspace's summary sends (the same email to each recipient); plain JSON, a step's output. */
export type PayoutSummary = { workspaceId: string; email: SummaryEmail; recipients: string[] };

/** One event per workspace with a reconciliation setup and per UTC day: a repeated tick sends the same id. */
export async function payoutSummaryEvents(now = new Date()) {
  const workspaces = await db.payoutReconciliationSetup.findMany({ distinct: ["workspaceId"], select: { workspaceId: true }, orderBy: { workspaceId: "asc" } });
  const day = calendarDay(now);
  return workspaces.map(({ workspaceId }) => payoutSummaryRequested.create({ workspaceId }, { id: `payout-summary-${workspaceId}-${day}` }));
}

const OPEN_STATES = ["UNMATCHED_PAYOUT", "AMBIGUOUS", "AMOUNT_DIFFERS"] as const;

// What stays unreconciled in the workspace (payouts without a deposit, with several, or one that
// differs, and deposits no payout claims) and the opted-in owners and admins to tell. Null when
// everything is reconciled or no one opted in: no email.
export async function gatherPayoutSummary(workspaceId: string): Promise<PayoutSummary | null> {
  const wdb = workspaceDb(workspaceId);
  const [recipients, workspace, byState, unmatchedDeposits] = await Promise.all([
    findAlertRecipients(workspaceId, "payoutSummaryEmails"),
    wdb.workspace.findFirst({ select: { name: true, slug: true, timeZone: true } }),
    wdb.payoutReconciliation.groupBy({ by: ["state"], where: { state: { in: [...OPEN_STATES] } }, _count: true }),
    wdb.unmatchedDeposit.count(),
  ]);
  const count = (state: (typeof OPEN_STATES)[number]) => byState.find((row) => row.state === state)?._count ?? 0;
  const counts = { unmatchedPayouts: count("UNMATCHED_PAYOUT"), ambiguous: count("AMBIGUOUS"), amountDiffers: count("AMOUNT_DIFFERS"), unmatchedDeposits };
  if (!workspace || recipients.length === 0 || Object.values(counts).every((n) => n === 0)) return null;

  const [payouts, deposits] = await Promise.all([
    wdb.payout.findMany({ where: { reconciliation: { is: { state: { in: [...OPEN_STATES] } } } }, orderBy: [{ issuedAt: "asc" }, { id: "asc" }], take: SUMMARY_LISTED, include: { reconciliation: true } }),
    wdb.unmatchedDeposit.findMany({ orderBy: { bankTransactionId: "asc" }, take: SUMMARY_LISTED, include: { bankTransaction: { select: { datedOn: true, amount: true, description: true } } } }),
  ]);
  const base = `${appUrl()}/w/${workspace.slug}`;
  return {
    workspaceId,
    recipients: recipients.map((r) => r.email),
    email: {
      workspaceName: workspace.name,
      timeZone: workspace.timeZone,
      counts,
      payouts: payouts.map((p): SummaryPayout => ({
        externalId: p.externalId,
        issuedAt: p.issuedAt.toISOString(),
        net: p.net.toFixed(2),
        currency: p.currency,
        state: p.reconciliation!.state as SummaryPayout["state"],
        amountDifference: p.reconciliation!.amountDifference?.toFixed(2) ?? null,
        candidates: p.reconciliation!.candidateIds.length,
        url: `${base}/payouts/${p.id}`,
      })),
      deposits: deposits
        .sort((a, b) => a.bankTransaction.datedOn.getTime() - b.bankTransaction.datedOn.getTime())
        .map((d): SummaryDeposit => ({ datedOn: calendarDay(d.bankTransaction.datedOn), amount: d.bankTransaction.amount.toFixed(2), description: d.bankTransaction.description })),
      payoutsUrl: `${base}/payouts`,
      settingsUrl: notificationSettingsUrl(),
    },
  };
}
