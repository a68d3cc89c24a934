import type { ReactElement } from "react";
import { z } from "zod";
import type { Db } from "@/server/db";
import type { Logger } from "@/server/observability/logger";
import { extractLinks } from "./links";
import { renderEmail } from "./render-email";
import type { MailTransport } from "./transport";

export type EmailTemplateName =
  | "magic-link"
  | "invitation"
  | "job-failed"
  | "job-recovered"
  | "connection-needs-reauth"
  | "customer-data-request"
  | "shipment-alert"
  | "payout-summary"
  | "match-rate-alert"
  | "match-rate-recovered"
  | "reconciliation-weekly-summary";

export type SendEmailInput = {
  to: string;
  subject: string;
  /** Recorded on the outbox row so mail can be found by kind. */
  template: EmailTemplateName;
  react: ReactElement;
  workspaceId?: string;
};

export type SentEmail = { id: string; providerId: string | null; links: string[] };

const addressSchema = z.object({ to: z.email(), subject: z.string().trim().min(1).max(300) });

type EmailSenderDeps = {
  db: Db;
  transport: MailTransport;
  from: string;
  logger: Logger;
  /**
   * Outside production, mail without a provider is read in the dev outbox: /dev/outbox shows its
   * row and the console its links. Production logs are shared and nobody reads that row, so
   * there it keeps neither.
   */
  devOutbox: boolean;
};

// Every email is written to EmailOutbox before delivery, so a failed send leaves a FAILED row
// with the provider's error (the audit trail of mail) and the caller gets the exception to retry.
// The row keeps the rendered bodies only when it is the mailbox (the dev outbox): they hold
// working sign-in and invitation links, and the hashed tokens are worth nothing if the links sit
// in plain text next to them. Delivery gets the bodies in memory, and a retry renders the mail
// again into a new row, so nothing else needs them.
export function createEmailSender({ db, transport, from, logger, devOutbox }: EmailSenderDeps) {
  const rowIsMailbox = transport.name === "outbox" && devOutbox;
  return async function sendEmail(input: SendEmailInput): Promise<SentEmail> {
    const { to, subject } = addressSchema.parse({ to: input.to, subject: input.subject });
    const { html, text } = await renderEmail(input.react);
    const links = extractLinks(html);

    const row = await db.emailOutbox.create({
      data: { to, subject, template: input.template, workspaceId: input.workspaceId ?? null, ...(rowIsMailbox ? { html, text } : {}) },
      select: { id: true },
    });

    try {
      const { providerId } = await transport.send({ id: row.id, template: input.template, from, to, subject, html, text });
      await db.emailOutbox.update({
        where: { id: row.id },
        data: { status: "SENT", providerId, sentAt: new Date() },
      });
      if (rowIsMailbox) {
        logger.info({ emailId: row.id, to, subject, links }, `Email to ${to} kept in the dev outbox (/dev/outbox)`);
      } else if (transport.name === "outbox") {
        logger.warn({ emailId: row.id, template: input.template }, "RESEND_API_KEY is not set: email not delivered (EmailOutbox records it without its content)");
      } else {
        logger.info({ emailId: row.id, template: input.template, providerId }, "Email sent");
      }
      return { id: row.id, providerId, links };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await db.emailOutbox.update({ where: { id: row.id }, data: { status: "FAILED", error: message } });
      logger.error({ emailId: row.id, template: input.template, err: error }, "Email delivery failed");
      throw error;
    }
  };
}

export type SendEmail = ReturnType<typeof createEmailSender>;
