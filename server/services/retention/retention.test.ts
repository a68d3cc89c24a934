import { beforeAll, describe, expect, it } from "vitest";
import { buildCommerceScope } from "@/prisma/factories/commerce";
import { buildWorkspaceWithOwner } from "@/prisma/factories/members";
import { buildAgedExportFile } from "@/prisma/factories/exports";
import { buildAgedAuditLog, buildAgedJobRun, buildAgedOutboxEmail, buildAgedWebhookEvent } from "@/prisma/factories/retention";
import { db, workspaceDb } from "@/server/db";
import { getRetentionPolicy } from "./get-retention-policy";
import { countExpiredRows } from "./preview-retention";
import { DELETION_TOMBSTONE_DAYS } from "./retention-targets";
import { runRetention, runRetentionBatches, runSystemRetention } from "./run-retention";
import { RETENTION_DEFAULTS, retentionWindows, type RetentionWindows } from "./schema";
import { updateRetentionPolicy } from "./update-retention-policy";

const DAY = 86_400_000;
const MINUTE = 60_000;
const NOW = new Date("2026-03-10T03:00:00.000Z");
const daysAgo = (days: number, plusMs = 0) => new Date(NOW.getTime() - days * DAY + plusMs);
const actor = { actorId: null, ip: "203.0.113.9", userAgent: "vitest" };

const WINDOWS: RetentionWindows = {
  jobRunDetailsDays: 10,
  jobRunsDays: 40,
  failedJobRunsDays: 60,
  webhookPayloadsDays: 5,
  auditLogDays: 100,
  emailOutboxDays: 3,
  exportFilesDays: 2,
};

describe("retention windows schema", () => {
  it("has the RetentionPolicy model's column defaults as its defaults", async () => {
    const { workspace } = await buildWorkspaceWithOwner();
    const row = await db.retentionPolicy.create({ data: { workspaceId: workspace.id } });
    const { workspaceId: _w, updatedAt: _u, ...columns } = row;
    expect(columns).toEqual(RETENTION_DEFAULTS);
    expect(retentionWindows.safeParse(RETENTION_DEFAULTS).success).toBe(true);
  });

  it("rejects windows outside their bounds, and failed runs kept shorter than details", () => {
    const tooShort = retentionWindows.safeParse({ ...RETENTION_DEFAULTS, jobRunDetailsDays: 6 });
    expect(tooShort.error?.issues[0]).toMatchObject({ path: ["jobRunDetailsDays"], message: "At least 7 days." });
    const tooLong = retentionWindows.safeParse({ ...RETENTION_DEFAULTS, auditLogDays: 2556 });
    expect(tooLong.error?.issues[0]).toMatchObject({ path: ["auditLogDays"], message: "At most 2555 days." });
    expect(retentionWindows.safeParse({ ...RETENTION_DEFAULTS, webhookPayloadsDays: 1.5 }).success).toBe(false);
    const failedShort = retentionWindows.safeParse({ ...RETENTION_DEFAULTS, jobRunDetailsDays: 200, failedJobRunsDays: 199 });
    expect(failedShort.error?.issues[0]?.path).toEqual(["failedJobRunsDays"]);
  });
});

describe("retention policy", () => {
  it("reads the defaults until saved, then the saved windows, auditing before and after", async () => {
    const { workspace, owner } = await buildWorkspaceWithOwner();
    const other = await buildWorkspaceWithOwner();
    const wdb = workspaceDb(workspace.id);
    expect(await getRetentionPolicy(wdb)).toEqual({ ...RETENTION_DEFAULTS, isDefault: true });

    await updateRetentionPolicy(wdb, workspace.id, WINDOWS, { ...actor, actorId: owner.id });
    const second = { ...WINDOWS, auditLogDays: 400 };
    await updateRetentionPolicy(wdb, workspace.id, second, { ...actor, actorId: owner.id });

    expect(await getRetentionPolicy(wdb)).toEqual({ ...second, isDefault: false });
    expect(await getRetentionPolicy(workspaceDb(other.workspace.id))).toEqual({ ...RETENTION_DEFAULTS, isDefault: true });
    const audits = await db.auditLog.findMany({
      where: { workspaceId: workspace.id, action: "retention.updated" },
      orderBy: { createdAt: "asc" },
    });
    expect(audits.map((a) => a.metadata)).toEqual([
      { before: RETENTION_DEFAULTS, after: WINDOWS },
      { before: WINDOWS, after: second },
    ]);
    expect(audits[0]).toMatchObject({ actorId: owner.id, ip: "203.0.113.9", targetType: "RetentionPolicy", targetId: workspace.id });
  });
});

