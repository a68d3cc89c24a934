import { describe, expect, it } from "vitest";
import { PermanentError } from "../_core/errors";
import { CostBucket } from "./graphql-client";

// The throttle arithmetic on a virtual clock: sleeping advances time, nothing really waits.
function virtualClock() {
  let t = 1_000_000;
  const sleeps: number[] = [];
  return {
    now: () => t,
    sleeps,
    advance: (ms: number) => (t += ms),
    sleep: async (ms: number) => {
      sleeps.push(ms);
      t += ms;
    },
  };
}

describe("CostBucket", () => {
  it("sends at once while nothing is known about the shop", async () => {
    const clock = virtualClock();
    const bucket = new CostBucket(clock.now);
    await bucket.acquire(500, clock.sleep);
    expect(clock.sleeps).toEqual([]);
    expect(bucket.available()).toBeUndefined();
  });

  it("restores at restoreRate per second up to maximumAvailable", () => {
    const clock = virtualClock();
    const bucket = new CostBucket(clock.now);
    bucket.update({ maximumAvailable: 1000, currentlyAvailable: 100, restoreRate: 50 });
    expect(bucket.available()).toBe(100);
    clock.advance(2_000);
    expect(bucket.available()).toBe(200);
    clock.advance(60_000);
    expect(bucket.available()).toBe(1000);
  });

  it("waits (requested − available) / restoreRate before a query the bucket does not cover", async () => {
    const clock = virtualClock();
    const bucket = new CostBucket(clock.now);
    bucket.update({ maximumAvailable: 1000, currentlyAvailable: 150, restoreRate: 50 });
    expect(bucket.waitMsFor(400)).toBe(5_000);
    await bucket.acquire(400, clock.sleep);
    expect(clock.sleeps).toEqual([5_000]);
    // The 400 points are spent in the estimate until Shopify reports again.
    expect(bucket.available()).toBe(0);
  });

  it("never lets queued queries together exceed what is available", async () => {
    const clock = virtualClock();
    const bucket = new CostBucket(clock.now);
    bucket.update({ maximumAvailable: 300, currentlyAvailable: 300, restoreRate: 100 });
    const spentAt: number[] = [];
    await Promise.all(
      [200, 200, 200].map((cost) => bucket.acquire(cost, clock.sleep).then(() => spentAt.push(clock.now()))),
    );
    // 300 − 200 = 100 left; the second needs 1 s more, the third 2 s after that.
    expect(spentAt.map((t) => t - spentAt[0]!)).toEqual([0, 1_000, 3_000]);
  });

  it("refuses a query larger than the whole bucket instead of waiting forever", async () => {
    const clock = virtualClock();
    const bucket = new CostBucket(clock.now);
    bucket.update({ maximumAvailable: 100, currentlyAvailable: 100, restoreRate: 10 });
    await expect(bucket.acquire(101, clock.sleep)).rejects.toBeInstanceOf(PermanentError);
    // A refused query does not block the ones behind it.
    await bucket.acquire(50, clock.sleep);
    expect(bucket.available()).toBe(50);
  });
});
