import { describe, expect, it } from "vitest";
import { countsCheck, formatCounts, formatDuration, progressPercent, runDuration } from "./job-format";

describe("formatDuration", () => {
  it.each([
    [0, "0 ms"],
    [850, "850 ms"],
    [1_000, "1.0 s"],
    [12_349, "12.3 s"],
    [59_999, "59.9 s"],
    [60_000, "1m 00s"],
    [245_000, "4m 05s"],
    [3_600_000, "1h 00m"],
    [7_380_000, "2h 03m"],
    [-5, "—"],
  ])("%d ms → %s", (ms, expected) => {
    expect(formatDuration(ms)).toBe(expected);
  });
});

describe("runDuration", () => {
  const start = new Date("2030-01-01T00:00:00.000Z");
  it("uses the stored duration of a finished run", () => {
    expect(runDuration({ startedAt: start, finishedAt: new Date("2030-01-01T00:10:00.000Z"), durationMs: 1_500 }, null)).toBe("1.5 s");
  });
  it("counts the time so far of a running run", () => {
    expect(runDuration({ startedAt: start, finishedAt: null, durationMs: null }, new Date("2030-01-01T00:00:42.000Z"))).toBe("42.0 s");
  });
  it("shows a dash for a run that has not started, or before the clock is known", () => {
    expect(runDuration({ startedAt: null, finishedAt: null, durationMs: null }, new Date())).toBe("—");
    expect(runDuration({ startedAt: start, finishedAt: null, durationMs: null }, null)).toBe("—");
  });
});

describe("formatCounts", () => {
  it("lists non-zero counts only", () => {
    expect(formatCounts({ recordsRead: 1200, recordsInserted: 100, recordsUpdated: 0, recordsUnchanged: 1097, recordsDeleted: 3 }, "en-US")).toBe(
      "1,200 read · 100 inserted · 1,097 unchanged · 3 deleted",
    );
    expect(formatCounts({ recordsRead: 0, recordsInserted: 0, recordsUpdated: 0, recordsUnchanged: 0, recordsDeleted: 0 }, "en-US")).toBe("—");
  });
});

describe("countsCheck", () => {
  const run = (read: number, inserted: number, updated: number, unchanged: number, deleted: number) => ({
    recordsRead: read,
    recordsInserted: inserted,
    recordsUpdated: updated,
    recordsUnchanged: unchanged,
    recordsDeleted: deleted,
  });
  it("holds when every record read is inserted, updated, unchanged or deleted", () => {
    expect(countsCheck(run(365, 50, 299, 13, 3))).toEqual({ holds: true });
  });
  it("says how many records are unaccounted for, or over-counted", () => {
    // The run the crash drill found: unchanged was not stored.
    expect(countsCheck(run(365, 50, 299, 0, 3))).toEqual({ holds: false, unaccounted: 13 });
    expect(countsCheck(run(10, 8, 0, 3, 0))).toEqual({ holds: false, unaccounted: -1 });
  });
  it("does not apply to a run that reads no records (retention deletes rows it never reads)", () => {
    expect(countsCheck(run(0, 0, 1, 0, 4))).toBeNull();
    expect(countsCheck(run(0, 0, 0, 0, 0))).toBeNull();
  });
});

describe("progressPercent", () => {
  it("is known only with a positive total, and stays within 0–100", () => {
    expect(progressPercent(3, 8)).toBe(38);
    expect(progressPercent(null, 8)).toBe(0);
    expect(progressPercent(12, 8)).toBe(100);
    expect(progressPercent(3, null)).toBeNull();
    expect(progressPercent(3, 0)).toBeNull();
  });
});
