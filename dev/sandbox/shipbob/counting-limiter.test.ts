import { describe, expect, it } from "vitest";
import { ManualClock } from "../_kit/clock";
import { SlidingWindowLimiter } from "../_kit/rate-limits";
import { CountingLimiter } from "./counting-limiter";

describe("CountingLimiter", () => {
  it("counts the requests let through and those refused, and decides as the limiter it wraps", () => {
    const clock = new ManualClock(0);
    const limiter = new CountingLimiter(new SlidingWindowLimiter({ limit: 2, windowMs: 60_000, clock }));
    const decisions = [1, 2, 3].map(() => limiter.take("user:app").allowed);
    expect(decisions).toEqual([true, true, false]);
    // A peek decides without counting.
    expect(limiter.peek("user:app").allowed).toBe(false);
    expect(limiter.counts).toEqual({ allowed: 2, refused: 1 });
    clock.advance(60_000);
    expect(limiter.take("user:app").allowed).toBe(true);
    expect(limiter.counts).toEqual({ allowed: 3, refused: 1 });
  });
});
