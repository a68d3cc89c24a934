import { Resend } from "resend";

export type OutgoingEmail = {
  /** EmailOutbox row id; doubles as the provider's idempotency key so a retried send is not duplicated. */
  id: string;
  /** The template's name, sent as a Resend tag so mail can be found by kind there too. */
  template: string;
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
};

export type DeliveryResult = { providerId: string | null };

/** Hands a rendered email to whatever delivers it. Throws when delivery fails. */
export type MailTransport = {
  name: "resend" | "outbox";
  send(email: OutgoingEmail): Promise<DeliveryResult>;
};

export class EmailDeliveryError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "EmailDeliveryError";
  }
}

export function resendTransport({ apiKey, baseUrl }: { apiKey: string; baseUrl?: string }): MailTransport {
  const resend = new Resend(apiKey, baseUrl ? { baseUrl } : undefined);
  return {
    name: "resend",
    async send(email) {
      const { data, error } = await resend.emails.send(
        {
          from: email.from,
          to: email.to,
          subject: email.subject,
          html: email.html,
          text: email.text,
          tags: [{ name: "template", value: email.template }],
        },
        { idempotencyKey: `email-outbox/${email.id}` },
      );
      if (error || !data) {
        throw new EmailDeliveryError(`Resend refused the email: ${error?.name ?? "unknown"}: ${error?.message ?? "no response"}`);
      }
      return { providerId: data.id };
    },
  };
}

// Without a provider the EmailOutbox row is the delivery: outside production /dev/outbox shows it
// and the caller's log line carries the links; in production nobody can read it.
export const outboxTransport: MailTransport = {
  name: "outbox",
  async send() {
    return { providerId: null };
  },
};
