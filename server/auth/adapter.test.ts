import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { createAuthAdapter } from "./adapter";

// Auth.js calls these methods during magic-link and OAuth sign-in; this checks the Prisma adapter
// against our generated Prisma 7 client and schema, not a mock.
const adapter = createAuthAdapter(db);

function required<T>(fn: T | undefined): T {
  if (!fn) throw new Error("adapter method missing");
  return fn;
}

describe("Auth.js Prisma adapter on our schema", () => {
  it("creates a user, issues and consumes a verification token once, and opens a session", async () => {
    const email = `adapter-${randomUUID().slice(0, 8)}@example.test`;
    const user = await required(adapter.createUser)({ id: "ignored-by-adapter", email, emailVerified: null });
    expect(user.id).not.toBe("ignored-by-adapter");
    expect(user.email).toBe(email);
    expect(await required(adapter.getUserByEmail)(email)).toMatchObject({ id: user.id });

    const expires = new Date(Date.now() + 15 * 60_000);
    const token = await required(adapter.createVerificationToken)({ identifier: email, token: "hashed-token", expires });
    expect(token).toEqual({ identifier: email, token: "hashed-token", expires });

    const used = await required(adapter.useVerificationToken)({ identifier: email, token: "hashed-token" });
    expect(used).toEqual({ identifier: email, token: "hashed-token", expires });
    // Single use: the second attempt finds nothing.
    expect(await required(adapter.useVerificationToken)({ identifier: email, token: "hashed-token" })).toBeNull();

    const verified = await required(adapter.updateUser)({ id: user.id, emailVerified: new Date() });
    expect(verified.emailVerified).toBeInstanceOf(Date);

    const sessionExpires = new Date(Date.now() + 30 * 24 * 3600_000);
    const session = await required(adapter.createSession)({ sessionToken: `tok-${randomUUID()}`, userId: user.id, expires: sessionExpires });
    const found = await required(adapter.getSessionAndUser)(session.sessionToken);
    expect(found?.user).toMatchObject({ id: user.id, email });
    expect(found?.session.expires.getTime()).toBe(sessionExpires.getTime());

    await required(adapter.deleteSession)(session.sessionToken);
    expect(await required(adapter.getSessionAndUser)(session.sessionToken)).toBeNull();
  });

  it("links an OAuth account and finds the user by it", async () => {
    const user = await required(adapter.createUser)({ id: "x", email: `oauth-${randomUUID().slice(0, 8)}@example.test`, emailVerified: null });
    await required(adapter.linkAccount)({
      userId: user.id,
      type: "oidc",
      provider: "google",
      providerAccountId: `g-${user.id}`,
      access_token: "at",
      token_type: "bearer",
      expires_at: 1_900_000_000,
    });
    const byAccount = await required(adapter.getUserByAccount)({ provider: "google", providerAccountId: `g-${user.id}` });
    expect(byAccount?.id).toBe(user.id);
  });
});
