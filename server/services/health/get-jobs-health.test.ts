import { beforeEach, describe, expect, it } from "vitest";
import { buildConnection } from "@/prisma/factories/connections";
import { buildTrackedJobRun } from "@/prisma/factories/job-runs";
import { buildWorkspaceWithOwner } from "@/prisma/factories/members";
import { db } from "@/server/db";
import { authorizeHealthToken } from "./authorize-health-token";
import { getJobsHealth } from "./get-jobs-health";

const MIN = 60_000;
const at = (base: Date, minutes: number) => new Date(base.getTime() + minutes * MIN);

// A finished system or sync run that ended `minutesAgo` before `now`.
function finishedRun(now: Date, minutesAgo: number, fields: { kind: string; status: "SUCCEEDED" | "FAILED"; workspaceId?: string; connectionId?: string }) {
  const startedAt = at(now, -minutesAgo - 1);
  return buildTrackedJobRun({ workspaceId: null, ...fields, queuedAt: startedAt, startedAt, finishedAt: at(now, -minutesAgo) });
}

beforeEach(async () => {
  await db.jobRun.deleteMany();
  await db.connection.deleteMany();
});

describe("getJobsHealth", () => {
  it("gives a fresh install ten minutes before the tick that never ran counts as unhealthy", async () => {
    const [row] = await db.$queryRaw<{ at: Date }[]>`SELECT min("finished_at") AS at FROM "_prisma_migrations"`;
    const installedAt = row?.at;
    const soon = await getJobsHealth(at(installedAt!, 9));
    expect(soon.status).toBe("healthy");
    expect(soon.checks.map((c) => c.job)).toEqual(["scheduler"]); // retention waits for the first tick

    const late = await getJobsHealth(at(installedAt!, 11));
    expect(late.status).toBe("unhealthy");
    expect(late.checks[0]).toMatchObject({ job: "scheduler", healthy: false, lastSuccessAt: null, reason: expect.stringContaining("has not succeeded since") });
  });

  it("flags a scheduled job whose last run failed, or whose last success is older than twice its interval", async () => {
    const now = new Date();
    await finishedRun(now, 3, { kind: "scheduler", status: "SUCCEEDED" });
    await finishedRun(now, 60, { kind: "retention", status: "SUCCEEDED" });
    expect((await getJobsHealth(now)).status).toBe("healthy");

    await finishedRun(now, 1, { kind: "retention", status: "FAILED" });
    const failed = await getJobsHealth(now);
    expect(failed.status).toBe("unhealthy");
    expect(failed.checks.find((c) => c.job === "retention")).toMatchObject({ healthy: false, lastRunStatus: "FAILED", reason: "failed on its last run" });

    // Eleven minutes later the tick has not succeeded within 2 × 5 minutes.
    const stale = await getJobsHealth(at(now, 11));
    expect(stale.checks.find((c) => c.job === "scheduler")).toMatchObject({ healthy: false, reason: "no success within 10 minutes" });
  });

  it("checks each syncing connection against its own frequency, ignoring paused ones", async () => {
    const now = new Date();
    const { workspace } = await buildWorkspaceWithOwner();
    await finishedRun(now, 1, { kind: "scheduler", status: "SUCCEEDED" });
    await buildTrackedJobRun({ kind: "scheduler", workspaceId: null, queuedAt: at(now, -5000) }); // the first tick, long ago
    const old = at(now, -5000);
    const hourly = await buildConnection(workspace.id, { syncFrequencyMinutes: 60, createdAt: old });
    const quarter = await buildConnection(workspace.id, { syncFrequencyMinutes: 15, createdAt: old });
    const failing = await buildConnection(workspace.id, { syncFrequencyMinutes: 1440, createdAt: old });
    const brandNew = await buildConnection(workspace.id, { syncFrequencyMinutes: 15, createdAt: at(now, -10) });
    await buildConnection(workspace.id, { status: "PAUSED", createdAt: old });
    await finishedRun(now, 100, { kind: "sync", status: "SUCCEEDED", workspaceId: workspace.id, connectionId: hourly.id });
    await finishedRun(now, 31, { kind: "sync", status: "SUCCEEDED", workspaceId: workspace.id, connectionId: quarter.id });
    await finishedRun(now, 120, { kind: "sync", status: "SUCCEEDED", workspaceId: workspace.id, connectionId: failing.id });
    await finishedRun(now, 60, { kind: "sync", status: "FAILED", workspaceId: workspace.id, connectionId: failing.id });

    const health = await getJobsHealth(now);
    const byConnection = new Map(health.checks.filter((c) => c.job === "sync").map((c) => [c.connectionId, c]));
    expect(byConnection.size).toBe(4);
    expect(byConnection.get(hourly.id)).toMatchObject({ healthy: true, intervalMinutes: 60, workspaceSlug: workspace.slug });
    expect(byConnection.get(quarter.id)).toMatchObject({ healthy: false, reason: "no success within 30 minutes" });
    expect(byConnection.get(failing.id)).toMatchObject({ healthy: false, lastRunStatus: "FAILED", reason: "failed on its last run" });
    expect(byConnection.get(brandNew.id)).toMatchObject({ healthy: true, lastSuccessAt: null });
    expect(health.status).toBe("unhealthy");
  });
});

describe("authorizeHealthToken", () => {
  it("accepts only the configured bearer token", () => {
    expect(authorizeHealthToken("Bearer s3cret-token", "s3cret-token")).toBe(true);
    expect(authorizeHealthToken("bearer s3cret-token", "s3cret-token")).toBe(true);
    expect(authorizeHealthToken("Bearer s3cret-tokenX", "s3cret-token")).toBe(false);
    expect(authorizeHealthToken("s3cret-token", "s3cret-token")).toBe(false);
    expect(authorizeHealthToken(null, "s3cret-token")).toBe(false);
    expect(authorizeHealthToken("Bearer anything", undefined)).toBe(false);
  });
});
