// The tracking wrapper against the real SDK and the real database. Runs go through the local
// runner over HTTP (real run ids, attempts, retries, onFailure); @inngest/test drives the
// handler call by call to check what replays do and do not write.
import { InngestTestEngine } from "@inngest/test";
import { NonRetriableError } from "inngest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withInngestRunner, type InngestHarness } from "@/dev/test/inngest";
import { defineJob } from "@/inngest/define-job";
import { inngest } from "@/inngest/client";
import { jobRunFailed, jobRunRecovered } from "@/inngest/events";
import { buildConnection } from "@/prisma/factories/connections";
import { buildTrackedJobRun } from "@/prisma/factories/job-runs";
import { buildWorkspaceWithOwner } from "@/prisma/factories/members";
import { db } from "@/server/db";
import type { JobKind } from "@/server/services/jobs/kinds";

type TestData = { workspaceId?: string; connectionId?: string; failTimes?: number; job?: { jobRunId?: string; retryOfId?: string } };

const scope = ({ event }: { event: { data: unknown } }) => {
  const data = event.data as TestData;
  return { workspaceId: data.workspaceId ?? null, connectionId: data.connectionId ?? null, stream: null, trigger: "MANUAL" as const };
};

// Fails its flaky step `failTimes` times (counted per test run), then succeeds.
const flakyAttempts = new Map<string, number>();

function trackedJob(id: string, kind: JobKind, retries: 0 | 1 | 2 | 3) {
  return defineJob({ id, kind, retries, triggers: [{ event: `test/${id}` }], scope }, async ({ event, step, job, runId }) => {
    const data = event.data as TestData;
    const read = await step.run("read", () => 5);
    await job.record({ read, inserted: 2 });
    await job.progress(1, 2);
    await step.run("flaky", () => {
      const seen = flakyAttempts.get(runId) ?? 0;
      flakyAttempts.set(runId, seen + 1);
      if (seen < (data.failTimes ?? 0)) throw new Error(`flaky failure ${seen + 1}`);
      return seen;
    });
    await job.record({ read: 1, updated: 3 });
    await job.progress(2);
    return { ok: true };
  });
}

const succeeding = trackedJob("test-succeeding", "sync", 3);
const exhausted = trackedJob("test-exhausted", "sync", 1);
const alertJob = trackedJob("test-alert-kind", "job-alert", 0);
const nonRetriable = defineJob(
  { id: "test-non-retriable", kind: "sync", retries: 3, triggers: [{ event: "test/non-retriable" }], scope },
  async ({ step }) => {
    await step.run("refuse", () => {
      throw new NonRetriableError("Syncing AMAZON is not available yet");
    });
  },
);

let harness: InngestHarness;
let workspaceId: string;

beforeAll(async () => {
  ({ workspace: { id: workspaceId } } = await buildWorkspaceWithOwner());
  harness = await withInngestRunner(inngest, [succeeding, exhausted, alertJob, nonRetriable]);
});
afterAll(async () => harness?.stop());

async function runOf(eventName: string, data: TestData, status: "COMPLETED" | "FAILED") {
  const [eventId] = await harness.send({ name: eventName, data: data as Record<string, unknown> });
  const run = await harness.waitForRun({ eventId, status });
  if (status === "FAILED") await failureHandled(run.id);
  return { run, jobRun: await db.jobRun.findUniqueOrThrow({ where: { inngestRunId: run.id } }) };
}

