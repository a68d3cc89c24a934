import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { buildUser } from "@/prisma/factories";
import { createTRPCContext } from "@/server/api/trpc";
import { db } from "@/server/db";
import { authConfig } from "./config";
import { authSessionPolicy, sessionCookieName, sessionFromCookie, type SessionPolicy } from "./session-from-cookie";

const DAY_MS = 24 * 60 * 60 * 1000;
const policy: SessionPolicy = { useSecureCookies: false, maxAgeSeconds: 30 * 24 * 60 * 60, updateAgeSeconds: 24 * 60 * 60 };

async function buildSession(userId: string, expiresInMs: number) {
  const sessionToken = randomBytes(32).toString("hex");
  await db.session.create({ data: { sessionToken, userId, expires: new Date(Date.now() + expiresInMs) } });
  return sessionToken;
}

function cookies(cookie: string) {
  return new Headers({ cookie });
}

async function storedExpiry(sessionToken: string) {
  return (await db.session.findUniqueOrThrow({ where: { sessionToken } })).expires;
}

describe("sessionFromCookie", () => {
  it("resolves a valid session cookie to its user, shaped like auth()", async () => {
    const user = await buildUser({ name: "Ada" });
    const token = await buildSession(user.id, 29 * DAY_MS);

    const session = await sessionFromCookie(db, cookies(`theme=dark; authjs.session-token=${token}; other=1`), policy);

    expect(session).toEqual({
      user: { id: user.id, email: user.email, name: "Ada", image: null },
      expires: (await storedExpiry(token)).toISOString(),
    });
  });

  it("rejects an expired session", async () => {
    const user = await buildUser();
    const token = await buildSession(user.id, -1000);

    expect(await sessionFromCookie(db, cookies(`authjs.session-token=${token}`), policy)).toBeNull();
  });

  it("rejects an unknown token, a missing cookie and an empty value", async () => {
    expect(await sessionFromCookie(db, cookies(`authjs.session-token=${randomBytes(32).toString("hex")}`), policy)).toBeNull();
    expect(await sessionFromCookie(db, new Headers(), policy)).toBeNull();
    expect(await sessionFromCookie(db, cookies("authjs.session-token="), policy)).toBeNull();
  });

  it("reads only the __Secure- cookie when secure cookies are on, as Auth.js does in production", async () => {
    const user = await buildUser();
    const token = await buildSession(user.id, 29 * DAY_MS);
    const secure = { ...policy, useSecureCookies: true };

    expect(sessionCookieName(true)).toBe("__Secure-authjs.session-token");
    expect(await sessionFromCookie(db, cookies(`authjs.session-token=${token}`), secure)).toBeNull();
    expect((await sessionFromCookie(db, cookies(`__Secure-authjs.session-token=${token}`), secure))?.user.id).toBe(user.id);
    expect(await sessionFromCookie(db, cookies(`__Secure-authjs.session-token=${token}`), policy)).toBeNull();
  });

  it("follows the Auth.js configuration", () => {
    expect(authSessionPolicy).toEqual({
      useSecureCookies: authConfig.useSecureCookies,
      maxAgeSeconds: authConfig.session.maxAge,
      updateAgeSeconds: authConfig.session.updateAge,
    });
  });

  it("leaves the expiry alone until updateAge has passed since it was last extended", async () => {
    const user = await buildUser();
    // Extended 23 hours ago: not due yet (updateAge is 24 hours).
    const token = await buildSession(user.id, 30 * DAY_MS - 23 * 60 * 60 * 1000);
    const before = await storedExpiry(token);

    await sessionFromCookie(db, cookies(`authjs.session-token=${token}`), policy);

    expect((await storedExpiry(token)).getTime()).toBe(before.getTime());
  });

  it("pushes the expiry to now + maxAge once it is due", async () => {
    const user = await buildUser();
    // Extended 25 hours ago: due.
    const token = await buildSession(user.id, 30 * DAY_MS - 25 * 60 * 60 * 1000);

    const session = await sessionFromCookie(db, cookies(`authjs.session-token=${token}`), policy);

    const after = await storedExpiry(token);
    expect(Math.abs(after.getTime() - (Date.now() + 30 * DAY_MS))).toBeLessThan(60_000);
    expect(session?.expires).toBe(after.toISOString());
  });

  it("is what the tRPC context is built from", async () => {
    const user = await buildUser();
    const token = await buildSession(user.id, 29 * DAY_MS);

    const signedIn = await createTRPCContext({ headers: cookies(`${sessionCookieName(authSessionPolicy.useSecureCookies)}=${token}`) });
    const signedOut = await createTRPCContext({ headers: cookies("authjs.session-token=nope") });

    expect(signedIn.session?.user.id).toBe(user.id);
    expect(signedOut.session).toBeNull();
  });
});
