import { describe, expect, it } from "vitest";
import { JobStatus } from "@/server/generated/prisma/enums";
import { isActiveStatus, jobStatusBadge, liveRefetchInterval, LIVE_REFRESH_MS } from "./job-status";

describe("jobStatusBadge", () => {
  it("gives every status a label and a colour that says how it went", () => {
    expect(Object.values(JobStatus).map((s) => [s, jobStatusBadge(s)])).toEqual([
      ["QUEUED", { label: "Queued", variant: "outline" }],
      ["RUNNING", { label: "Running", variant: "primary" }],
      ["SUCCEEDED", { label: "Succeeded", variant: "success" }],
      ["FAILED", { label: "Failed", variant: "destructive" }],
      ["CANCELLED", { label: "Cancelled", variant: "neutral" }],
    ]);
  });
});

describe("live updates", () => {
  it("poll only while a visible run is queued or running", () => {
    expect(Object.values(JobStatus).filter(isActiveStatus)).toEqual(["QUEUED", "RUNNING"]);
    expect(liveRefetchInterval(["SUCCEEDED", "RUNNING"])).toBe(LIVE_REFRESH_MS);
    expect(liveRefetchInterval(["QUEUED"])).toBe(LIVE_REFRESH_MS);
    expect(liveRefetchInterval(["SUCCEEDED", "FAILED", "CANCELLED"])).toBe(false);
    expect(liveRefetchInterval([])).toBe(false);
    expect(liveRefetchInterval(undefined)).toBe(false);
  });
});