// The function's onFailure run for this run (triggered by inngest/function.failed) has finished.
async function failureHandled(runId: string) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const failure = harness.runner.listRuns({ eventName: "inngest/function.failed" }).find((r) => (r.event.data as { run_id?: string }).run_id === runId);
    if (failure) return harness.runner.waitForRun(failure.id, 10_000);
    if (Date.now() > deadline) throw new Error(`No onFailure run for ${runId}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const sentEvents = (name: string) => harness.runner.listEvents({ name }).map((e) => e.data);

describe("defineJob", () => {
  it("records a successful run once, with counts, progress, timing and the event", async () => {
    const connection = await buildConnection(workspaceId);
    const { run, jobRun } = await runOf("test/test-succeeding", { workspaceId, connectionId: connection.id }, "COMPLETED");
    expect(run.output).toEqual({ ok: true });
    expect(jobRun).toMatchObject({
      workspaceId,
      connectionId: connection.id,
      functionId: "test-succeeding",
      eventId: run.event.id,
      kind: "sync",
      trigger: "MANUAL",
      status: "SUCCEEDED",
      attempts: 1,
      recordsRead: 6,
      recordsInserted: 2,
      recordsUpdated: 3,
      recordsDeleted: 0,
      progressDone: 2,
      progressTotal: 2,
      error: null,
    });
    expect(jobRun.startedAt).toBeInstanceOf(Date);
    expect(jobRun.finishedAt!.getTime()).toBeGreaterThanOrEqual(jobRun.startedAt!.getTime());
    expect(jobRun.durationMs).toBe(jobRun.finishedAt!.getTime() - jobRun.startedAt!.getTime());
    const details = jobRun.details as { event: unknown; attempts: Array<Record<string, unknown>> };
    expect(details.event).toEqual({ name: "test/test-succeeding", data: { workspaceId, connectionId: connection.id } });
    expect(details.attempts).toEqual([{ attempt: 0, startedAt: expect.any(String), finishedAt: expect.any(String) }]);
    expect(await db.jobRun.count({ where: { functionId: "test-succeeding" } })).toBe(1);
  });

  it("counts every retried attempt with its error, and succeeds on the last one", async () => {
    const { jobRun } = await runOf("test/test-succeeding", { workspaceId, failTimes: 2 }, "COMPLETED");
    expect(jobRun).toMatchObject({ status: "SUCCEEDED", attempts: 3, recordsRead: 6, recordsUpdated: 3, error: null });
    const { attempts } = jobRun.details as { attempts: Array<Record<string, unknown>> };
    expect(attempts).toEqual([
      { attempt: 0, startedAt: expect.any(String), finishedAt: expect.any(String), error: "flaky failure 1" },
      { attempt: 1, startedAt: expect.any(String), finishedAt: expect.any(String), error: "flaky failure 2" },
      { attempt: 2, startedAt: expect.any(String), finishedAt: expect.any(String) },
    ]);
  });

  it("marks a run FAILED once its retries are used up, and sends app/job-run.failed once", async () => {
    const connection = await buildConnection(workspaceId);
    const { jobRun } = await runOf("test/test-exhausted", { workspaceId, connectionId: connection.id, failTimes: 5 }, "FAILED");
    expect(jobRun).toMatchObject({ status: "FAILED", attempts: 2, recordsRead: 5 });
    expect(jobRun.error).toContain("flaky failure 2");
    expect(jobRun.finishedAt).toBeInstanceOf(Date);
    expect(jobRun.durationMs).toBeGreaterThanOrEqual(0);
    const { attempts } = jobRun.details as { attempts: Array<Record<string, unknown>> };
    expect(attempts.map((a) => a.error)).toEqual(["flaky failure 1", "flaky failure 2"]);
    const failed = sentEvents(jobRunFailed.name).filter((data) => data.jobRunId === jobRun.id);
    expect(failed).toEqual([{ jobRunId: jobRun.id, workspaceId, connectionId: connection.id, kind: "sync" }]);
  });

  it("fails at once on a NonRetriableError", async () => {
    const { run, jobRun } = await runOf("test/non-retriable", { workspaceId }, "FAILED");
    expect(run.retries).toBe(0);
    expect(jobRun).toMatchObject({ status: "FAILED", attempts: 1 });
    expect(jobRun.error).toContain("Syncing AMAZON is not available yet");
    expect(sentEvents(jobRunFailed.name).filter((data) => data.jobRunId === jobRun.id)).toHaveLength(1);
  });

  it("never sends failure events for the alert job itself or for system runs", async () => {
    const alert = await runOf("test/test-alert-kind", { workspaceId, failTimes: 1 }, "FAILED");
    const system = await runOf("test/test-exhausted", { failTimes: 5 }, "FAILED");
    expect(alert.jobRun.status).toBe("FAILED");
    expect(system.jobRun).toMatchObject({ status: "FAILED", workspaceId: null });
    const ids = sentEvents(jobRunFailed.name).map((data) => data.jobRunId);
    expect(ids).not.toContain(alert.jobRun.id);
    expect(ids).not.toContain(system.jobRun.id);
  });

  it("claims the QUEUED row its sender pre-created, linked to the run it retries", async () => {
    const failedBefore = await buildTrackedJobRun({ workspaceId, kind: "sync", status: "FAILED" });
    const queued = await buildTrackedJobRun({ workspaceId, kind: "sync", status: "QUEUED", trigger: "MANUAL", retryOfId: failedBefore.id });
    const { jobRun } = await runOf(
      "test/test-succeeding",
      { workspaceId, job: { jobRunId: queued.id, retryOfId: failedBefore.id } },
      "COMPLETED",
    );
    expect(jobRun.id).toBe(queued.id);
    expect(jobRun).toMatchObject({ status: "SUCCEEDED", retryOfId: failedBefore.id, attempts: 1 });
    expect((jobRun.details as { event: { data: unknown } }).event.data).toEqual({ workspaceId });
  });

  it("creates a row of its own when the pre-created one was closed meanwhile", async () => {
    const closed = await buildTrackedJobRun({ workspaceId, kind: "sync", status: "FAILED", error: "interrupted" });
    const { jobRun } = await runOf("test/test-succeeding", { workspaceId, job: { jobRunId: closed.id } }, "COMPLETED");
    expect(jobRun.id).not.toBe(closed.id);
    expect(await db.jobRun.findUniqueOrThrow({ where: { id: closed.id } })).toMatchObject({ status: "FAILED", inngestRunId: null });
  });

  it("sends app/job-run.recovered when a failure alert is open for the run's connection and kind", async () => {
    const [open, closed] = await Promise.all([buildConnection(workspaceId), buildConnection(workspaceId)]);
    await db.jobAlert.create({ data: { workspaceId, connectionId: open.id, connectionKey: open.id, kind: "sync", open: true } });
    await db.jobAlert.create({ data: { workspaceId, connectionId: closed.id, connectionKey: closed.id, kind: "sync", open: false } });
    const recovered = await runOf("test/test-succeeding", { workspaceId, connectionId: open.id }, "COMPLETED");
    const quiet = await runOf("test/test-succeeding", { workspaceId, connectionId: closed.id }, "COMPLETED");
    const sent = sentEvents(jobRunRecovered.name);
    expect(sent).toContainEqual({ jobRunId: recovered.jobRun.id, workspaceId, connectionId: open.id, kind: "sync" });
    expect(sent.map((data) => data.jobRunId)).not.toContain(quiet.jobRun.id);
  });
});

describe("defineJob under @inngest/test", () => {
  it("writes counts once per run although every call replays the handler", async () => {
    const runId = `test-run-${Date.now()}`;
    const engine = new InngestTestEngine({
      function: succeeding,
      events: [{ name: "test/test-succeeding", data: { workspaceId } }],
      // The test engine makes up a new run id per call; Inngest keeps one per run.
      transformCtx: (ctx) => ({ ...ctx, runId }),
    });
    const { result } = await engine.execute();
    expect(result).toEqual({ ok: true });
    const jobRun = await db.jobRun.findUniqueOrThrow({ where: { inngestRunId: runId } });
    expect(jobRun).toMatchObject({ status: "SUCCEEDED", attempts: 1, recordsRead: 6, recordsInserted: 2, recordsUpdated: 3 });
  });
});
