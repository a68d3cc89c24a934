import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { checkSignInRequest } from "./sign-in-request";
import { consumeSignInAttempt, SIGN_IN_RATE_LIMIT } from "./sign-in-rate-limit";

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
};

const ip = () => `203.0.113.${Math.floor(Math.random() * 250)}-${randomUUID().slice(0, 6)}`;

describe("checkSignInRequest", () => {
  it("answers a malformed address with a field message and consumes no attempt", async () => {
    const address = `nope-${randomUUID().slice(0, 6)}`;
    const checked = await checkSignInRequest(form({ email: address }), new Headers({ "x-forwarded-for": ip() }));
    expect(checked).toEqual({ ok: false, state: { email: address, fieldError: "Enter a valid email address, like name@example.com." } });
    expect(await db.rateLimitBucket.count({ where: { key: { contains: address } } })).toBe(0);
  });

  it("asks for an address when the field is empty", async () => {
    const checked = await checkSignInRequest(form({ email: "  " }), new Headers());
    expect(checked).toMatchObject({ ok: false, state: { fieldError: "Enter your email address." } });
  });

  it("refuses with the wait time once the address has used its attempts", async () => {
    const email = `limited-${randomUUID().slice(0, 8)}@example.test`;
    for (let i = 0; i < SIGN_IN_RATE_LIMIT.limit; i++) {
      expect(await consumeSignInAttempt({ email, ip: ip() })).toEqual({ allowed: true });
    }
    // Different case and spacing count against the same address.
    const checked = await checkSignInRequest(form({ email: ` ${email.toUpperCase()} ` }), new Headers({ "x-forwarded-for": ip() }));
    expect(checked).toEqual({ ok: false, state: { email, formError: "Too many sign-in attempts. Try again in 10 minutes." } });
  });
});

describe("checkSignInRequest on success", () => {
  it("normalizes the address and keeps only a same-origin callback", async () => {
    const email = `Ok-${randomUUID().slice(0, 8)}@Example.test`;
    const headers = new Headers({ "x-forwarded-for": ip() });
    expect(await checkSignInRequest(form({ email, callbackUrl: "/w/acme?x=1" }), headers)).toEqual({
      ok: true,
      email: email.toLowerCase(),
      callbackPath: "/w/acme?x=1",
    });
    expect(await checkSignInRequest(form({ email, callbackUrl: "https://evil.test/" }), headers)).toMatchObject({ ok: true, callbackPath: "/" });
  });
});

describe("consumeSignInAttempt", () => {
  it("defaults to 5 attempts per 10 minutes", () => {
    expect(SIGN_IN_RATE_LIMIT).toEqual({ limit: 5, windowMs: 10 * 60 * 1000 });
  });

  it("limits one IP across many addresses", async () => {
    const address = ip();
    for (let i = 0; i < SIGN_IN_RATE_LIMIT.limit; i++) {
      expect((await consumeSignInAttempt({ email: `spray-${i}-${randomUUID()}@example.test`, ip: address })).allowed).toBe(true);
    }
    const refused = await consumeSignInAttempt({ email: `fresh-${randomUUID()}@example.test`, ip: address });
    expect(refused.allowed).toBe(false);
    if (!refused.allowed) {
      expect(refused.retryAfterMs).toBeGreaterThan(9 * 60_000);
      expect(refused.retryAfterMs).toBeLessThanOrEqual(10 * 60_000 + 1_000);
    }
  });

  it("still limits by address when the client IP is unknown", async () => {
    const email = `noip-${randomUUID()}@example.test`;
    for (let i = 0; i < SIGN_IN_RATE_LIMIT.limit; i++) await consumeSignInAttempt({ email, ip: null });
    expect((await consumeSignInAttempt({ email, ip: null })).allowed).toBe(false);
  });
});
