import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { requestWindows } from "./request-windows";

// Windows far longer than a test run (about 31 and 63 years, starting at multiples of their
// length since 1970), so no test straddles a reset; a passed window is written into the row.
const LONG = { seconds: 1_000_000_000, limit: 25 };
const LONGER = { seconds: 2_000_000_000, limit: 40 };

const key = () => `test:${randomUUID()}`;

async function stored(allowanceKey: string) {
  return (await db.requestWindowCount.findUniqueOrThrow({ where: { allowanceKey } })).windows;
}

describe("requestWindows", () => {
  it("never grants more than a window's limit to many parallel takers, and counts only what it grants", async () => {
    const k = key();
    const takes = await Promise.all(Array.from({ length: 60 }, () => requestWindows.take(k, [LONG, LONGER])));

    expect(takes.filter((t) => t.granted)).toHaveLength(25);
    const usage = await requestWindows.usage(k, [LONG, LONGER]);
    expect(usage.map((w) => w.used)).toEqual([25, 25]);
  });

  it("counts a request in every window or in none: a full short window leaves the long one untouched", async () => {
    const k = key();
    const small = { seconds: LONG.seconds, limit: 3 };
    const takes = await Promise.all(Array.from({ length: 10 }, () => requestWindows.take(k, [small, LONGER])));

    expect(takes.filter((t) => t.granted)).toHaveLength(3);
    expect((await requestWindows.usage(k, [small, LONGER])).map((w) => w.used)).toEqual([3, 3]);
    // Refused until the full window resets (the later reset when several are full).
    const refused = takes.find((t) => !t.granted);
    const resetsAt = (Math.floor(Date.now() / 1000 / small.seconds) + 1) * small.seconds * 1000;
    expect(refused).toEqual({ granted: false, retryAt: resetsAt });
  });

  it("counts from zero in a window after the one stored", async () => {
    const k = key();
    await requestWindows.take(k, [LONG]);
    const current = Math.floor(Date.now() / 1000 / LONG.seconds) * LONG.seconds;
    await db.requestWindowCount.update({ where: { allowanceKey: k }, data: { windows: { [LONG.seconds]: { start: current - LONG.seconds, used: LONG.limit } } } });

    expect(await requestWindows.usage(k, [LONG])).toEqual([{ ...LONG, used: 0, resetsAt: (current + LONG.seconds) * 1000 }]);
    expect(await requestWindows.take(k, [LONG])).toEqual({ granted: true });
    expect(await stored(k)).toEqual({ [LONG.seconds]: { start: current, used: 1 } });
  });

  it("exhaust marks one window full until it resets, whatever was counted, and keeps the others", async () => {
    const k = key();
    await requestWindows.take(k, [LONG, LONGER]);
    await requestWindows.exhaust(k, LONG);

    expect((await requestWindows.usage(k, [LONG, LONGER])).map((w) => w.used)).toEqual([LONG.limit, 1]);
    expect(await requestWindows.take(k, [LONG, LONGER])).toMatchObject({ granted: false });
    // A key never used: exhausted from nothing.
    const fresh = key();
    await requestWindows.exhaust(fresh, LONGER);
    expect(await requestWindows.take(fresh, [LONGER])).toMatchObject({ granted: false });
  });

  it("answers an unused key as empty windows, and refuses a window that cannot be counted", async () => {
    expect((await requestWindows.usage(key(), [LONG])).map((w) => w.used)).toEqual([0]);
    await expect(requestWindows.take(key(), [{ seconds: 60, limit: 0 }])).rejects.toThrow(RangeError);
    await expect(requestWindows.take(key(), [])).rejects.toThrow(RangeError);
  });
});
