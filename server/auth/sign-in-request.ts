import "server-only";
import { z } from "zod";
import { safeCallbackPath } from "./paths";
import { normalizeEmail } from "./sign-in-rate-limit";

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

// What the sign-in form must pass before Auth.js is asked to send a link: a valid address (a
// malformed one costs no attempt: the rate limit is counted where the link is mailed).
export function checkSignInRequest(formData: FormData): CheckedSignInRequest {
  const raw = { email: String(formData.get("email") ?? ""), callbackUrl: formData.get("callbackUrl") ?? undefined };
  const parsed = formSchema.safeParse(raw);
  if (!parsed.success) {
    const fieldError = parsed.error.issues.find((issue) => issue.path[0] === "email")?.message;
    return { ok: false, state: { email: raw.email, fieldError: fieldError ?? "Enter a valid email address." } };
  }
  return { ok: true, email: normalizeEmail(parsed.data.email), callbackPath: safeCallbackPath(parsed.data.callbackUrl) };
}
