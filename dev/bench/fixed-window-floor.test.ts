import { describe, expect, it } from "vitest";
import { fixedWindowFloorMs } from "./fixed-window-floor";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const FREEAGENT = [
  { ms: MINUTE, limit: 120 },
  { ms: HOUR, limit: 3_600 },
];

describe("fixedWindowFloorMs", () => {
  it("lets a window's requests go at once, the next window's at its start", () => {
    expect(fixedWindowFloorMs(1, FREEAGENT, 0)).toBe(0);
    expect(fixedWindowFloorMs(120, FREEAGENT, 0)).toBe(0);
    expect(fixedWindowFloorMs(121, FREEAGENT, 0)).toBe(MINUTE);
    // Started 45 s into a minute: the 121st waits 15 s, not a minute.
    expect(fixedWindowFloorMs(121, FREEAGENT, 45_000)).toBe(15_000);
  });

  it("waits for the next hour once the hour's 3,600 are spent (in its 30th minute from its top)", () => {
    expect(fixedWindowFloorMs(3_600, FREEAGENT, 0)).toBe(29 * MINUTE);
    expect(fixedWindowFloorMs(3_601, FREEAGENT, 0)).toBe(HOUR);
    expect(fixedWindowFloorMs(4_000, FREEAGENT, 0)).toBe(HOUR + 3 * MINUTE);
  });

  it("counts from where the start falls in the hour: 40 minutes in, only 20 minutes' requests fit before it turns", () => {
    const start = 40 * MINUTE;
    expect(fixedWindowFloorMs(2_400, FREEAGENT, start)).toBe(19 * MINUTE);
    expect(fixedWindowFloorMs(2_401, FREEAGENT, start)).toBe(20 * MINUTE);
    expect(fixedWindowFloorMs(2_400 + 3_601, FREEAGENT, start)).toBe(20 * MINUTE + HOUR);
  });

  it("scales with the windows: ten times shorter windows, ten times less time", () => {
    const compressed = FREEAGENT.map((w) => ({ ...w, ms: w.ms / 10 }));
    expect(fixedWindowFloorMs(4_000, compressed, 0)).toBe((HOUR + 3 * MINUTE) / 10);
  });
});
