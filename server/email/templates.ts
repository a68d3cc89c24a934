import { createElement } from "react";
import ConnectionNeedsReauthEmail, {
  connectionNeedsReauthSubject,
  type ConnectionNeedsReauthEmailProps,
} from "@/emails/connection-needs-reauth";
import CustomerDataRequestEmail, { customerDataRequestSubject, type CustomerDataRequestEmailProps } from "@/emails/customer-data-request";
import InvitationEmail, { invitationSubject, type InvitationRole } from "@/emails/invitation";
import JobFailedEmail, { jobFailedSubject, type JobFailedEmailProps } from "@/emails/job-failed";
import JobRecoveredEmail, { jobRecoveredSubject, type JobRecoveredEmailProps } from "@/emails/job-recovered";
import MagicLinkEmail, { magicLinkSubject } from "@/emails/magic-link";
import MatchRateAlertEmail, { matchRateAlertSubject, type MatchRateAlertEmailProps } from "@/emails/match-rate-alert";
import MatchRateRecoveredEmail, { matchRateRecoveredSubject, type MatchRateRecoveredEmailProps } from "@/emails/match-rate-recovered";
import PayoutSummaryEmail, { payoutSummarySubject, type PayoutSummaryEmailProps } from "@/emails/payout-summary";
import ReconciliationWeeklySummaryEmail, { reconciliationWeeklySummarySubject, type ReconciliationWeeklySummaryEmailProps } from "@/emails/reconciliation-weekly-summary";
import ShipmentAlertEmail, { shipmentAlertSubject, type ShipmentAlertEmailProps } from "@/emails/shipment-alert";
import type { SendEmail, SentEmail } from "./send-email";

export const INVITATION_EXPIRY_DAYS = 7;

// Typed senders per template: callers pass data, never build a template or a subject themselves.
export function createTemplateSenders(sendEmail: SendEmail) {
  return {
    sendMagicLinkEmail({ to, url, expires }: { to: string; url: string; expires: Date }): Promise<SentEmail> {
      const host = new URL(url).host;
      const expiresInMinutes = Math.max(1, Math.round((expires.getTime() - Date.now()) / 60_000));
      return sendEmail({
        to,
        subject: magicLinkSubject({ host }),
        template: "magic-link",
        react: createElement(MagicLinkEmail, { url, host, expiresInMinutes }),
      });
    },

    sendInvitationEmail(input: {
      to: string;
      workspaceName: string;
      inviterName: string;
      role: InvitationRole;
      acceptUrl: string;
      workspaceId: string;
    }): Promise<SentEmail> {
      return sendEmail({
        to: input.to,
        subject: invitationSubject(input),
        template: "invitation",
        workspaceId: input.workspaceId,
        react: createElement(InvitationEmail, {
          workspaceName: input.workspaceName,
          inviterName: input.inviterName,
          role: input.role,
          acceptUrl: input.acceptUrl,
          expiresInDays: INVITATION_EXPIRY_DAYS,
        }),
      });
    },

    sendJobFailedEmail({ to, workspaceId, ...props }: JobFailedEmailProps & { to: string; workspaceId: string }): Promise<SentEmail> {
      return sendEmail({
        to,
        subject: jobFailedSubject(props),
        template: "job-failed",
        workspaceId,
        react: createElement(JobFailedEmail, props),
      });
    },

    sendJobRecoveredEmail({ to, workspaceId, ...props }: JobRecoveredEmailProps & { to: string; workspaceId: string }): Promise<SentEmail> {
      return sendEmail({
        to,
        subject: jobRecoveredSubject(props),
        template: "job-recovered",
        workspaceId,
        react: createElement(JobRecoveredEmail, props),
      });
    },

    sendConnectionNeedsReauthEmail({
      to,
      workspaceId,
      ...props
    }: ConnectionNeedsReauthEmailProps & { to: string; workspaceId: string }): Promise<SentEmail> {
      return sendEmail({
        to,
        subject: connectionNeedsReauthSubject(props),
        template: "connection-needs-reauth",
        workspaceId,
        react: createElement(ConnectionNeedsReauthEmail, props),
      });
    },

    sendCustomerDataRequestEmail({
      to,
      workspaceId,
      ...props
    }: CustomerDataRequestEmailProps & { to: string; workspaceId: string }): Promise<SentEmail> {
      return sendEmail({
        to,
        subject: customerDataRequestSubject(props),
        template: "customer-data-request",
        workspaceId,
        react: createElement(CustomerDataRequestEmail, props),
      });
    },

    sendShipmentAlertEmail({ to, workspaceId, ...props }: ShipmentAlertEmailProps & { to: string; workspaceId: string }): Promise<SentEmail> {
      return sendEmail({
        to,
        subject: shipmentAlertSubject(props),
        template: "shipment-alert",
        workspaceId,
        react: createElement(ShipmentAlertEmail, props),
      });
    },

    sendPayoutSummaryEmail({ to, workspaceId, ...props }: PayoutSummaryEmailProps & { to: string; workspaceId: string }): Promise<SentEmail> {
      return sendEmail({
        to,
        subject: payoutSummarySubject(props),
        template: "payout-summary",
        workspaceId,
        react: createElement(PayoutSummaryEmail, props),
      });
    },

    sendMatchRateAlertEmail({ to, workspaceId, ...props }: MatchRateAlertEmailProps & { to: string; workspaceId: string }): Promise<SentEmail> {
      return sendEmail({ to, subject: matchRateAlertSubject(props), template: "match-rate-alert", workspaceId, react: createElement(MatchRateAlertEmail, props) });
    },

    sendMatchRateRecoveredEmail({ to, workspaceId, ...props }: MatchRateRecoveredEmailProps & { to: string; workspaceId: string }): Promise<SentEmail> {
      return sendEmail({ to, subject: matchRateRecoveredSubject(props), template: "match-rate-recovered", workspaceId, react: createElement(MatchRateRecoveredEmail, props) });
    },

    sendReconciliationWeeklySummaryEmail({ to, workspaceId, ...props }: ReconciliationWeeklySummaryEmailProps & { to: string; workspaceId: string }): Promise<SentEmail> {
      return sendEmail({
        to,
        subject: reconciliationWeeklySummarySubject(props),
        template: "reconciliation-weekly-summary",
        workspaceId,
        react: createElement(ReconciliationWeeklySummaryEmail, props),
      });
    },
  };
}
