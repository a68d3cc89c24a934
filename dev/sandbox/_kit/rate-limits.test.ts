import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ManualClock } from "./clock";
import type { HttpAnswer } from "./http";
import { allOf, FixedWindowLimiter, SlidingWindowLimiter, TokenBucketLimiter, type Limiter, type RateLimitShape } from "./rate-limits";
import { Router } from "./router";
import { startSandboxServer, type SandboxServer } from "./server";

// Each limiter behind a route, answering 429 in its provider's own shape, on a manual clock: the
// refusal says when to come back, and coming back then is served.

const MINUTE = 60_000;
let clock: ManualClock;
let server: SandboxServer;
let limiters: Record<string, Limiter>;

/** ShipBob (developer.shipbob.com/rate-limit): a JSON body with the wait, `x-retry-after` seconds, `x-remaining-calls`. */
const shipbob: RateLimitShape = (refusal) => {
  const seconds = Math.ceil(refusal.retryAfterMs / 1000);
  return { status: 429, headers: { "x-retry-after": String(seconds), "x-remaining-calls": "0" }, body: { statusCode: 429, message: `Rate limit is exceeded. Try again in ${seconds} seconds.` } };
};
/** FreeAgent: a plain 429 until the window resets (the next minute or hour). */
const freeagent: RateLimitShape = () => ({ status: 429, body: { errors: { error: { message: "Rate limit exceeded" } } } });
/** Amazon SP-API: the ErrorList body with QuotaExceeded. */
const amazon: RateLimitShape = () => ({ status: 429, headers: { "x-amzn-RateLimit-Limit": "2.0" }, body: { errors: [{ code: "QuotaExceeded", message: "You exceeded your quota for the requested resource.", details: "" }] } });

function limited(name: string, shape: RateLimitShape): (req: unknown, res: unknown) => HttpAnswer {
  return () => {
    const decision = limiters[name]!.take("user-1:app-1");
    if (!decision.allowed) return shape(decision);
    return { status: 200, headers: name === "shipbob" ? { "x-remaining-calls": String(decision.remaining) } : {}, body: { ok: true } };
  };
}

beforeAll(async () => {
  const routes = new Router().on("GET", "/shipbob", limited("shipbob", shipbob)).on("GET", "/freeagent", limited("freeagent", freeagent)).on("GET", "/amazon", limited("amazon", amazon));
  server = await startSandboxServer({ routes });
});
afterAll(() => server.stop());
beforeEach(() => {
  // 10 s past a minute boundary, so fixed windows and sliding windows differ.
  clock = new ManualClock(Date.UTC(2026, 9, 15, 10, 0, 10));
  limiters = {
    shipbob: new SlidingWindowLimiter({ limit: 150, windowMs: MINUTE, clock }),
    freeagent: allOf(new FixedWindowLimiter({ limit: 120, windowMs: MINUTE, clock }), new FixedWindowLimiter({ limit: 3600, windowMs: 60 * MINUTE, clock })),
    amazon: new TokenBucketLimiter({ ratePerSecond: 2, burst: 2, clock }),
  };
});

async function call(name: string) {
  const response = await fetch(`${server.url}/${name}`);
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
}

describe("sliding window (ShipBob: 150 per minute)", () => {
  it("refuses the 151st request in any minute with ShipBob's body and headers, and serves once the oldest ages out", async () => {
    for (let i = 0; i < 100; i++) expect((await call("shipbob")).status).toBe(200);
    clock.advance(30_000);
    for (let i = 0; i < 49; i++) await call("shipbob");
    expect((await call("shipbob")).headers.get("x-remaining-calls")).toBe("0");
    const refused = await call("shipbob");
    expect(refused.status).toBe(429);
    expect(refused.headers.get("x-retry-after")).toBe("30");
    expect(refused.headers.get("x-remaining-calls")).toBe("0");
    expect(refused.body).toEqual({ statusCode: 429, message: "Rate limit is exceeded. Try again in 30 seconds." });
    // A fixed window would have reset at the minute boundary 20 s later; the sliding one has not.
    clock.advance(20_000);
    expect((await call("shipbob")).status).toBe(429);
    clock.advance(10_000);
    expect((await call("shipbob")).status).toBe(200);
  });
});

describe("fixed windows (FreeAgent: 120 per minute and 3,600 per hour)", () => {
  it("refuses the 121st request of a minute until the top of the next minute", async () => {
    for (let i = 0; i < 120; i++) await call("freeagent");
    const refused = await call("freeagent");
    expect(refused).toMatchObject({ status: 429, body: { errors: { error: { message: "Rate limit exceeded" } } } });
    expect(limiters.freeagent!.peek("user-1:app-1")).toMatchObject({ allowed: false, retryAfterMs: 50_000 });
    clock.advance(49_999);
    expect((await call("freeagent")).status).toBe(429);
    clock.advance(1);
    expect((await call("freeagent")).status).toBe(200);
  });

  it("counts a request in both windows, and the hour's refusal waits for the top of the hour", async () => {
    // The hour's first 3,600 requests, counted without HTTP to keep the test quick.
    for (let minute = 0; minute < 30; minute++) {
      for (let i = 0; i < 120; i++) expect(limiters.freeagent!.take("user-1:app-1").allowed).toBe(true);
      clock.advance(MINUTE);
    }
    // 3,600 used by 10:30:10: the minute window is fresh, the hour's is spent until 11:00.
    const refused = limiters.freeagent!.peek("user-1:app-1");
    expect(refused).toMatchObject({ allowed: false, resetAt: Date.UTC(2026, 9, 15, 11, 0, 0) });
    expect((await call("freeagent")).status).toBe(429);
    clock.set(Date.UTC(2026, 9, 15, 11, 0, 0));
    expect((await call("freeagent")).status).toBe(200);
  });
});

describe("token bucket (Amazon SP-API: rate 2/s, burst 2)", () => {
  it("serves the burst, refuses with QuotaExceeded, refills at the rate", async () => {
    expect((await call("amazon")).status).toBe(200);
    expect((await call("amazon")).status).toBe(200);
    const refused = await call("amazon");
    expect(refused.status).toBe(429);
    expect(refused.headers.get("x-amzn-ratelimit-limit")).toBe("2.0");
    expect(refused.body).toEqual({ errors: [{ code: "QuotaExceeded", message: "You exceeded your quota for the requested resource.", details: "" }] });
    expect(limiters.amazon!.peek("user-1:app-1")).toMatchObject({ allowed: false, retryAfterMs: 500 });
    clock.advance(500);
    expect((await call("amazon")).status).toBe(200);
    expect((await call("amazon")).status).toBe(429);
  });
});
