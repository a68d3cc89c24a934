import "server-only";
import { db } from "@/server/db";
import { env } from "@/server/env";
import { logger } from "@/server/observability/logger";
import { listOutboxEmails, type OutboxEmail } from "./list-outbox";
import { createEmailSender } from "./send-email";
import { createTemplateSenders } from "./templates";
import { outboxTransport, resendTransport } from "./transport";

export type { SendEmailInput, SentEmail, EmailTemplateName } from "./send-email";
export { EmailDeliveryError } from "./transport";
export { INVITATION_EXPIRY_DAYS } from "./templates";
export {
  customerDataRequestSubject,
  type CustomerDataReportCustomer,
  type CustomerDataReportOrder,
} from "@/emails/customer-data-request";

const transport = env.RESEND_API_KEY
  ? resendTransport({ apiKey: env.RESEND_API_KEY, baseUrl: env.RESEND_BASE_URL })
  : outboxTransport;

export const sendEmail = createEmailSender({
  db,
  transport,
  from: env.EMAIL_FROM,
  logger: logger.child({ module: "email" }),
  devOutbox: env.NODE_ENV !== "production",
});

export const {
  sendMagicLinkEmail,
  sendInvitationEmail,
  sendJobFailedEmail,
  sendJobRecoveredEmail,
  sendConnectionNeedsReauthEmail,
  sendCustomerDataRequestEmail,
  sendShipmentAlertEmail,
  sendPayoutSummaryEmail,
  sendMatchRateAlertEmail,
  sendMatchRateRecoveredEmail,
  sendReconciliationWeeklySummaryEmail,
} = createTemplateSenders(sendEmail);

export type { OutboxEmail };

export function listOutbox(options: { to?: string; limit?: number } = {}): Promise<OutboxEmail[]> {
  return listOutboxEmails(db, options);
}
