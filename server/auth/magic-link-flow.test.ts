import { randomUUID } from "node:crypto";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { appUrl } from "@/server/env";
import { handlers as routeHandlers } from "./index";

// The whole email sign-in through the route handlers of /api/auth/[...nextauth], as the browser
// drives it: CSRF token, POST the address, follow the link from the outbox, get a database session.
const ORIGIN = appUrl();

const handlers = {
  GET: (request: Request) => routeHandlers.GET(new NextRequest(request)),
  POST: (request: Request) => routeHandlers.POST(new NextRequest(request)),
};

function cookiesFrom(response: Response): Map<string, string> {
  const jar = new Map<string, string>();
  for (const header of response.headers.getSetCookie()) {
    const [pair] = header.split(";");
    const [name, ...value] = pair!.split("=");
    jar.set(name!.trim(), value.join("="));
  }
  return jar;
}

const cookieHeader = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");

async function requestLink(email: string) {
  const csrfResponse = await handlers.GET(new Request(`${ORIGIN}/api/auth/csrf`));
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const jar = cookiesFrom(csrfResponse);

  const response = await handlers.POST(
    new Request(`${ORIGIN}/api/auth/signin/email`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(jar) },
      body: new URLSearchParams({ csrfToken, email, callbackUrl: `${ORIGIN}/w/acme` }),
    }),
  );
  return { response, jar };
}

describe("magic-link sign-in", () => {
  it("emails a link to the outbox, and the link signs the user in once with a database session", async () => {
    const email = `Flow-${randomUUID().slice(0, 8)}@Example.test`;
    const normalized = email.toLowerCase();

    const { response } = await requestLink(email);
    expect(response.status).toBe(302);
    // Auth.js bounces through its own verify-request action to our page.
    const verifyAction = response.headers.get("location")!;
    expect(verifyAction).toBe(`${ORIGIN}/api/auth/verify-request?provider=email&type=email`);
    const verifyPage = await handlers.GET(new Request(verifyAction));
    expect(verifyPage.headers.get("location")).toMatch(new RegExp(`^(${ORIGIN})?/verify-request\\?provider=email&type=email$`));

    const mail = await db.emailOutbox.findFirstOrThrow({ where: { to: normalized }, orderBy: { createdAt: "desc" } });
    expect(mail.template).toBe("magic-link");
    const link = mail.text?.match(/https?:\/\/\S+\/api\/auth\/callback\/email\?\S+/)?.[0];
    expect(link).toBeDefined();
    expect(new URL(link!).origin).toBe(ORIGIN);
    // Only the hash of the token is stored.
    const stored = await db.verificationToken.findFirstOrThrow({ where: { identifier: normalized } });
    expect(link).not.toContain(stored.token);

    const callback = await handlers.GET(new Request(link!));
    expect(callback.status).toBe(302);
    expect(callback.headers.get("location")).toBe(`${ORIGIN}/w/acme`);
    const sessionToken = cookiesFrom(callback).get("authjs.session-token");
    expect(sessionToken).toBeTruthy();

    const user = await db.user.findUniqueOrThrow({ where: { email: normalized }, include: { sessions: true } });
    expect(user.emailVerified).toBeInstanceOf(Date);
    expect(user.sessions.map((s) => s.sessionToken)).toEqual([sessionToken]);

    const sessionResponse = await handlers.GET(
      new Request(`${ORIGIN}/api/auth/session`, { headers: { cookie: `authjs.session-token=${sessionToken}` } }),
    );
    expect(await sessionResponse.json()).toMatchObject({ user: { id: user.id, email: normalized } });

    // The same link again is refused with the error the sign-in page explains.
    const reused = await handlers.GET(new Request(link!));
    expect(reused.headers.get("location")).toBe(`${ORIGIN}/signin?error=Verification`);
  });
});
