import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { consumeRateLimit } from "./rate-limit";

const key = () => `test:${randomUUID()}`;

describe("consumeRateLimit", () => {
  it("allows `limit` attempts in a window and refuses the next one", async () => {
    const k = key();
    const opts = { limit: 5, windowMs: 60_000 };
    const results = [];
    for (let i = 0; i < 6; i++) results.push(await consumeRateLimit(k, opts));

    expect(results.map((r) => r.allowed)).toEqual([true, true, true, true, true, false]);
    expect(results.map((r) => r.remaining)).toEqual([4, 3, 2, 1, 0, 0]);
    // The window is fixed: every attempt reports the same reset time, about a minute away.
    const resets = new Set(results.map((r) => r.resetAt.getTime()));
    expect(resets.size).toBe(1);
    expect(results[0]!.resetAt.getTime() - Date.now()).toBeGreaterThan(55_000);
    expect(results[0]!.resetAt.getTime() - Date.now()).toBeLessThanOrEqual(60_000 + 1_000);
  });

  it("opens a fresh window once the previous one has expired", async () => {
    const k = key();
    const opts = { limit: 2, windowMs: 300 };
    expect((await consumeRateLimit(k, opts)).allowed).toBe(true);
    expect((await consumeRateLimit(k, opts)).allowed).toBe(true);
    const refused = await consumeRateLimit(k, opts);
    expect(refused.allowed).toBe(false);

    await new Promise((resolve) => setTimeout(resolve, 400));

    const afterReset = await consumeRateLimit(k, opts);
    expect(afterReset).toMatchObject({ allowed: true, remaining: 1 });
    expect(afterReset.resetAt.getTime()).toBeGreaterThan(refused.resetAt.getTime());
    const row = await db.rateLimitBucket.findUniqueOrThrow({ where: { key: k } });
    expect(row.count).toBe(1);
  });

  it("never allows more than the limit under concurrent attempts", async () => {
    const k = key();
    const opts = { limit: 5, windowMs: 60_000 };
    const results = await Promise.all(Array.from({ length: 25 }, () => consumeRateLimit(k, opts)));

    expect(results.filter((r) => r.allowed)).toHaveLength(5);
    const row = await db.rateLimitBucket.findUniqueOrThrow({ where: { key: k } });
    expect(row.count).toBe(25);
  });

  it("keeps keys independent", async () => {
    const a = key();
    const b = key();
    const opts = { limit: 1, windowMs: 60_000 };
    expect((await consumeRateLimit(a, opts)).allowed).toBe(true);
    expect((await consumeRateLimit(a, opts)).allowed).toBe(false);
    expect((await consumeRateLimit(b, opts)).allowed).toBe(true);
  });

  it("rejects nonsensical options instead of silently allowing everything", async () => {
    await expect(consumeRateLimit(key(), { limit: 0, windowMs: 1000 })).rejects.toThrow(RangeError);
    await expect(consumeRateLimit(key(), { limit: 1, windowMs: 0 })).rejects.toThrow(RangeError);
  });
});
