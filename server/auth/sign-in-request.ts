import "server-only";
import { z } from "zod";
import { safeCallbackPath } from "./paths";
import { tooManyAttemptsMessage } from "./sign-in-messages";
import { clientIp, consumeSignInAttempt, normalizeEmail } from "./sign-in-rate-limit";

export type SignInFormState = {
  /** Echoed back so the field keeps what the user typed. */
  email: string;
  fieldError?: string;
  formError?: string;
};

export type CheckedSignInRequest =
  | { ok: true; email: string; callbackPath: string }
  | { ok: false; state: SignInFormState };

const formSchema = z.object({
  email: z
    .string()
    .trim()
    .min(1, "Enter your email address.")
    .pipe(z.email("Enter a valid email address, like name@example.com.")),
  callbackUrl: z.string().optional(),
});

// Everything the sign-in form must pass before Auth.js is asked to send a link: a valid address
// (a malformed one costs no attempt) and room in both the address's and the client IP's window.
export async function checkSignInRequest(formData: FormData, headers: Headers): Promise<CheckedSignInRequest> {
  const raw = { email: String(formData.get("email") ?? ""), callbackUrl: formData.get("callbackUrl") ?? undefined };
  const parsed = formSchema.safeParse(raw);
  if (!parsed.success) {
    const fieldError = parsed.error.issues.find((issue) => issue.path[0] === "email")?.message;
    return { ok: false, state: { email: raw.email, fieldError: fieldError ?? "Enter a valid email address." } };
  }

  const email = normalizeEmail(parsed.data.email);
  const attempt = await consumeSignInAttempt({ email, ip: clientIp(headers) });
  if (!attempt.allowed) return { ok: false, state: { email, formError: tooManyAttemptsMessage(attempt.retryAfterMs) } };
  return { ok: true, email, callbackPath: safeCallbackPath(parsed.data.callbackUrl) };
}
