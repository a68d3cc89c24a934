import "server-only";
import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { EMAIL_PROVIDER_ID } from "./email-provider";
import { signIn } from "./index";
import { VERIFY_REQUEST_PATH } from "./paths";
import { signInErrorMessage } from "./sign-in-messages";
import { checkSignInRequest, type SignInFormState } from "./sign-in-request";

export type { SignInFormState };

// The sign-in form's action: check the request, then let Auth.js create the token and send the
// link. Auth.js answers with its own /api/auth/verify-request URL (which only bounces to our page),
// so on success we go to our page directly; any other answer (an ?error= page) is followed as is.
export async function requestEmailSignIn(formData: FormData, headers: Headers): Promise<SignInFormState> {
  const checked = await checkSignInRequest(formData, headers);
  if (!checked.ok) return checked.state;

  let next: string;
  try {
    next = await signIn(EMAIL_PROVIDER_ID, { email: checked.email, redirectTo: checked.callbackPath, redirect: false });
  } catch (error) {
    if (error instanceof AuthError) return { email: checked.email, formError: signInErrorMessage(error.type) ?? undefined };
    throw error;
  }
  redirect(new URL(next, "http://n").pathname.endsWith("/verify-request") ? VERIFY_REQUEST_PATH : next);
}
