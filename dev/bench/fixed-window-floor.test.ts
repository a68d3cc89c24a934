import { describe, expect, it } from "vitest";
import { fixedWindowFloor } from "./fixed-window-floor";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const FREEAGENT = [
  { ms: MINUTE, limit: 120 },
  { ms: HOUR, limit: 3_600 },
];

describe("fixedWindowFloor", () => {
  it("lets a window's requests go at once, the next window's at its start", () => {
    expect(fixedWindowFloor(1, FREEAGENT, 0).ms).toBe(0);
    expect(fixedWindowFloor(120, FREEAGENT, 0).ms).toBe(0);
    expect(fixedWindowFloor(121, FREEAGENT, 0).ms).toBe(MINUTE);
    // Started 45 s into a minute: the 121st waits 15 s, not a minute.
    expect(fixedWindowFloor(121, FREEAGENT, 45_000).ms).toBe(15_000);
  });

  it("waits for the next hour once the hour's 3,600 are spent (in its 30th minute from its top)", () => {
    expect(fixedWindowFloor(3_600, FREEAGENT, 0)).toEqual({ ms: 29 * MINUTE, waits: [29, 0] });
    expect(fixedWindowFloor(3_601, FREEAGENT, 0)).toEqual({ ms: HOUR, waits: [29, 1] });
    expect(fixedWindowFloor(4_000, FREEAGENT, 0)).toEqual({ ms: HOUR + 3 * MINUTE, waits: [32, 1] });
  });

  it("counts from where the start falls in the hour: 40 minutes in, only 20 minutes' requests fit before it turns", () => {
    const start = 40 * MINUTE;
    expect(fixedWindowFloor(2_400, FREEAGENT, start).ms).toBe(19 * MINUTE);
    expect(fixedWindowFloor(2_401, FREEAGENT, start).ms).toBe(20 * MINUTE);
    // More than 3,600 requests, yet the hour never stops them: the first hour ends before it fills.
    expect(fixedWindowFloor(4_000, FREEAGENT, start).waits).toEqual([33, 0]);
    expect(fixedWindowFloor(2_400 + 3_601, FREEAGENT, start)).toEqual({ ms: 20 * MINUTE + HOUR, waits: [49, 1] });
  });

  it("scales with the windows: ten times shorter windows, ten times less time", () => {
    const compressed = FREEAGENT.map((w) => ({ ...w, ms: w.ms / 10 }));
    expect(fixedWindowFloor(4_000, compressed, 0).ms).toBe((HOUR + 3 * MINUTE) / 10);
  });
});
