import { describe, expect, it } from "vitest";
import { allowanceOf } from "./credentials";
import { SlidingWindowPacer, TokenPacers, type PacerClock } from "./request-pacer";

// The pacer on a manual clock: a wait moves the clock by what it waits, so times are exact.
function manualClock(start = 0): PacerClock & { waits: number[] } {
  let now = start;
  const waits: number[] = [];
  return { waits, now: () => now, sleep: async (ms) => void (waits.push(ms), (now += ms)) };
}

/** `requests` requests from each sender, one at a time per sender, all at once: who got each slot, when. */
async function race(pacer: SlidingWindowPacer, clock: PacerClock, senders: string[], requests: number) {
  const grants: [string, number][] = [];
  await Promise.all(
    senders.map(async (sender) => {
      for (let i = 0; i < requests; i++) {
        await pacer.acquire();
        grants.push([sender, clock.now()]);
      }
    }),
  );
  return grants;
}

describe("SlidingWindowPacer", () => {
  it("lets no more than the limit through in any window, and two senders of one token take turns", async () => {
    const clock = manualClock();
    const pacer = new SlidingWindowPacer({ limit: 3, windowMs: 1_000, clock });
    const grants = await race(pacer, clock, ["a", "b"], 4);
    expect(grants).toEqual([
      ["a", 0],
      ["b", 0],
      ["a", 0],
      ["b", 1_000],
      ["a", 1_000],
      ["b", 1_000],
      ["a", 2_000],
      ["b", 2_000],
    ]);
    for (const [, at] of grants) expect(grants.filter(([, t]) => t > at - 1_000 && t <= at).length).toBeLessThanOrEqual(3);
  });

  it("holds every sender of the token after a 429 for its retry-after", async () => {
    const clock = manualClock(10_000);
    const pacer = new SlidingWindowPacer({ limit: 150, windowMs: 60_000, clock });
    await pacer.acquire();
    pacer.holdFor(7_000);
    expect(await race(pacer, clock, ["a", "b"], 1)).toEqual([
      ["a", 17_000],
      ["b", 17_000],
    ]);
  });

  it("gives one allowance per personal access token, and one per OAuth-connected account whatever its hourly access token", () => {
    const pacers = new TokenPacers({ limit: 1, windowMs: 1_000, clock: manualClock() });
    const pacerOf = (credentials: Parameters<typeof allowanceOf>[0], account = "channel-1") => pacers.for(allowanceOf(credentials, account));
    expect(pacerOf({ token: "pat-1" })).toBe(pacerOf({ token: "pat-1" }));
    expect(pacerOf({ token: "pat-1" })).not.toBe(pacerOf({ token: "pat-2" }));
    const access = (accessToken: string) => ({ accessToken, accessTokenExpiresAt: null, scopes: [] });
    // Refreshed: a new access token, the same user and application at ShipBob.
    expect(pacerOf(access("before-refresh"))).toBe(pacerOf(access("after-refresh")));
    expect(pacerOf(access("before-refresh"))).not.toBe(pacerOf(access("before-refresh"), "channel-2"));
  });
});