describe("preview and run", () => {
  // For each window, one row a minute inside it, one exactly on its edge, and one a minute past it.
  async function seed(workspaceId: string) {
    const edges = (days: number) => [daysAgo(days, MINUTE), daysAgo(days), daysAgo(days, -MINUTE)] as const;
    const [runIn, runEdge, runOut] = edges(WINDOWS.jobRunsDays);
    const [failedIn, failedEdge, failedOut] = edges(WINDOWS.failedJobRunsDays);
    const [detailsIn, detailsEdge, detailsOut] = edges(WINDOWS.jobRunDetailsDays);
    const runs = {
      succeededIn: await buildAgedJobRun({ workspaceId, queuedAt: runIn }),
      succeededEdge: await buildAgedJobRun({ workspaceId, queuedAt: runEdge }),
      succeededOut: await buildAgedJobRun({ workspaceId, queuedAt: runOut }),
      cancelledOut: await buildAgedJobRun({ workspaceId, queuedAt: runOut, status: "CANCELLED" }),
      // Past the runs window but inside the failed-runs window: kept, details cleared.
      failedPastRunWindow: await buildAgedJobRun({ workspaceId, queuedAt: runOut, status: "FAILED" }),
      failedIn: await buildAgedJobRun({ workspaceId, queuedAt: failedIn, status: "FAILED" }),
      failedEdge: await buildAgedJobRun({ workspaceId, queuedAt: failedEdge, status: "FAILED" }),
      failedOut: await buildAgedJobRun({ workspaceId, queuedAt: failedOut, status: "FAILED" }),
      detailsIn: await buildAgedJobRun({ workspaceId, queuedAt: detailsIn }),
      detailsEdge: await buildAgedJobRun({ workspaceId, queuedAt: detailsEdge }),
      detailsOut: await buildAgedJobRun({ workspaceId, queuedAt: detailsOut }),
      noDetailsOut: await buildAgedJobRun({ workspaceId, queuedAt: detailsOut, details: false }),
    };
    const dated = async <T extends { id: string }>(days: number, build: (at: Date) => Promise<T>) => {
      const [inside, edge, outside] = edges(days);
      return { inside: await build(inside), edge: await build(edge), outside: await build(outside) };
    };
    return {
      runs,
      webhooks: await dated(WINDOWS.webhookPayloadsDays, (receivedAt) => buildAgedWebhookEvent({ workspaceId, receivedAt })),
      audits: await dated(WINDOWS.auditLogDays, (createdAt) => buildAgedAuditLog({ workspaceId, createdAt })),
      emails: await dated(WINDOWS.emailOutboxDays, (createdAt) => buildAgedOutboxEmail({ workspaceId, createdAt })),
      exports: await dated(WINDOWS.exportFilesDays, (createdAt) => buildAgedExportFile({ workspaceId, createdAt, expiresAt: daysAgo(-30) })),
      // Inside the window, but its own expiry has passed.
      expiredExport: await buildAgedExportFile({ workspaceId, createdAt: daysAgo(1), expiresAt: daysAgo(0, -MINUTE) }),
    };
  }

  let workspaceId: string;
  let otherWorkspaceId: string;
  let rows: Awaited<ReturnType<typeof seed>>;
  let systemEmailId: string;
  // Details: every kept run older than 10 days (both succeeded ones near the runs window, the
  // three failed ones inside the failed window, detailsOut); noDetailsOut has none to clear.
  const EXPECTED = { jobRuns: 3, jobRunDetails: 6, webhookEvents: 1, auditLogs: 1, emailOutbox: 1, exportFiles: 2 };

  beforeAll(async () => {
    workspaceId = (await buildWorkspaceWithOwner()).workspace.id;
    otherWorkspaceId = (await buildWorkspaceWithOwner()).workspace.id;
    rows = await seed(workspaceId);
    await seed(otherWorkspaceId);
    systemEmailId = (await buildAgedOutboxEmail({ workspaceId: null, createdAt: daysAgo(400) })).id;
  });

  it("previews exactly the rows past each window, for this workspace only", async () => {
    expect(await countExpiredRows(workspaceId, WINDOWS, NOW)).toEqual(EXPECTED);
  });

  it("removes what the preview counted and nothing inside the windows or outside the workspace", async () => {
    const otherBefore = await countExpiredRows(otherWorkspaceId, WINDOWS, NOW);
    expect(await runRetention(workspaceId, WINDOWS, NOW, { batchSize: 2 })).toEqual(EXPECTED);

    const runs = await db.jobRun.findMany({ where: { workspaceId }, select: { id: true, details: true } });
    const detailsOf = new Map(runs.map((r) => [r.id, r.details]));
    const { succeededOut, cancelledOut, failedOut, ...kept } = rows.runs;
    for (const gone of [succeededOut, cancelledOut, failedOut]) expect(detailsOf.has(gone.id)).toBe(false);
    for (const [name, run] of Object.entries(kept)) expect(detailsOf.has(run.id), name).toBe(true);
    expect(detailsOf.get(rows.runs.detailsOut.id)).toBeNull();
    expect(detailsOf.get(rows.runs.failedPastRunWindow.id)).toBeNull();
    expect(detailsOf.get(rows.runs.detailsEdge.id)).not.toBeNull();
    expect(detailsOf.get(rows.runs.detailsIn.id)).not.toBeNull();

    const sorted = (list: { id: string }[]) => list.map((r) => r.id).sort();
    const keptOf = (set: { inside: { id: string }; edge: { id: string } }) => sorted([set.inside, set.edge]);
    const where = { workspaceId };
    expect(sorted(await db.webhookEvent.findMany({ where, select: { id: true } }))).toEqual(keptOf(rows.webhooks));
    expect(sorted(await db.emailOutbox.findMany({ where, select: { id: true } }))).toEqual(keptOf(rows.emails));
    expect(sorted(await db.auditLog.findMany({ where, select: { id: true } }))).toEqual(keptOf(rows.audits));
    expect(sorted(await db.exportFile.findMany({ where, select: { id: true } }))).toEqual(keptOf(rows.exports));
    // The removed files' chunks went with them.
    expect(await db.exportFileChunk.count({ where: { exportId: { in: [rows.exports.outside.id, rows.expiredExport.id] } } })).toBe(0);

    expect(await countExpiredRows(workspaceId, WINDOWS, NOW)).toEqual({
      jobRuns: 0,
      jobRunDetails: 0,
      webhookEvents: 0,
      auditLogs: 0,
      emailOutbox: 0,
      exportFiles: 0,
    });
    expect(await countExpiredRows(otherWorkspaceId, WINDOWS, NOW)).toEqual(otherBefore);
    expect(await db.emailOutbox.count({ where: { id: systemEmailId } })).toBe(1);
  });

  it("stops after maxBatches and says there is more", async () => {
    const { workspace } = await buildWorkspaceWithOwner();
    for (let i = 0; i < 5; i++) await buildAgedAuditLog({ workspaceId: workspace.id, createdAt: daysAgo(500) });
    const scope = { kind: "workspace" as const, workspaceId: workspace.id, windows: WINDOWS, target: "auditLogs" as const };
    expect(await runRetentionBatches(scope, NOW, { batchSize: 2, maxBatches: 2 })).toEqual({ removed: 4, more: true });
    expect(await runRetentionBatches(scope, NOW, { batchSize: 2, maxBatches: 2 })).toEqual({ removed: 1, more: false });
    expect(await db.auditLog.count({ where: { workspaceId: workspace.id } })).toBe(0);
  });
});

