import { describe, expect, it } from "vitest";
import { LIVE_REFRESH_MS } from "@/components/jobs/job-status";
import { listRefetchInterval } from "./sync-activity";

describe("listRefetchInterval", () => {
  it("re-reads only the first page, and only while a sync runs", () => {
    expect(listRefetchInterval(true, 1)).toBe(LIVE_REFRESH_MS * 2);
    expect(listRefetchInterval(true, 2)).toBe(false);
    expect(listRefetchInterval(false, 1)).toBe(false);
  });
});
