import { InngestTestEngine } from "@inngest/test";
import { describe, expect, it } from "vitest";
import { cronMatches, parseCron } from "@/dev/inngest/cron";
import { buildAgedExportFile } from "@/prisma/factories/exports";
import { buildWorkspaceWithOwner } from "@/prisma/factories/members";
import { buildAgedAuditLog, buildAgedJobRun, buildAgedOutboxEmail, buildAgedWebhookEvent } from "@/prisma/factories/retention";
import { db } from "@/server/db";
import { RETENTION_DEFAULTS } from "@/server/services/retention/schema";
import { retentionDaily, retentionRun } from "./retention";

const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY);

type RetentionEvent = { name: "app/retention.requested"; data: { workspaceId: string; trigger: "SCHEDULE" | "MANUAL"; job?: { jobRunId?: string } } };
const requested = (data: RetentionEvent["data"]) => [{ name: "app/retention.requested", data }] as [RetentionEvent];

describe("retention-run", () => {
  it("removes what is past the workspace's windows, step by step, and records the counts", async () => {
    const { workspace } = await buildWorkspaceWithOwner();
    const other = await buildWorkspaceWithOwner();
    const workspaceId = workspace.id;
    await db.retentionPolicy.create({ data: { workspaceId, auditLogDays: 100 } });
    const oldRun = await buildAgedJobRun({ workspaceId, queuedAt: ago(RETENTION_DEFAULTS.jobRunsDays + 1) });
    const agingRun = await buildAgedJobRun({ workspaceId, queuedAt: ago(RETENTION_DEFAULTS.jobRunDetailsDays + 1) });
    const freshRun = await buildAgedJobRun({ workspaceId, queuedAt: ago(1) });
    await buildAgedWebhookEvent({ workspaceId, receivedAt: ago(31) });
    const freshWebhook = await buildAgedWebhookEvent({ workspaceId, receivedAt: ago(29) });
    await buildAgedAuditLog({ workspaceId, createdAt: ago(101) });
    const keptAudit = await buildAgedAuditLog({ workspaceId, createdAt: ago(99) });
    await buildAgedOutboxEmail({ workspaceId, createdAt: ago(31) });
    await buildAgedExportFile({ workspaceId, createdAt: ago(RETENTION_DEFAULTS.exportFilesDays + 1), expiresAt: ago(-1) });
    const otherAudit = await buildAgedAuditLog({ workspaceId: other.workspace.id, createdAt: ago(300) });

    const t = new InngestTestEngine({ function: retentionRun, events: requested({ workspaceId, trigger: "MANUAL" }) });
    const { result, ctx } = await t.execute();

    expect(result).toEqual({ jobRuns: 1, jobRunDetails: 1, webhookEvents: 1, auditLogs: 1, emailOutbox: 1, exportFiles: 1 });
    // The tracking wrapper's own steps are named job-run-*.
    const stepIds = (ctx.step.run as unknown as { mock: { calls: [string][] } }).mock.calls
      .map(([id]) => id)
      .filter((id) => !id.startsWith("job-run-"));
    expect(stepIds).toEqual(["load-policy", "jobRuns-0", "jobRunDetails-0", "webhookEvents-0", "auditLogs-0", "emailOutbox-0", "exportFiles-0"]);

    const runs = await db.jobRun.findMany({ where: { workspaceId, kind: "sync" }, select: { id: true, details: true } });
    expect(runs.map((r) => r.id).sort()).toEqual([agingRun.id, freshRun.id].sort());
    expect(runs.find((r) => r.id === agingRun.id)?.details).toBeNull();
    expect(runs.find((r) => r.id === freshRun.id)?.details).not.toBeNull();
    expect(runs.some((r) => r.id === oldRun.id)).toBe(false);
    expect((await db.webhookEvent.findMany({ where: { workspaceId } })).map((w) => w.id)).toEqual([freshWebhook.id]);
    expect((await db.auditLog.findMany({ where: { workspaceId } })).map((a) => a.id)).toEqual([keptAudit.id]);
    expect(await db.emailOutbox.count({ where: { workspaceId } })).toBe(0);
    expect(await db.auditLog.count({ where: { id: otherAudit.id } })).toBe(1);

    const tracked = await db.jobRun.findFirstOrThrow({ where: { workspaceId, kind: "retention" } });
    expect(tracked).toMatchObject({
      functionId: "retention-run",
      trigger: "MANUAL",
      status: "SUCCEEDED",
      recordsDeleted: 5,
      recordsUpdated: 1,
      progressDone: 6,
      progressTotal: 6,
    });
  });

  it("keeps going in further steps while a table has more than one step's worth", async () => {
    const { workspace } = await buildWorkspaceWithOwner();
    await buildAgedAuditLog({ workspaceId: workspace.id, createdAt: ago(400) });
    const t = new InngestTestEngine({ function: retentionRun, events: requested({ workspaceId: workspace.id, trigger: "SCHEDULE" }) });
    // The first audit step reports a full step's worth removed and more to come.
    const { result, ctx } = await t.execute({ steps: [{ id: "auditLogs-0", handler: () => ({ removed: 20_000, more: true }) }] });

    expect(result).toMatchObject({ auditLogs: 20_001 });
    const stepIds = (ctx.step.run as unknown as { mock: { calls: [string][] } }).mock.calls.map(([id]) => id);
    expect(stepIds).toContain("auditLogs-1");
    expect(await db.auditLog.count({ where: { workspaceId: workspace.id } })).toBe(0);
  });

  it("claims the JobRun pre-created by Run now", async () => {
    const { workspace } = await buildWorkspaceWithOwner();
    const queued = await db.jobRun.create({
      data: { workspaceId: workspace.id, kind: "retention", functionId: "retention-run", trigger: "MANUAL", status: "QUEUED" },
    });
    const t = new InngestTestEngine({
      function: retentionRun,
      events: requested({ workspaceId: workspace.id, trigger: "MANUAL", job: { jobRunId: queued.id } }),
    });
    await t.execute();
    expect(await db.jobRun.findUniqueOrThrow({ where: { id: queued.id } })).toMatchObject({ status: "SUCCEEDED", progressDone: 6 });
    expect(await db.jobRun.count({ where: { workspaceId: workspace.id, kind: "retention" } })).toBe(1);
  });
});

