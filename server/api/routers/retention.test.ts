import { beforeEach, describe, expect, it, vi } from "vitest";
import { buildMember, buildWorkspaceWithOwner } from "@/prisma/factories/members";
import { buildAgedAuditLog } from "@/prisma/factories/retention";
import { callerFor, errorOf, TEST_IP } from "@/server/api/test-utils";
import { db } from "@/server/db";
import { RETENTION_DEFAULTS } from "@/server/services/retention/schema";

const send = vi.hoisted(() => vi.fn(async (_event: unknown) => ({ ids: ["event-1"] })));
vi.mock("@/inngest/client", () => ({ inngest: { send } }));

beforeEach(() => {
  send.mockClear();
});

describe("retention router", () => {
  it("is for admins and owners only", async () => {
    const { workspace } = await buildWorkspaceWithOwner();
    const { user: member } = await buildMember(workspace.id, "MEMBER");
    const { user: admin } = await buildMember(workspace.id, "ADMIN");
    expect((await errorOf(callerFor(member).retention.get({ workspaceSlug: workspace.slug }))).code).toBe("FORBIDDEN");
    expect(await callerFor(admin).retention.get({ workspaceSlug: workspace.slug })).toEqual({ ...RETENTION_DEFAULTS, isDefault: true });
  });

  it("refuses windows out of bounds without saving, and saves valid ones with an audit row", async () => {
    const { workspace, owner } = await buildWorkspaceWithOwner();
    const api = callerFor(owner);
    const workspaceSlug = workspace.slug;

    const bad = await errorOf(api.retention.update({ workspaceSlug, ...RETENTION_DEFAULTS, webhookPayloadsDays: 91 }));
    expect(bad.code).toBe("BAD_REQUEST");
    expect(await db.retentionPolicy.count({ where: { workspaceId: workspace.id } })).toBe(0);

    const windows = { ...RETENTION_DEFAULTS, auditLogDays: 120 };
    await api.retention.update({ workspaceSlug, ...windows });
    expect(await api.retention.get({ workspaceSlug })).toEqual({ ...windows, isDefault: false });
    const audit = await db.auditLog.findFirstOrThrow({ where: { workspaceId: workspace.id, action: "retention.updated" } });
    expect(audit).toMatchObject({ actorId: owner.id, ip: TEST_IP, metadata: { before: RETENTION_DEFAULTS, after: windows } });
  });

  it("previews with the saved windows", async () => {
    const { workspace, owner } = await buildWorkspaceWithOwner();
    const api = callerFor(owner);
    const day = 86_400_000;
    await buildAgedAuditLog({ workspaceId: workspace.id, createdAt: new Date(Date.now() - 200 * day) });
    const before = await api.retention.preview({ workspaceSlug: workspace.slug });
    expect(before.counts.auditLogs).toBe(0);

    await api.retention.update({ workspaceSlug: workspace.slug, ...RETENTION_DEFAULTS, auditLogDays: 100 });
    const after = await api.retention.preview({ workspaceSlug: workspace.slug });
    expect(after.counts).toEqual({ jobRuns: 0, jobRunDetails: 0, webhookEvents: 0, auditLogs: 1, emailOutbox: 0, exportFiles: 0 });
    expect(after.policy.auditLogDays).toBe(100);
  });

  it("runNow queues a MANUAL retention JobRun and sends its id with the event", async () => {
    const { workspace, owner } = await buildWorkspaceWithOwner();
    const { jobRunId } = await callerFor(owner).retention.runNow({ workspaceSlug: workspace.slug });

    const run = await db.jobRun.findUniqueOrThrow({ where: { id: jobRunId } });
    expect(run).toMatchObject({ workspaceId: workspace.id, kind: "retention", trigger: "MANUAL", status: "QUEUED", functionId: "retention-run" });
    expect(send).toHaveBeenCalledTimes(1);
    expect(send.mock.calls[0]![0]).toMatchObject({
      name: "app/retention.requested",
      data: { workspaceId: workspace.id, trigger: "MANUAL", job: { jobRunId } },
    });
    expect(await db.auditLog.count({ where: { workspaceId: workspace.id, action: "retention.run_requested", targetId: jobRunId } })).toBe(1);
  });

  it("closes the queued run when the event cannot be sent", async () => {
    const { workspace, owner } = await buildWorkspaceWithOwner();
    send.mockRejectedValueOnce(new Error("Inngest unreachable"));
    const error = await errorOf(callerFor(owner).retention.runNow({ workspaceSlug: workspace.slug }));
    expect(error.code).toBe("INTERNAL_SERVER_ERROR");
    const run = await db.jobRun.findFirstOrThrow({ where: { workspaceId: workspace.id, kind: "retention" } });
    expect(run.status).toBe("FAILED");
    expect(run.error).toContain("Inngest unreachable");
  });
});