describe("system pass", () => {
  it("prunes mail outside any workspace past the default window and leaves workspace mail alone", async () => {
    const { workspace } = await buildWorkspaceWithOwner();
    const days = RETENTION_DEFAULTS.emailOutboxDays;
    const outside = await buildAgedOutboxEmail({ workspaceId: null, createdAt: daysAgo(days, -MINUTE) });
    const edge = await buildAgedOutboxEmail({ workspaceId: null, createdAt: daysAgo(days) });
    const inside = await buildAgedOutboxEmail({ workspaceId: null, createdAt: daysAgo(days, MINUTE) });
    const workspaceMail = await buildAgedOutboxEmail({ workspaceId: workspace.id, createdAt: daysAgo(900) });

    // Earlier tests left one more system email, 400 days old.
    expect((await runSystemRetention(NOW, { batchSize: 1 })).emails).toBeGreaterThanOrEqual(1);
    const left = (await db.emailOutbox.findMany({ select: { id: true } })).map((r) => r.id);
    expect(left).not.toContain(outside.id);
    expect(left).toEqual(expect.arrayContaining([edge.id, inside.id, workspaceMail.id]));
    expect(await db.emailOutbox.count({ where: { workspaceId: null, createdAt: { lt: daysAgo(days) } } })).toBe(0);
  });
});

