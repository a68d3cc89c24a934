// reconcileInFlightRuns against the local runner over HTTP (inngest/run-status.ts as the port):
// every verdict comes from what the runner really holds, runs of plain test functions.
import { Inngest, NonRetriableError } from "inngest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closedPortUrl } from "@/dev/test/closed-port";
import { TEST_SIGNING_KEY, withInngestRunner, type InngestHarness } from "@/dev/test/inngest";
import { inngestRunStatus } from "@/inngest/run-status";
import { buildTrackedJobRun } from "@/prisma/factories/job-runs";
import { buildWorkspaceWithOwner } from "@/prisma/factories/members";
import { db } from "@/server/db";
import { INTERRUPTED_RUNNING } from "./mark-stale-job-runs";
import { EVENT_UNKNOWN, EVENT_WITHOUT_RUN, EVENT_WITHOUT_RUN_MS, reconcileInFlightRuns, RUN_UNKNOWN, runEnded } from "./reconcile-in-flight-runs";

const client = new Inngest({ id: "reconcile-test", isDev: false });
let release: () => void = () => {};
const held = client.createFunction({ id: "held", triggers: [{ event: "test/held" }] }, async ({ step }) => {
  await step.run("wait", () => new Promise<void>((resolve) => (release = resolve)));
  return "done";
});
const ok = client.createFunction({ id: "ok", triggers: [{ event: "test/ok" }] }, async () => "ok");
const failing = client.createFunction({ id: "failing", retries: 0, triggers: [{ event: "test/failing" }] }, async () => {
  throw new NonRetriableError("no");
});

let harness: InngestHarness;
beforeAll(async () => {
  harness = await withInngestRunner(client, [held, ok, failing]);
});
afterAll(async () => harness?.stop());

const runner = () => inngestRunStatus({ baseUrl: harness.runnerUrl, signingKey: TEST_SIGNING_KEY });
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);
const later = (minutes: number) => new Date(Date.now() + minutes * 60_000);
const statusOf = async (id: string) => db.jobRun.findUniqueOrThrow({ where: { id }, select: { status: true, error: true } });

async function sent(name: string) {
  const [eventId] = await harness.send({ name });
  return eventId!;
}

async function newWorkspace() {
  const { workspace } = await buildWorkspaceWithOwner();
  const running = (overrides: { inngestRunId: string; startedAt?: Date }) =>
    buildTrackedJobRun({ workspaceId: workspace.id, kind: "sync", status: "RUNNING", startedAt: minutesAgo(5), ...overrides });
  const queued = (overrides: { eventId: string; queuedAt?: Date }) =>
    buildTrackedJobRun({ workspaceId: workspace.id, kind: "retention", status: "QUEUED", queuedAt: minutesAgo(5), ...overrides });
  return { workspaceId: workspace.id, running, queued };
}

describe("reconcileInFlightRuns", () => {
  it("closes runs and queued events the runner does not have, past the grace, and reports them like any failure", async () => {
    const w = await newWorkspace();
    const lostRun = await w.running({ inngestRunId: "01JLOSTRUN0000000000000000" });
    const lostEvent = await w.queued({ eventId: "01JLOSTEVENT00000000000000" });
    const justStarted = await w.running({ inngestRunId: "01JLOSTRUN0000000000000001", startedAt: new Date() });

    const result = await reconcileInFlightRuns(runner(), { workspaceId: w.workspaceId });
    expect(result).toMatchObject({ closed: 2, unanswered: 0 });
    expect(result.failed.map((f) => f.jobRunId).sort()).toEqual([lostRun.id, lostEvent.id].sort());
    expect(await statusOf(lostRun.id)).toEqual({ status: "FAILED", error: RUN_UNKNOWN });
    expect(await statusOf(lostEvent.id)).toEqual({ status: "FAILED", error: EVENT_UNKNOWN });
    expect((await statusOf(justStarted.id)).status).toBe("RUNNING");

    // Without a grace (a runner that has just started), the young one too.
    expect((await reconcileInFlightRuns(runner(), { workspaceId: w.workspaceId }, { graceMs: 0 })).closed).toBe(1);
    expect(await statusOf(justStarted.id)).toEqual({ status: "FAILED", error: RUN_UNKNOWN });
  });

  it("never closes a run the runner has alive, however long silent, and closes runs it has ended once their grace is over", async () => {
    const w = await newWorkspace();
    const [heldEvent] = await harness.send({ name: "test/held" });
    const liveRun = await waitFor(() => harness.runner.eventRuns(heldEvent!)?.[0]);
    // Silent for 45 minutes: past the heartbeat timeout the sweep alone would close it at.
    const live = await w.running({ inngestRunId: liveRun.id, startedAt: minutesAgo(45) });
    const completed = await harness.waitForRun({ eventId: await sent("test/ok"), status: "COMPLETED" });
    const done = await w.running({ inngestRunId: completed.id });
    const failed = await harness.waitForRun({ eventId: await sent("test/failing"), status: "FAILED" });
    // A queued row whose event's run ended without ever claiming it.
    const unclaimed = await w.queued({ eventId: failed.internalEventId });

    expect((await reconcileInFlightRuns(runner(), { workspaceId: w.workspaceId })).closed).toBe(0);
    expect((await reconcileInFlightRuns(runner(), { workspaceId: w.workspaceId }, { now: later(3) })).closed).toBe(2);
    expect(await statusOf(done.id)).toEqual({ status: "FAILED", error: runEnded("completed") });
    expect(await statusOf(unclaimed.id)).toEqual({ status: "FAILED", error: runEnded("failed") });
    expect((await statusOf(live.id)).status).toBe("RUNNING");

    release();
    await harness.runner.waitForRun(liveRun.id);
  });

  it("gives a queued event the runner knows without any run EVENT_WITHOUT_RUN_MS", async () => {
    const w = await newWorkspace();
    // No function listens to it: the runner has the event, and no run.
    const waiting = await w.queued({ eventId: await sent("test/nobody-listens") });
    expect((await reconcileInFlightRuns(runner(), { workspaceId: w.workspaceId })).closed).toBe(0);
    const result = await reconcileInFlightRuns(runner(), { workspaceId: w.workspaceId }, { now: later(EVENT_WITHOUT_RUN_MS / 60_000) });
    expect(result.closed).toBe(1);
    expect(await statusOf(waiting.id)).toEqual({ status: "FAILED", error: EVENT_WITHOUT_RUN });
  });

  it("falls back to the heartbeat timeouts for runs the runner cannot be asked about", async () => {
    const w = await newWorkspace();
    const silent = await w.running({ inngestRunId: "01JSILENT00000000000000000", startedAt: minutesAgo(45) });
    const recent = await w.running({ inngestRunId: "01JRECENT00000000000000000", startedAt: minutesAgo(5) });
    const noRunId = await buildTrackedJobRun({ workspaceId: w.workspaceId, kind: "sync", status: "RUNNING", startedAt: minutesAgo(45) });

    const unreachable = inngestRunStatus({ baseUrl: await closedPortUrl(), signingKey: TEST_SIGNING_KEY });
    const result = await reconcileInFlightRuns(unreachable, { workspaceId: w.workspaceId });
    expect(result).toMatchObject({ closed: 2, unanswered: 3 });
    expect(await statusOf(silent.id)).toEqual({ status: "FAILED", error: INTERRUPTED_RUNNING });
    expect(await statusOf(noRunId.id)).toEqual({ status: "FAILED", error: INTERRUPTED_RUNNING });
    expect((await statusOf(recent.id)).status).toBe("RUNNING");
  });
});

async function waitFor<T>(read: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error("Timed out");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
