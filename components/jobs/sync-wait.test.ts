import { describe, expect, it } from "vitest";
import { allowanceName, expectedFinish, syncWaitSentence } from "./sync-wait";

// Shown in the workspace's zone, whatever zone runs the test.
const at = (hours: number, minutes = 0) => new Date(Date.UTC(2030, 0, 1, hours, minutes) + 5 * 3_600_000);
const NEW_YORK = { locale: "en-GB", timeZone: "America/New_York" };

describe("a sync waiting for its request allowance", () => {
  it("names the window that resets when the wait ends", () => {
    expect(allowanceName(new Date(Date.UTC(2030, 0, 1, 14)))).toBe("the hourly request allowance");
    expect(allowanceName(new Date(Date.UTC(2030, 0, 1, 14, 1)))).toBe("the per-minute request allowance");
    expect(allowanceName(new Date(Date.UTC(2030, 0, 1, 14, 1, 30)))).toBe("the request allowance");
  });

  it("expects the rest at the pace kept since the start, waits included", () => {
    // 3,000 of 12,000 in the hour from 13:00 to the wait's end at 14:00: 9,000 more take three hours.
    const wait = { until: at(14), startedAt: at(13), progressDone: 3_000, progressTotal: 12_000 };
    expect(expectedFinish(wait)).toEqual(at(17));
    expect(syncWaitSentence(wait, at(13, 40), NEW_YORK)).toBe("Waiting for the hourly request allowance, resumes at 14:00 GMT-5. Expected to finish around 17:00 GMT-5 (estimated).");
  });

  it("says only when it resumes without a total or any progress to go by", () => {
    for (const facts of [{ progressDone: null, progressTotal: 10 }, { progressDone: 0, progressTotal: 10 }, { progressDone: 5, progressTotal: null }]) {
      const wait = { until: at(14), startedAt: at(13), ...facts };
      expect(expectedFinish(wait)).toBeNull();
      expect(syncWaitSentence(wait, at(13, 40), NEW_YORK)).toMatch(/^Waiting for .*, resumes at 14:00 GMT-5\.$/);
    }
  });

  it("dates a finish on another day", () => {
    const wait = { until: at(23), startedAt: at(22), progressDone: 1_000, progressTotal: 4_000 };
    expect(syncWaitSentence(wait, at(22, 30), NEW_YORK)).toMatch(/Expected to finish around 2 Jan, 02:00 GMT-5 \(estimated\)\.$/);
  });
});
