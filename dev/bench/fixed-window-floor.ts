// The least time fixed request windows allow for a number of requests (npm run bench:freeagent's
// floor): windows start at multiples of their length since the epoch, as FreeAgent's minute and
// hour do, so where a run starts within them matters.

export type FixedWindow = { ms: number; limit: number };

/** `ms`: how long the requests take at the least; `waits[i]`: how often window `i` (the latest to reset among the full ones) made them wait. */
export type FixedWindowFloor = { ms: number; waits: number[] };

/**
 * How long after `start` the `requests`-th request can go at the earliest, every window empty at
 * `start` and requests taking no time: greedily, each instant takes what every window has left,
 * then the clock jumps to the latest end among the windows that are full.
 */
export function fixedWindowFloor(requests: number, windows: readonly FixedWindow[], start: number): FixedWindowFloor {
  if (windows.length === 0) throw new RangeError("The floor needs at least one window");
  const used = windows.map(() => ({ start: Number.NaN, count: 0 }));
  const waits = windows.map(() => 0);
  let remaining = requests;
  for (let at = start; ; ) {
    const current = windows.map((w, i) => {
      const windowStart = Math.floor(at / w.ms) * w.ms;
      if (used[i]!.start !== windowStart) used[i] = { start: windowStart, count: 0 };
      return { end: windowStart + w.ms, left: w.limit - used[i]!.count };
    });
    const taken = Math.min(remaining, ...current.map((c) => c.left));
    remaining -= taken;
    for (const u of used) u.count += taken;
    if (remaining <= 0) return { ms: at - start, waits };
    const full = current.map((c, i) => ({ ...c, i })).filter((c) => c.left === taken);
    const until = full.reduce((a, b) => (b.end > a.end ? b : a));
    waits[until.i]!++;
    at = until.end;
  }
}
