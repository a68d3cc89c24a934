// The scheduler tick and the sync function together, through the local runner over HTTP.
import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withInngestRunner, type InngestHarness } from "@/dev/test/inngest";
import { inngest } from "@/inngest/client";
import { connectionSyncRequested, jobRunFailed } from "@/inngest/events";
import { scheduleDueSyncsJob } from "@/inngest/functions/schedule-due-syncs";
import { syncConnection } from "@/inngest/functions/sync-connection";
import { buildConnection } from "@/prisma/factories/connections";
import { buildTrackedJobRun } from "@/prisma/factories/job-runs";
import { buildWorkspaceWithOwner } from "@/prisma/factories/members";
import { db } from "@/server/db";
import { INTERRUPTED_RUNNING } from "@/server/services/jobs/mark-stale-job-runs";

let harness: InngestHarness;
beforeAll(async () => {
  harness = await withInngestRunner(inngest, [scheduleDueSyncsJob, syncConnection]);
});
afterAll(async () => harness?.stop());

async function settled(functionId: string, count: number) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const runs = harness.runner.listRuns({ functionId });
    if (runs.length >= count) return Promise.all(runs.map((run) => harness.runner.waitForRun(run.id, 10_000)));
    if (Date.now() > deadline) throw new Error(`expected ${count} runs of ${functionId}, saw ${runs.length}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("schedule-due-syncs and connection-sync", () => {
  it("a tick closes interrupted runs and requests due syncs, whose runs claim their queued rows", async () => {
    const { workspace } = await buildWorkspaceWithOwner();
    // A provider string without a connector (Connection.provider is text): nothing can sync it.
    const due = await buildConnection(workspace.id, { provider: "LEDGERLY" });
    await buildConnection(workspace.id, { status: "PAUSED" });
    const stuck = await buildTrackedJobRun({
      workspaceId: workspace.id,
      kind: "retention",
      status: "RUNNING",
      startedAt: new Date(Date.now() - 45 * 60_000),
    });

    const [tick] = harness.runner.tickCron(new Date("2030-01-01T00:05:00Z"));
    expect(tick).toBeDefined();
    const finishedTick = await harness.runner.waitForRun(tick!.id, 10_000);
    expect(finishedTick).toMatchObject({ status: "COMPLETED", output: { interrupted: 1, scheduled: 1 } });

    const tickRun = await db.jobRun.findUniqueOrThrow({ where: { inngestRunId: tick!.id } });
    expect(tickRun).toMatchObject({ kind: "scheduler", workspaceId: null, status: "SUCCEEDED", trigger: "SCHEDULE" });
    expect(await db.jobRun.findUniqueOrThrow({ where: { id: stuck.id } })).toMatchObject({ status: "FAILED", error: INTERRUPTED_RUNNING });
    expect(harness.runner.listEvents({ name: jobRunFailed.name }).map((e) => e.data)).toContainEqual(
      expect.objectContaining({ jobRunId: stuck.id, kind: "retention" }),
    );

    const [requested] = harness.runner.listEvents({ name: connectionSyncRequested.name });
    expect(requested!.data).toMatchObject({ workspaceId: workspace.id, connectionId: due.id, trigger: "SCHEDULE" });
    const queuedId = (requested!.data as { job: { jobRunId: string } }).job.jobRunId;

    // Nothing syncs that provider: the run fails for good at once, with the reason, on the queued row.
    const [syncRun] = await settled("connection-sync", 1);
    expect(syncRun).toMatchObject({ status: "FAILED", retries: 0 });
    const deadline = Date.now() + 5_000;
    let row = await db.jobRun.findUniqueOrThrow({ where: { id: queuedId } });
    while (row.status !== "FAILED" && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      row = await db.jobRun.findUniqueOrThrow({ where: { id: queuedId } });
    }
    expect(row).toMatchObject({ status: "FAILED", inngestRunId: syncRun!.id, connectionId: due.id, attempts: 1 });
    expect(row.error).toContain("Syncing LEDGERLY is not available yet");
    expect((await db.connection.findUniqueOrThrow({ where: { id: due.id } })).lastSyncedAt).toBeNull();
  });
});

describe("connection-sync under @inngest/test", () => {
  it("skips a connection paused after the request, without failing", async () => {
    const { workspace } = await buildWorkspaceWithOwner();
    const paused = await buildConnection(workspace.id, { status: "PAUSED" });
    const runId = `sync-test-${Date.now()}`;
    const engine = new InngestTestEngine({
      function: syncConnection,
      events: [connectionSyncRequested.create({ workspaceId: workspace.id, connectionId: paused.id, trigger: "MANUAL" })],
      transformCtx: (ctx) => ({ ...ctx, runId }),
    });
    const { result } = await engine.execute();
    expect(result).toEqual({ skipped: "The connection is paused" });
    expect(await db.jobRun.findUniqueOrThrow({ where: { inngestRunId: runId } })).toMatchObject({
      status: "SUCCEEDED",
      kind: "sync",
      connectionId: paused.id,
      trigger: "MANUAL",
    });
  });
});
