// The functions that are not tenant jobs of their own, each under @inngest/test.
import { InngestTestEngine } from "@inngest/test";
import { describe, expect, it } from "vitest";
import { buildConnection } from "@/prisma/factories/connections";
import { buildTrackedJobRun } from "@/prisma/factories/job-runs";
import { buildWorkspaceWithOwner } from "@/prisma/factories/members";
import { db } from "@/server/db";
import { WEBHOOK_EXPIRED } from "@/server/services/webhooks/reconcile-webhook-deliveries";
import { diagnosticsNoop } from "./diagnostics-noop";
import { recordCancelledJobRun } from "./record-cancelled-job-run";
import { scheduleDueSyncsJob } from "./schedule-due-syncs";

describe("diagnostics-noop", () => {
  it("runs the requested number of steps and writes nothing", async () => {
    const before = await db.jobRun.count();
    const { result, ctx } = await new InngestTestEngine({
      function: diagnosticsNoop,
      events: [{ name: "app/diagnostics.noop.requested", data: { steps: 3 } }],
    }).execute();
    expect(result).toEqual({ steps: 3 });
    expect((ctx.step.run as unknown as { mock: { calls: [string][] } }).mock.calls.map(([id]) => id)).toEqual(["noop-0", "noop-1", "noop-2"]);
    expect(await db.jobRun.count()).toBe(before);
  });
});

describe("record-cancelled-job-run", () => {
  const cancelled = (runId: unknown) =>
    new InngestTestEngine({ function: recordCancelledJobRun, events: [{ name: "inngest/function.cancelled", data: { run_id: runId } }] });

  it("marks the cancelled run's JobRun CANCELLED with its duration", async () => {
    const { workspace } = await buildWorkspaceWithOwner();
    const started = new Date(Date.now() - 5_000);
    const run = await buildTrackedJobRun({ workspaceId: workspace.id, kind: "sync", status: "RUNNING", startedAt: started, inngestRunId: `cancel-${workspace.id}` });

    const { result } = await cancelled(run.inngestRunId).execute();
    expect(result).toEqual({ cancelled: true });
    const row = await db.jobRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(row.status).toBe("CANCELLED");
    expect(row.durationMs).toBeGreaterThanOrEqual(5_000);
  });

  it("leaves finished runs alone and ignores events without a run id", async () => {
    const { workspace } = await buildWorkspaceWithOwner();
    const done = await buildTrackedJobRun({ workspaceId: workspace.id, kind: "sync", status: "SUCCEEDED", inngestRunId: `done-${workspace.id}` });
    expect((await cancelled(done.inngestRunId).execute()).result).toEqual({ cancelled: false });
    expect((await db.jobRun.findUniqueOrThrow({ where: { id: done.id } })).status).toBe("SUCCEEDED");
    expect((await cancelled(undefined).execute()).result).toEqual({ cancelled: false });
  });
});

describe("schedule-due-syncs", () => {
  it("requests a sync for each due connection, with the queued JobRun it pre-created, and skips paused ones", async () => {
    const { workspace } = await buildWorkspaceWithOwner();
    const due = await buildConnection(workspace.id, { provider: "SHOPIFY" });
    await buildConnection(workspace.id, { status: "PAUSED" });

    const { result, ctx, error } = await new InngestTestEngine({
      function: scheduleDueSyncsJob,
      events: [{ name: "inngest/scheduled.timer", data: { cron: "*/5 * * * *" } }],
      // Sending is the runner's job (covered in scheduling.test.ts); here only what is sent counts.
    }).execute({ steps: [{ id: "request-syncs", handler: () => ({ ids: [] }) }] });

    expect(error).toBeUndefined();
    expect(result).toMatchObject({ scheduled: 1 });
    const sends = (ctx.step.sendEvent as unknown as { mock: { calls: [string, Array<{ name: string; data: { connectionId: string; job: { jobRunId: string } } }>][] } }).mock.calls;
    const request = sends.find(([id]) => id === "request-syncs")?.[1];
    expect(request).toHaveLength(1);
    expect(request![0]).toMatchObject({ name: "app/connection.sync.requested", data: { connectionId: due.id, trigger: "SCHEDULE" } });
    expect(await db.jobRun.findUniqueOrThrow({ where: { id: request![0]!.data.job.jobRunId } })).toMatchObject({
      status: "QUEUED",
      connectionId: due.id,
      trigger: "SCHEDULE",
    });
  });
});

describe("schedule-due-syncs: webhook events that never reached Inngest", () => {
  it("sends again the event of a delivery stored over a minute ago without one, and records that it went out", async () => {
    const { workspace } = await buildWorkspaceWithOwner();
    const connection = await buildConnection(workspace.id, { provider: "SHOPIFY", status: "PAUSED" });
    const ago = (ms: number) => new Date(Date.now() - ms);
    const delivery = (externalId: string, extra: { receivedAt: Date; queuedAt?: Date; status?: "RECEIVED" | "PROCESSED" }) =>
      db.webhookEvent.create({
        data: { workspaceId: workspace.id, connectionId: connection.id, provider: "SHOPIFY", externalId, topic: "orders/updated", payload: {}, ...extra },
      });
    const lost = await delivery(`lost-${workspace.id}`, { receivedAt: ago(5 * 60_000) });
    await delivery(`fresh-${workspace.id}`, { receivedAt: ago(5_000) });
    await delivery(`queued-${workspace.id}`, { receivedAt: ago(5 * 60_000), queuedAt: ago(5 * 60_000) });
    await delivery(`processed-${workspace.id}`, { receivedAt: ago(5 * 60_000), status: "PROCESSED" });
    // Past the 23-hour window: not processed a day late, but FAILED as expired.
    const stale = await delivery(`stale-${workspace.id}`, { receivedAt: ago(30 * 3_600_000) });

    const { result, ctx, error } = await new InngestTestEngine({
      function: scheduleDueSyncsJob,
      events: [{ name: "inngest/scheduled.timer", data: { cron: "*/5 * * * *" } }],
    }).execute({ steps: [{ id: "requeue-webhooks", handler: () => ({ ids: [] }) }] });

    expect(error).toBeUndefined();
    expect(result).toMatchObject({ requeuedWebhooks: 1 });
    const sends = (ctx.step.sendEvent as unknown as { mock: { calls: [string, Array<{ id: string; data: Record<string, unknown> }>][] } }).mock.calls;
    expect(sends.find(([id]) => id === "requeue-webhooks")?.[1]).toEqual([
      expect.objectContaining({
        id: `webhook-${lost.id}-r0`,
        data: { provider: "SHOPIFY", workspaceId: workspace.id, connectionId: connection.id, webhookEventId: lost.id, topic: "orders/updated" },
      }),
    ]);
    expect((await db.webhookEvent.findUniqueOrThrow({ where: { id: lost.id } })).queuedAt).not.toBeNull();
    expect(await db.webhookEvent.count({ where: { workspaceId: workspace.id, queuedAt: null } })).toBe(3);
    expect(await db.webhookEvent.findUniqueOrThrow({ where: { id: stale.id } })).toMatchObject({ status: "FAILED", error: WEBHOOK_EXPIRED });
  });
});
