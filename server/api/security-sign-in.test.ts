import { randomUUID } from "node:crypto";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { createContextForSession } from "@/server/api/trpc";
import { handlers } from "@/server/auth";
import { authProxy } from "@/server/auth/proxy";
import { SIGN_IN_RATE_LIMIT } from "@/server/auth/sign-in-rate-limit";
import { db } from "@/server/db";
import { appUrl } from "@/server/env";
import { requestActor } from "@/server/services/connections/connect-http";

// Attacker probes on sign-in and the client IP (issue 10): host poisoning of the emailed link,
// the sign-in rate limit through Auth.js's own endpoint, a forged X-Forwarded-For, and a form
// posted from a foreign origin. They drive the real route handlers of /api/auth/[...nextauth].
// The sign-in form's server action can only run under Next itself: e2e/security/sign-in.spec.ts
// probes it against a production build.

const APP = new URL(appUrl());
const EVIL = "evil.example";

// Tests run behind one trusted proxy (vitest.config.ts): it appended the address it saw last.
const forwardedFor = (forged: string, seenByProxy: string) => ({ "x-forwarded-for": `${forged}, ${seenByProxy}` });
const someIp = () => `198.51.100.${Math.floor(Math.random() * 250)}-${randomUUID().slice(0, 8)}`;

/**
 * A request to Auth.js sent to the attacker's host: its URL, Host and X-Forwarded-Host all name
 * evil.example, as a platform that builds the request URL from the Host header would hand it over.
 */
function toEvilHost(path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new NextRequest(`http://${EVIL}${path}`, {
    ...init,
    headers: { host: EVIL, "x-forwarded-host": EVIL, "x-forwarded-proto": "http", ...init.headers },
  });
}

function cookieHeader(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");
}

/** Asks Auth.js's own endpoint (with its CSRF token, as the suite did) to email a link to `email`. */
async function postEmailSignIn(email: string, headers: Record<string, string> = {}): Promise<Response> {
  const csrf = await handlers.GET(toEvilHost("/api/auth/csrf"));
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  return handlers.POST(
    toEvilHost("/api/auth/signin/email", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(csrf), ...headers },
      body: new URLSearchParams({ csrfToken, email, callbackUrl: "/w/acme" }).toString(),
    }),
  );
}

const sentTo = (email: string) => db.emailOutbox.findMany({ where: { to: email, template: "magic-link" } });

describe("magic-link host poisoning", () => {
  it("mails a link to the configured origin, never to the host the request named", async () => {
    const email = `poison-${randomUUID().slice(0, 8)}@example.test`;
    const response = await postEmailSignIn(email, forwardedFor("6.6.6.6", someIp()));
    expect(response.status).toBe(302);
    expect(new URL(response.headers.get("location")!).origin).toBe(APP.origin);

    const [mail] = await sentTo(email);
    expect(mail?.subject).toBe(`Sign in to Meridian (${APP.host})`);
    const link = new URL(mail!.text!.match(/https?:\/\/\S+\/api\/auth\/callback\/email\?\S+/)![0]);
    expect(link.origin).toBe(APP.origin);
    expect(link.searchParams.get("callbackUrl")).toBe(`${APP.origin}/w/acme`);
    expect(mail!.text).not.toContain(EVIL);
    expect(mail!.html).not.toContain(EVIL);

    // The callback, reached through the attacker's host, still signs in on the configured origin.
    const callback = await handlers.GET(toEvilHost(`${link.pathname}${link.search}`));
    expect(callback.headers.get("location")).toBe(`${APP.origin}/w/acme`);
  });
});

describe("sign-in rate limit on Auth.js's own endpoint", () => {
  it("sends no more links to one address than the form allows", async () => {
    const email = `bypass-${randomUUID().slice(0, 8)}@example.test`;
    const answers: string[] = [];
    for (let i = 0; i < SIGN_IN_RATE_LIMIT.limit + 2; i++) {
      // A fresh client IP each time, so only the address's window can refuse.
      const response = await postEmailSignIn(email, forwardedFor("6.6.6.6", someIp()));
      answers.push(new URL(response.headers.get("location")!).pathname);
    }
    expect(await sentTo(email)).toHaveLength(SIGN_IN_RATE_LIMIT.limit);
    expect(answers.slice(SIGN_IN_RATE_LIMIT.limit)).toEqual(["/signin", "/signin"]);
  });
});

describe("forged X-Forwarded-For", () => {
  it("does not give one client a fresh per-IP window for every address it sprays", async () => {
    const realIp = someIp();
    const emails = Array.from({ length: SIGN_IN_RATE_LIMIT.limit + 2 }, (_, i) => `spray-${i}-${randomUUID().slice(0, 8)}@example.test`);
    for (const [i, email] of emails.entries()) {
      await postEmailSignIn(email, forwardedFor(`10.66.0.${i}`, realIp));
    }
    const sent = await db.emailOutbox.count({ where: { to: { in: emails }, template: "magic-link" } });
    expect(sent).toBe(SIGN_IN_RATE_LIMIT.limit);
  });

  it("is not the IP that tRPC calls and Shopify route audit rows record", () => {
    const headers = new Headers({ ...forwardedFor("6.6.6.6", "198.51.100.23"), "x-real-ip": "6.6.6.7" });
    expect(createContextForSession(null, headers).ip).toBe("198.51.100.23");
    expect(requestActor(new Request(`${APP.origin}/api/connections/shopify/callback`, { headers }), null).ip).toBe("198.51.100.23");
  });
});

describe("a sign-in form posted from a foreign origin", () => {
  it("is refused with a 403 that says why, before Next.js would answer it with a 500", async () => {
    const response = authProxy(
      new NextRequest(`${APP.origin}/signin`, {
        method: "POST",
        headers: { host: APP.host, origin: `https://${EVIL}`, "content-type": "multipart/form-data; boundary=x" },
        body: "--x--",
      }),
    );
    expect(response.status).toBe(403);
    expect(await response.text()).toMatch(/sent from another site/);
  });
});
