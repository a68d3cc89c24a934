import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { checkSignInRequest } from "./sign-in-request";
import { consumeSignInAttempt, SIGN_IN_RATE_LIMIT } from "./sign-in-rate-limit";

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
};

const ip = () => `203.0.113.${Math.floor(Math.random() * 250)}-${randomUUID().slice(0, 6)}`;

describe("checkSignInRequest", () => {
  it("answers a malformed address with a field message", () => {
    const address = `nope-${randomUUID().slice(0, 6)}`;
    expect(checkSignInRequest(form({ email: address }))).toEqual({
      ok: false,
      state: { email: address, fieldError: "Enter a valid email address, like name@example.com." },
    });
  });

  it("asks for an address when the field is empty", () => {
    expect(checkSignInRequest(form({ email: "  " }))).toMatchObject({ ok: false, state: { fieldError: "Enter your email address." } });
  });

  it("normalizes the address and keeps only a same-origin callback", () => {
    const email = `Ok-${randomUUID().slice(0, 8)}@Example.test`;
    expect(checkSignInRequest(form({ email: ` ${email} `, callbackUrl: "/w/acme?x=1" }))).toEqual({
      ok: true,
      email: email.toLowerCase(),
      callbackPath: "/w/acme?x=1",
    });
    expect(checkSignInRequest(form({ email, callbackUrl: "https://evil.test/" }))).toMatchObject({ ok: true, callbackPath: "/" });
  });
});

describe("consumeSignInAttempt", () => {
  it("defaults to 5 attempts per 10 minutes", () => {
    expect(SIGN_IN_RATE_LIMIT).toEqual({ limit: 5, windowMs: 10 * 60 * 1000 });
  });

  it("counts different case and spacing of an address as the same address", async () => {
    const email = `limited-${randomUUID().slice(0, 8)}@example.test`;
    for (let i = 0; i < SIGN_IN_RATE_LIMIT.limit; i++) {
      expect(await consumeSignInAttempt({ email, ip: ip() })).toEqual({ allowed: true });
    }
    const refused = await consumeSignInAttempt({ email: ` ${email.toUpperCase()} `, ip: ip() });
    expect(refused.allowed).toBe(false);
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
