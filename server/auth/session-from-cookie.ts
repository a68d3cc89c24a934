import "server-only";
import type { Session } from "next-auth";
import { z } from "zod";
import type { Db } from "@/server/db";
import { containsNul } from "@/server/security/nul-bytes";
import { authConfig } from "./config";

// Auth.js's own session lookup (auth()) runs its whole request pipeline per call: a synthetic
// Request, cookie parsing, a CSRF token digest, the adapter's two Prisma queries and a JSON
// Response to read back. The tRPC route needs only "who is this cookie", so it asks the database
// once, with the same rules Auth.js applies to database sessions: an expired session is no
// session, and the rolling expiry is pushed forward at most once per `updateAge`.

export type SessionPolicy = {
  /** Auth.js names the cookie `__Secure-authjs.session-token` whenever secure cookies are on. */
  useSecureCookies: boolean;
  maxAgeSeconds: number;
  updateAgeSeconds: number;
};

export const authSessionPolicy: SessionPolicy = {
  useSecureCookies: authConfig.useSecureCookies,
  maxAgeSeconds: authConfig.session.maxAge,
  updateAgeSeconds: authConfig.session.updateAge,
};

export function sessionCookieName(useSecureCookies: boolean): string {
  return useSecureCookies ? "__Secure-authjs.session-token" : "authjs.session-token";
}

// Auth.js session tokens are UUIDs or hex strings; anything else cannot match a row. A NUL (a
// `%00` in the cookie) would not even reach the comparison: PostgreSQL refuses the query.
const sessionToken = z.string().min(1).max(255).refine((token) => !containsNul(token));

function cookieValue(cookieHeader: string, name: string): string | null {
  for (const pair of cookieHeader.split(";")) {
    const separator = pair.indexOf("=");
    if (separator === -1 || pair.slice(0, separator).trim() !== name) continue;
    const raw = pair.slice(separator + 1).trim().replace(/^"(.*)"$/, "$1");
    try {
      return decodeURIComponent(raw);
    } catch {
      return null;
    }
  }
  return null;
}

type SessionUserRow = {
  userId: string;
  email: string;
  name: string | null;
  image: string | null;
  expires: Date;
  refreshDue: boolean;
};

/**
 * The signed-in session named by the request's Auth.js session cookie, or null when there is no
 * cookie or it names no unexpired session. Shaped like the `auth()` result the app reads.
 */
export async function sessionFromCookie(
  db: Db,
  headers: Pick<Headers, "get">,
  policy: SessionPolicy = authSessionPolicy,
): Promise<Session | null> {
  const cookieHeader = headers.get("cookie");
  if (!cookieHeader) return null;
  const token = sessionToken.safeParse(cookieValue(cookieHeader, sessionCookieName(policy.useSecureCookies)));
  if (!token.success) return null;

  // Auth.js's rule: refresh once the session has lived `updateAge` since it was last extended,
  // i.e. when expires - maxAge + updateAge <= now.
  const untilRefresh = `${policy.maxAgeSeconds - policy.updateAgeSeconds} seconds`;
  const [row] = await db.$queryRaw<SessionUserRow[]>`
    SELECT u.id AS "userId", u.email, u.name, u.image, s.expires,
           s.expires <= now() + ${untilRefresh}::interval AS "refreshDue"
    FROM "Session" s
    JOIN "User" u ON u.id = s."userId"
    WHERE s."sessionToken" = ${token.data} AND s.expires > now()`;
  if (!row) return null;

  let expires = row.expires;
  if (row.refreshDue) {
    // The repeated condition keeps concurrent requests of one browser from each extending it.
    const maxAge = `${policy.maxAgeSeconds} seconds`;
    const [updated] = await db.$queryRaw<Array<{ expires: Date }>>`
      UPDATE "Session" SET expires = now() + ${maxAge}::interval, "updatedAt" = now()
      WHERE "sessionToken" = ${token.data} AND expires <= now() + ${untilRefresh}::interval
      RETURNING expires`;
    if (updated) expires = updated.expires;
  }

  return {
    user: { id: row.userId, email: row.email, name: row.name, image: row.image },
    expires: expires.toISOString(),
  };
}
