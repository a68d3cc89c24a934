import "server-only";
import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { EMAIL_PROVIDER_ID } from "./email-provider";
import { signIn } from "./index";
import { VERIFY_REQUEST_PATH, verifyRequestUrl } from "./paths";
import { signInErrorMessage, tooManyAttemptsMessage } from "./sign-in-messages";
import { SignInRateLimitedError } from "./sign-in-rate-limit";
import { checkSignInRequest, type SignInFormState } from "./sign-in-request";

export type { SignInFormState };

// The sign-in form's action (and the check-your-email page's Resend, which sends `resend`): check
// the form, then let Auth.js create the token and send the link (the provider counts the attempt
// against the rate limit). Auth.js answers with its own /api/auth/verify-request URL (which only
// bounces to our page), so on success we go to our page directly, saying where the link went; any
// other answer (an ?error= page) is followed as is.
export async function requestEmailSignIn(formData: FormData): Promise<SignInFormState> {
  const checked = checkSignInRequest(formData);
  if (!checked.ok) return checked.state;

  let next: string;
  try {
    next = await signIn(EMAIL_PROVIDER_ID, { email: checked.email, redirectTo: checked.callbackPath, redirect: false });
  } catch (error) {
    if (error instanceof SignInRateLimitedError) return { email: checked.email, formError: tooManyAttemptsMessage(error.retryAfterMs) };
    if (error instanceof AuthError) return { email: checked.email, formError: signInErrorMessage(error.type) ?? undefined };
    throw error;
  }
  const sent = new URL(next, "http://n").pathname.endsWith(VERIFY_REQUEST_PATH);
  redirect(sent ? verifyRequestUrl(checked.email, checked.callbackPath, { resent: formData.has("resend") }) : next);
}
