import "server-only";
import type { NextAuthConfig } from "next-auth";
import Google from "next-auth/providers/google";
import { db } from "@/server/db";
import { env } from "@/server/env";
import { logger } from "@/server/observability/logger";
import { createAuthAdapter } from "./adapter";
import { magicLinkProvider } from "./email-provider";
import { SIGN_IN_PATH, VERIFY_REQUEST_PATH } from "./paths";
import "./session-types";

const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

const authLog = logger.child({ module: "auth" });

// Errors a visitor can cause (a reused or expired link, a refused account) are warnings in our
// JSON logs; anything else is an error worth an alert.
const VISITOR_ERRORS = new Set(["Verification", "AccessDenied", "OAuthAccountNotLinked", "EmailSignInError", "SignInRateLimited"]);

export const googleEnabled = Boolean(env.GOOGLE_CLIENT_ID && env.GOOGLE_CLIENT_SECRET);

function providers(): NextAuthConfig["providers"] {
  const list: NextAuthConfig["providers"] = [magicLinkProvider()];
  if (env.GOOGLE_CLIENT_ID && env.GOOGLE_CLIENT_SECRET) {
    // No allowDangerousEmailAccountLinking: with it, a Google account claiming an address would be
    // attached to the existing Meridian user of that address without that user ever proving they
    // control the Google account, which hands over every workspace the address belongs to. A user
    // who first signed in by magic link keeps using the link (the sign-in page explains the
    // OAuthAccountNotLinked error); a user who starts with Google can still receive magic links,
    // because email sign-in proves ownership of the mailbox itself.
    list.push(Google({ clientId: env.GOOGLE_CLIENT_ID, clientSecret: env.GOOGLE_CLIENT_SECRET }));
  }
  return list;
}

export const authConfig = {
  adapter: createAuthAdapter(db),
  providers: providers(),
  secret: env.AUTH_SECRET,
  // No trustHost: next-auth turns it on because AUTH_URL is set (index.ts pins it to the
  // configured origin, and next-auth moves each request onto that origin before Auth.js reads its
  // host). Without the pin, a production server would refuse requests rather than trust their Host.

  // next-auth's default, stated because the emailed links and the tests rely on it.
  basePath: "/api/auth",
  useSecureCookies: env.NODE_ENV === "production",
  session: { strategy: "database", maxAge: SESSION_MAX_AGE_SECONDS, updateAge: 24 * 60 * 60 },
  pages: { signIn: SIGN_IN_PATH, verifyRequest: VERIFY_REQUEST_PATH, error: SIGN_IN_PATH },
  logger: {
    error(error) {
      const type = (error as { type?: string }).type ?? error.name;
      if (VISITOR_ERRORS.has(type)) authLog.warn({ type }, error.message);
      else authLog.error({ err: error, type }, "Auth.js error");
    },
    warn(code) {
      authLog.warn({ code }, "Auth.js warning");
    },
    debug() {},
  },
  callbacks: {
    session({ session, user }) {
      return { ...session, user: { ...session.user, id: user.id, email: user.email } };
    },
  },
} satisfies NextAuthConfig;
