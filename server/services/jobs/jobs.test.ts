import { describe, expect, it } from "vitest";
import { buildTrackedJobRun } from "@/prisma/factories/job-runs";
import { buildWorkspaceWithOwner } from "@/prisma/factories/members";
import { db } from "@/server/db";
import { cancelJobRun } from "./cancel-job-run";
import { INTERRUPTED_QUEUED, INTERRUPTED_RUNNING, markStaleJobRuns } from "./mark-stale-job-runs";
import { touchJobRun } from "./touch-job-run";

const MIN = 60_000;

describe("markStaleJobRuns", () => {
  it("fails RUNNING runs silent for 30 minutes and QUEUED ones unclaimed for an hour, and nothing else", async () => {
    const { workspace } = await buildWorkspaceWithOwner();
    const now = new Date();
    const ago = (minutes: number) => new Date(now.getTime() - minutes * MIN);
    const attempt = (startedAt: Date) => ({ attempts: [{ attempt: 0, startedAt: startedAt.toISOString() }] });

    const silent = await buildTrackedJobRun({ workspaceId: workspace.id, kind: "sync", status: "RUNNING", startedAt: ago(45), details: attempt(ago(45)) });
    // Started long ago but its heartbeat is fresh: a long sync still making progress.
    const alive = await buildTrackedJobRun({
      workspaceId: workspace.id,
      kind: "sync",
      status: "RUNNING",
      startedAt: ago(120),
      details: { ...attempt(ago(120)), heartbeatAt: ago(2).toISOString() },
    });
    const young = await buildTrackedJobRun({ workspaceId: workspace.id, kind: "sync", status: "RUNNING", startedAt: ago(10) });
    const lost = await buildTrackedJobRun({ workspaceId: workspace.id, kind: "retention", status: "QUEUED", queuedAt: ago(61) });
    const waiting = await buildTrackedJobRun({ workspaceId: workspace.id, kind: "sync", status: "QUEUED", queuedAt: ago(30) });
    const systemStuck = await buildTrackedJobRun({ workspaceId: null, kind: "scheduler", status: "RUNNING", startedAt: ago(31) });
    const done = await buildTrackedJobRun({ workspaceId: workspace.id, kind: "sync", status: "SUCCEEDED", queuedAt: ago(500) });

    const result = await markStaleJobRuns(now);
    expect(result).toMatchObject({ running: 2, queued: 1 });
    // Reported like any failure, except system runs (no workspace to alert).
    expect(result.failed.map((f) => f.jobRunId).sort()).toEqual([silent.id, lost.id].sort());

    const byId = async (id: string) => db.jobRun.findUniqueOrThrow({ where: { id } });
    const interrupted = await byId(silent.id);
    expect(interrupted).toMatchObject({ status: "FAILED", error: INTERRUPTED_RUNNING, finishedAt: now, durationMs: 45 * MIN });
    expect((interrupted.details as { attempts: unknown[] }).attempts).toEqual([
      { attempt: 0, startedAt: ago(45).toISOString(), finishedAt: now.toISOString(), error: INTERRUPTED_RUNNING },
    ]);
    expect(await byId(lost.id)).toMatchObject({ status: "FAILED", error: INTERRUPTED_QUEUED });
    expect(await byId(systemStuck.id)).toMatchObject({ status: "FAILED", error: INTERRUPTED_RUNNING });
    for (const untouched of [alive, young, waiting, done]) expect(await byId(untouched.id)).toMatchObject({ status: untouched.status, error: untouched.error });

    // Closed once: the next sweep finds nothing.
    expect(await markStaleJobRuns(now)).toEqual({ running: 0, queued: 0, failed: [] });
  });

  it("keeps a run alive while its calls refresh the heartbeat", async () => {
    const now = new Date();
    const run = await buildTrackedJobRun({ workspaceId: null, kind: "sync", status: "RUNNING", startedAt: new Date(now.getTime() - 40 * MIN), details: {} });
    await touchJobRun(run.id, now);
    const status = async () => (await db.jobRun.findUniqueOrThrow({ where: { id: run.id } })).status;
    await markStaleJobRuns(now);
    expect(await status()).toBe("RUNNING");
    await markStaleJobRuns(new Date(now.getTime() + 31 * MIN));
    expect(await status()).toBe("FAILED");
  });
});

describe("cancelJobRun", () => {
  it("marks the run of a cancelled Inngest run CANCELLED, once, and leaves finished runs alone", async () => {
    const running = await buildTrackedJobRun({ workspaceId: null, kind: "sync", status: "RUNNING", inngestRunId: "run-cancelled" });
    await buildTrackedJobRun({ workspaceId: null, kind: "sync", status: "SUCCEEDED", inngestRunId: "run-finished" });
    expect(await cancelJobRun("run-cancelled")).toEqual({ cancelled: true });
    expect(await cancelJobRun("run-cancelled")).toEqual({ cancelled: false });
    expect(await cancelJobRun("run-finished")).toEqual({ cancelled: false });
    expect(await cancelJobRun("run-unknown")).toEqual({ cancelled: false });
    expect(await db.jobRun.findUniqueOrThrow({ where: { id: running.id } })).toMatchObject({ status: "CANCELLED" });
  });
});
