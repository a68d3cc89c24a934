// A signed-in browser context without the magic-link round trip, for specs about what the API
// answers rather than how people sign in (e2e/auth covers that): a user and an Auth.js database
// session are written as the adapter writes them, and the session cookie is set on the context.
import { randomBytes, randomUUID } from "node:crypto";
import type { BrowserContext } from "@playwright/test";
import { E2E_APP_URL } from "@/dev/e2e/server-info";
import { query } from "./database";

// The e2e server is a production build, where Auth.js uses its secure cookie name.
const SESSION_COOKIE = "__Secure-authjs.session-token";

export async function signInWithSession(context: BrowserContext, email: string): Promise<void> {
  const sessionToken = randomBytes(32).toString("hex");
  const [user] = await query<{ id: string }>(`INSERT INTO "User" (id, email, "updatedAt") VALUES ($1, $2, now()) RETURNING id`, [`e2e-${randomUUID()}`, email]);
  await query(`INSERT INTO "Session" (id, "sessionToken", "userId", expires, "updatedAt") VALUES ($1, $2, $3, now() + interval '1 day', now())`, [
    `e2e-${randomUUID()}`,
    sessionToken,
    user!.id,
  ]);
  await addSessionCookie(context, sessionToken);
}

/** Signs `context` in with a database session that already exists. */
export async function addSessionCookie(context: BrowserContext, sessionToken: string): Promise<void> {
  const { hostname } = new URL(E2E_APP_URL);
  await context.addCookies([{ name: SESSION_COOKIE, value: sessionToken, domain: hostname, path: "/", secure: true, httpOnly: true, sameSite: "Lax" }]);
}
