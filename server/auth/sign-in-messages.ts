import { MAGIC_LINK_MAX_AGE_MINUTES } from "./magic-link-expiry";

// Friendly text for the `?error=` codes Auth.js puts on the sign-in page (pages.error and
// pages.signIn both point there), and for errors the sign-in action catches.
const MESSAGES: Record<string, string> = {
  Verification: `That sign-in link is invalid or has expired. Links work once and for ${MAGIC_LINK_MAX_AGE_MINUTES} minutes; request a new one below.`,
  AccessDenied: "You do not have access to sign in with that account.",
  OAuthAccountNotLinked:
    "This email already signs in with an email link. Use “Email me a sign-in link” with the same address.",
  OAuthSignin: "We could not start sign-in with Google. Try again, or use an email link.",
  OAuthCallback: "Sign-in with Google did not complete. Try again, or use an email link.",
  OAuthCallbackError: "Sign-in with Google did not complete. Try again, or use an email link.",
  EmailSignin: "We could not send the sign-in email. Try again in a moment.",
  EmailSignInError: "We could not send the sign-in email. Try again in a moment.",
  SessionRequired: "Please sign in to continue.",
  Configuration: "Sign-in is temporarily unavailable. Try again in a moment.",
};

const FALLBACK = "Something went wrong while signing you in. Try again.";

export function signInErrorMessage(code: string | null | undefined): string | null {
  if (!code) return null;
  return MESSAGES[code] ?? FALLBACK;
}

export function tooManyAttemptsMessage(retryAfterMs: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterMs / 60_000));
  return `Too many sign-in attempts. Try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}.`;
}
