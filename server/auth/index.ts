import "server-only";
import NextAuth, { type Session } from "next-auth";
import { redirect } from "next/navigation";
import { cache } from "react";
import { appUrl } from "@/server/env";
import { authConfig } from "./config";
import { signInUrlFor } from "./paths";

// Auth.js builds the URLs it hands out (the emailed sign-in link and its subject, OAuth
// redirect_uri, its redirects) from AUTH_URL when set, else from the request's X-Forwarded-Host or
// Host, which the client chooses. next-auth reads process.env.AUTH_URL on every call (route
// handlers, signIn, signOut, auth()), so pinning it here to the configured origin covers every
// path. Set before NextAuth(), which derives trustHost from it.
process.env.AUTH_URL = appUrl();

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