describe("retention-daily", () => {
  it("requests a SCHEDULE run for every workspace and prunes mail sent outside any workspace", async () => {
    const workspaceIds = (await db.workspace.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map((w) => w.id);
    const oldSignIn = await buildAgedOutboxEmail({ workspaceId: null, createdAt: ago(RETENTION_DEFAULTS.emailOutboxDays + 1) });
    const recentSignIn = await buildAgedOutboxEmail({ workspaceId: null, createdAt: ago(RETENTION_DEFAULTS.emailOutboxDays - 1) });
    await db.rateLimitBucket.create({ data: { key: `closed-${crypto.randomUUID()}`, count: 3, resetAt: ago(1) } });

    const t = new InngestTestEngine({ function: retentionDaily });
    const { result, ctx } = await t.execute({ steps: [{ id: "request-retention-0", handler: () => ({ ids: [] }) }] });

    expect(result).toMatchObject({ workspaces: workspaceIds.length, system: { emails: 1, rateLimitBuckets: 1 } });
    expect(Object.keys((result as { system: object }).system).sort()).toEqual(["deletionTombstones", "emails", "rateLimitBuckets", "requestWindows", "sessions", "signInTokens"]);
    expect(await db.rateLimitBucket.count({ where: { resetAt: { lt: new Date() } } })).toBe(0);
    expect(ctx.step.sendEvent).toHaveBeenCalledWith(
      "request-retention-0",
      workspaceIds.map((workspaceId) =>
        expect.objectContaining({
          name: "app/retention.requested",
          data: { workspaceId, trigger: "SCHEDULE" },
          id: expect.stringMatching(new RegExp(`^retention-\\d{4}-\\d{2}-\\d{2}-${workspaceId}$`)),
        }),
      ),
    );
    expect(await db.emailOutbox.count({ where: { id: oldSignIn.id } })).toBe(0);
    expect(await db.emailOutbox.count({ where: { id: recentSignIn.id } })).toBe(1);
    const system = await db.jobRun.findFirstOrThrow({ where: { workspaceId: null, kind: "retention" } });
    expect(system).toMatchObject({ functionId: "retention-daily", trigger: "SCHEDULE", status: "SUCCEEDED", recordsDeleted: 2 });
  });
});

describe("retention-daily paging", () => {
  it("pages through workspaces in id order, one sendEvent per page", async () => {
    await buildWorkspaceWithOwner();
    const realIds = (await db.workspace.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map((w) => w.id);
    // A full first page of ids that sort before every cuid, so page two holds the real workspaces.
    const firstPage = Array.from({ length: 500 }, (_, i) => `0-${String(i).padStart(3, "0")}`);
    const t = new InngestTestEngine({ function: retentionDaily });
    const { result, ctx } = await t.execute({
      steps: [
        { id: "list-workspaces-0", handler: () => firstPage },
        { id: "request-retention-0", handler: () => ({ ids: [] }) },
        { id: "request-retention-1", handler: () => ({ ids: [] }) },
      ],
    });
    expect(result).toMatchObject({ workspaces: 500 + realIds.length });
    const sent = (ctx.step.sendEvent as unknown as { mock: { calls: [string, { data: { workspaceId: string } }[]][] } }).mock.calls;
    expect(sent.map(([id, events]) => [id, events.length])).toEqual([
      ["request-retention-0", 500],
      ["request-retention-1", realIds.length],
    ]);
    expect(sent[1]![1].map((e) => e.data.workspaceId)).toEqual(realIds);
  });
});

describe("schedule and flow control", () => {
  it("fans out daily at 03:00 UTC and runs one retention at a time per workspace", () => {
    const [trigger] = retentionDaily.opts.triggers as [{ cron: string }];
    const cron = parseCron(trigger.cron);
    expect(cronMatches(cron, new Date("2026-07-01T03:00:00Z"))).toBe(true);
    expect(cronMatches(cron, new Date("2026-07-01T02:00:00Z"))).toBe(false);
    expect(cronMatches(cron, new Date("2026-07-01T03:01:00Z"))).toBe(false);
    expect(retentionRun.opts.concurrency).toEqual({ key: "event.data.workspaceId", limit: 1 });
  });
});
