import { AuthError } from "@auth/core/errors";
import type { EmailConfig } from "next-auth/providers/email";
import { sendMagicLinkEmail } from "@/server/email";
import { clientIp } from "@/server/security/client-ip";
import { MAGIC_LINK_MAX_AGE_MINUTES } from "./magic-link-expiry";
import { consumeSignInAttempt, SignInRateLimitedError } from "./sign-in-rate-limit";

export const EMAIL_PROVIDER_ID = "email";

// A provider of Auth.js's generic "email" type whose only job is handing the link to our sender,
// so sign-in mail goes through the same path as every other email (Resend or the dev outbox,
// rendered from emails/magic-link.tsx, recorded in EmailOutbox). Auth.js itself creates and
// checks the hashed VerificationToken.
// (AuthError comes from @auth/core, the same class next-auth re-exports.)
// Auth.js turns unknown errors into a generic "Configuration" failure; this type reaches the
// sign-in action (and the ?error= page) as "EmailSignInError", which the page explains.
export class MagicLinkDeliveryError extends AuthError {
  static type = "EmailSignInError";
}

export function magicLinkProvider(): EmailConfig {
  return {
    id: EMAIL_PROVIDER_ID,
    type: "email",
    name: "Email",
    maxAge: MAGIC_LINK_MAX_AGE_MINUTES * 60,
    async sendVerificationRequest({ identifier, url, expires, request }) {
      // Counted here, where every path that mails a link passes, and only for well-formed
      // addresses (Auth.js refuses the others before this).
      const attempt = await consumeSignInAttempt({ email: identifier, ip: clientIp(request.headers) });
      if (!attempt.allowed) throw new SignInRateLimitedError(attempt.retryAfterMs);
      try {
        await sendMagicLinkEmail({ to: identifier, url, expires });
      } catch (error) {
        throw new MagicLinkDeliveryError("The sign-in email could not be sent", { cause: error });
      }
    },
  };
}