describe("system pass over sign-in state", () => {
  it("deletes expired sign-in tokens, sessions and closed rate-limit windows, and keeps live ones", async () => {
    const { owner } = await buildWorkspaceWithOwner();
    const tag = crypto.randomUUID();
    const identifier = `${tag}@example.com`;
    // Two tokens with the same value for different addresses: only the expired one may go.
    await db.verificationToken.createMany({
      data: [
        { identifier, token: `t-${tag}`, expires: new Date(NOW.getTime() - MINUTE) },
        { identifier: `other-${identifier}`, token: `t-${tag}`, expires: new Date(NOW.getTime() + MINUTE) },
      ],
    });
    const [expiredSession, liveSession] = await Promise.all(
      [-MINUTE, MINUTE].map((offset) =>
        db.session.create({ data: { userId: owner.id, sessionToken: `s-${crypto.randomUUID()}`, expires: new Date(NOW.getTime() + offset) } }),
      ),
    );
    await db.rateLimitBucket.createMany({
      data: [
        { key: `closed-${tag}`, count: 5, resetAt: new Date(NOW.getTime() - MINUTE) },
        { key: `open-${tag}`, count: 5, resetAt: new Date(NOW.getTime() + MINUTE) },
      ],
    });
    // Request allowances: one whose windows have all ended, one with an hour's window still open.
    const nowSeconds = Math.floor(NOW.getTime() / 1000);
    const hourStart = nowSeconds - (nowSeconds % 3600);
    await db.requestWindowCount.createMany({
      data: [
        { allowanceKey: `ended-${tag}`, windows: { 60: { start: hourStart - 60, used: 120 }, 3600: { start: hourStart - 3600, used: 9 } } },
        { allowanceKey: `open-${tag}`, windows: { 60: { start: hourStart - 60, used: 120 }, 3600: { start: hourStart, used: 9 } } },
      ],
    });

    const removed = await runSystemRetention(NOW, { batchSize: 1 });

    expect(removed.signInTokens).toBeGreaterThanOrEqual(1);
    expect(removed.sessions).toBeGreaterThanOrEqual(1);
    expect(removed.rateLimitBuckets).toBeGreaterThanOrEqual(1);
    expect(removed.requestWindows).toBeGreaterThanOrEqual(1);
    expect((await db.requestWindowCount.findMany({ where: { allowanceKey: { endsWith: tag } } })).map((r) => r.allowanceKey)).toEqual([`open-${tag}`]);
    expect(await db.verificationToken.findMany({ where: { token: `t-${tag}` }, select: { identifier: true } })).toEqual([
      { identifier: `other-${identifier}` },
    ]);
    const sessions = (await db.session.findMany({ where: { id: { in: [expiredSession!.id, liveSession!.id] } } })).map((s) => s.id);
    expect(sessions).toEqual([liveSession!.id]);
    expect((await db.rateLimitBucket.findMany({ where: { key: { endsWith: tag } } })).map((b) => b.key)).toEqual([`open-${tag}`]);
    for (const table of ["VerificationToken", "Session", "RateLimitBucket"] as const) {
      const column = table === "RateLimitBucket" ? "resetAt" : "expires";
      const [row] = await db.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM "${table}" WHERE "${column}" < $1`, NOW);
      expect(row!.n, table).toBe(0);
    }
  });
});

describe("system pass over deletion tombstones", () => {
  it("deletes tombstones of every workspace older than their window and keeps younger ones", async () => {
    const scopes = [await buildCommerceScope(), await buildCommerceScope()];
    const tag = crypto.randomUUID();
    for (const scope of scopes) {
      await db.deletionTombstone.createMany({
        data: [
          { ...scope, resource: "order", externalId: `old-${tag}`, occurredAt: daysAgo(DELETION_TOMBSTONE_DAYS, -MINUTE) },
          { ...scope, resource: "order", externalId: `edge-${tag}`, occurredAt: daysAgo(DELETION_TOMBSTONE_DAYS) },
          { ...scope, resource: "customer", externalId: `young-${tag}`, occurredAt: daysAgo(1) },
        ],
      });
    }

    expect((await runSystemRetention(NOW, { batchSize: 1 })).deletionTombstones).toBeGreaterThanOrEqual(2);
    for (const scope of scopes) {
      const left = await db.deletionTombstone.findMany({ where: scope, orderBy: { externalId: "asc" }, select: { externalId: true } });
      expect(left).toEqual([{ externalId: `edge-${tag}` }, { externalId: `young-${tag}` }]);
    }
  });
});
