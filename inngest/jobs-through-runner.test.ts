// The app's real job functions driven by the local runner over HTTP, end to end: event → run →
// JobRun; a failing job → retries → FAILED → exactly one alert email in the outbox; one event id
// → one run; the daily cron → a run per workspace.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withInngestRunner, type InngestHarness } from "@/dev/test/inngest";
import { defineJob } from "@/inngest/define-job";
import { inngest } from "@/inngest/client";
import { retentionRequested } from "@/inngest/events";
import { jobFailureAlert, jobRecoveryAlert } from "@/inngest/functions/job-alerts";
import { retentionDaily, retentionRun } from "@/inngest/functions/retention";
import { buildConnection } from "@/prisma/factories/connections";
import { buildMember, buildWorkspaceWithOwner } from "@/prisma/factories/members";
import { db } from "@/server/db";

// A sync-like job whose only step always fails: what a provider outage looks like to the wrapper.
let failingAttempts = 0;
const alwaysFailing = defineJob(
  {
    id: "test-always-failing-sync",
    kind: "sync",
    retries: 2,
    triggers: [{ event: "test/always-failing" }],
    scope: ({ event }) => {
      const data = event.data as { workspaceId: string; connectionId: string };
      return { workspaceId: data.workspaceId, connectionId: data.connectionId, stream: null, trigger: "MANUAL" };
    },
  },
  async ({ step }) => {
    await step.run("read-provider", () => {
      failingAttempts++;
      throw new Error("Provider answered 503 Service Unavailable");
    });
  },
);

let harness: InngestHarness;
beforeAll(async () => {
  harness = await withInngestRunner(inngest, [alwaysFailing, jobFailureAlert, jobRecoveryAlert, retentionDaily, retentionRun]);
});
afterAll(async () => harness?.stop());

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe("jobs through the local runner", () => {
  it("records an event's run as a SUCCEEDED JobRun with its counts", async () => {
    const { workspace } = await buildWorkspaceWithOwner();
    const [eventId] = await harness.send(retentionRequested.create({ workspaceId: workspace.id, trigger: "MANUAL" }));
    const run = await harness.waitForRun({ functionId: "retention-run", eventId, status: "COMPLETED" });

    const jobRun = await db.jobRun.findUniqueOrThrow({ where: { inngestRunId: run.id } });
    expect(jobRun).toMatchObject({
      workspaceId: workspace.id,
      kind: "retention",
      trigger: "MANUAL",
      status: "SUCCEEDED",
      attempts: 1,
      eventId,
      error: null,
    });
    expect(jobRun.finishedAt!.getTime()).toBeGreaterThanOrEqual(jobRun.startedAt!.getTime());
    expect(jobRun.durationMs).toBe(jobRun.finishedAt!.getTime() - jobRun.startedAt!.getTime());
  });

  it("runs an event sent twice with the same id once, with one JobRun", async () => {
    const { workspace } = await buildWorkspaceWithOwner();
    const event = retentionRequested.create({ workspaceId: workspace.id, trigger: "MANUAL" }, { id: `dedupe-${workspace.id}` });
    await harness.send(event);
    await harness.send(event);
    await harness.waitForRun({ functionId: "retention-run", eventId: `dedupe-${workspace.id}`, status: "COMPLETED" });

    const runs = harness.runner.listRuns({ functionId: "retention-run" }).filter((run) => run.event.id === `dedupe-${workspace.id}`);
    expect(runs).toHaveLength(1);
    expect(await db.jobRun.count({ where: { workspaceId: workspace.id, kind: "retention" } })).toBe(1);
  });

  it("retries a failing job, marks it FAILED for good, and emails each owner and admin exactly once", async () => {
    const { workspace, owner } = await buildWorkspaceWithOwner("Outage Co");
    const admin = (await buildMember(workspace.id, "ADMIN")).user;
    const member = (await buildMember(workspace.id, "MEMBER")).user;
    const connection = await buildConnection(workspace.id, { provider: "SHOPIFY" });
    failingAttempts = 0;

    const [eventId] = await harness.send({ name: "test/always-failing", data: { workspaceId: workspace.id, connectionId: connection.id } });
    const run = await harness.waitForRun({ functionId: "test-always-failing-sync", eventId, status: "FAILED" }, 20_000);
    expect(failingAttempts).toBe(3);

    const jobRun = await until(
      () => db.jobRun.findUniqueOrThrow({ where: { inngestRunId: run.id } }),
      (row) => row.status === "FAILED",
      "the JobRun to be FAILED",
    );
    expect(jobRun).toMatchObject({ connectionId: connection.id, attempts: 3, error: "Provider answered 503 Service Unavailable" });

    const alerts = await until(
      () => db.emailOutbox.findMany({ where: { workspaceId: workspace.id, template: "job-failed" }, select: { to: true, subject: true } }),
      (rows) => rows.length >= 2,
      "the failure emails",
    );
    // Give a duplicate alert (a re-sent event, a retried alert run) the time to show up.
    const alertRun = await harness.waitForRun({ functionId: "job-failure-alert", status: "COMPLETED" });
    expect(alertRun.output).toEqual({ outcome: "email", sent: 2 });
    const final = await db.emailOutbox.findMany({ where: { workspaceId: workspace.id, template: "job-failed" }, select: { to: true } });
    expect(final.map((row) => row.to).sort()).toEqual([owner.email, admin.email].sort());
    expect(final.map((row) => row.to)).not.toContain(member.email);
    expect(alerts[0]!.subject).toContain("Outage Co");
    expect(harness.runner.listRuns({ functionId: "job-failure-alert" })).toHaveLength(1);
  });

  it("fires the daily retention cron at 03:00 UTC and runs retention for every workspace", async () => {
    const { workspace } = await buildWorkspaceWithOwner();
    const fired = harness.runner.tickCron(new Date("2031-05-04T03:00:00Z"));
    expect(fired.map((run) => run.functionId)).toEqual([expect.stringMatching(/-retention-daily$/)]);
    expect(harness.runner.tickCron(new Date("2031-05-04T04:00:00Z"))).toEqual([]);

    const daily = await harness.runner.waitForRun(fired[0]!.id, 10_000);
    expect(daily.status).toBe("COMPLETED");
    expect(await db.jobRun.findUniqueOrThrow({ where: { inngestRunId: daily.id } })).toMatchObject({
      kind: "retention",
      workspaceId: null,
      trigger: "SCHEDULE",
      status: "SUCCEEDED",
    });
    const scheduled = await until(
      () => db.jobRun.findFirst({ where: { workspaceId: workspace.id, kind: "retention", trigger: "SCHEDULE" } }),
      (row) => row?.status === "SUCCEEDED",
      "the workspace's scheduled retention run",
    );
    expect(scheduled).not.toBeNull();
  });
});
