import "server-only";
import NextAuth, { type Session } from "next-auth";
import { redirect } from "next/navigation";
import { cache } from "react";
import { authConfig } from "./config";
import { signInUrlFor } from "./paths";

const nextAuth = NextAuth(authConfig);

export const { handlers, signIn, signOut } = nextAuth;

// One session lookup (one database query) per request, however many server components ask.
export const auth = cache((): Promise<Session | null> => nextAuth.auth());

export type SignedInUser = Session["user"];

/**
 * The signed-in user, or a redirect to the sign-in page that brings them back to `callbackPath`.
 * Layouts and pages call this; the proxy only checks that a session cookie exists.
 */
export async function requireUser(callbackPath = "/"): Promise<SignedInUser> {
  const session = await auth();
  if (!session?.user) redirect(signInUrlFor(callbackPath));
  return session.user;
}

export { googleEnabled } from "./config";
export { EMAIL_PROVIDER_ID } from "./email-provider";
