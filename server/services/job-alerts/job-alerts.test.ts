import { beforeEach, describe, expect, it } from "vitest";
import { buildJobConnection, buildJobRun } from "@/prisma/factories/job-history";
import { buildMember, buildWorkspaceWithOwner } from "@/prisma/factories/members";
import { callerFor } from "@/server/api/test-utils";
import { db } from "@/server/db";
import { ALERT_INTERVAL_MS } from "./alert-policy";
import { handleJobFailure } from "./handle-job-failure";
import { handleJobRecovery } from "./handle-job-recovery";
import { sendJobAlertEmail } from "./job-alert-email";

const T0 = new Date("2026-03-12T10:00:00.000Z");
const at = (ms: number) => () => new Date(T0.getTime() + ms);
const MINUTE = 60_000;

async function setUp() {
  const { workspace, owner } = await buildWorkspaceWithOwner("Acme Ops");
  // Emails show times in the workspace's zone.
  await db.workspace.update({ where: { id: workspace.id }, data: { timeZone: "America/New_York" } });
  const admin = (await buildMember(workspace.id, "ADMIN")).user;
  const optedOutAdmin = (await buildMember(workspace.id, "ADMIN")).user;
  await db.notificationPreference.create({ data: { userId: optedOutAdmin.id, jobFailureEmails: false } });
  const optedInOwner = (await buildMember(workspace.id, "OWNER")).user;
  await db.notificationPreference.create({ data: { userId: optedInOwner.id, jobFailureEmails: true } });
  await buildMember(workspace.id, "MEMBER");
  await buildMember(workspace.id, "VIEWER");
  const connection = await buildJobConnection(workspace.id, { displayName: "Acme Shop", provider: "SHOPIFY" });
  return { workspace, owner, admin, optedInOwner, connection };
}

describe("job failure alerts", () => {
  let w: Awaited<ReturnType<typeof setUp>>;
  beforeEach(async () => {
    w = await setUp();
  });

  const failedRun = (overrides: Parameters<typeof buildJobRun>[1] = {}) =>
    buildJobRun(w.workspace.id, { connectionId: w.connection.id, error: "Shopify answered 503 Service Unavailable\n  at sync.ts:1", ...overrides });
  const eventOf = (run: { id: string; connectionId: string | null; kind: string }) => ({
    jobRunId: run.id,
    workspaceId: w.workspace.id,
    connectionId: run.connectionId,
    kind: run.kind,
  });
  const alertRow = () =>
    db.jobAlert.findUniqueOrThrow({ where: { workspaceId_connectionKey_kind: { workspaceId: w.workspace.id, connectionKey: w.connection.id, kind: "sync" } } });

  it("emails opted-in owners and admins about the first failure, with workspace id, run link, its time in the workspace's zone and opt-out link", async () => {
    const run = await failedRun({ finishedAt: new Date("2026-03-12T14:05:09.000Z") });
    const result = await handleJobFailure(eventOf(run), { now: at(0) });

    expect(result.outcome).toBe("email");
    if (result.outcome !== "email") return;
    expect(result.emails.map((e) => e.input.to).sort()).toEqual([w.owner.email, w.admin.email, w.optedInOwner.email].sort());
    expect(await alertRow()).toMatchObject({ open: true, lastSentAt: T0, pendingFailures: 0, lastFailedRunId: run.id, connectionId: w.connection.id });

    for (const email of result.emails) await sendJobAlertEmail(email);
    const outbox = await db.emailOutbox.findMany({ where: { workspaceId: w.workspace.id, template: "job-failed" } });
    expect(outbox).toHaveLength(3);
    const mail = outbox.find((row) => row.to === w.admin.email)!;
    expect(mail.subject).toBe("[Acme Ops] Sync for Acme Shop failed");
    expect(mail.status).toBe("SENT");
    expect(mail.text).toContain("Connection: Acme Shop (Shopify)");
    expect(mail.text).toContain("Error: Shopify answered 503 Service Unavailable");
    expect(mail.text).not.toContain("sync.ts:1");
    expect(mail.text).toContain("Failed at: Mar 12, 2026, 10:05 AM EDT");
    expect(mail.html).toContain(`/w/${w.workspace.slug}/jobs/${run.id}"`);
    expect(mail.html).toContain(`/account/notifications"`);
  });

  it("sends at most one email an hour and counts the failures in between into the next one", async () => {
    await handleJobFailure(eventOf(await failedRun()), { now: at(0) });

    expect(await handleJobFailure(eventOf(await failedRun()), { now: at(10 * MINUTE) })).toEqual({ outcome: "counted", pendingFailures: 1 });
    expect(await handleJobFailure(eventOf(await failedRun()), { now: at(59 * MINUTE) })).toEqual({ outcome: "counted", pendingFailures: 2 });

    const next = await failedRun();
    const result = await handleJobFailure(eventOf(next), { now: at(ALERT_INTERVAL_MS) });
    expect(result.outcome).toBe("email");
    if (result.outcome !== "email") return;
    expect(result.emails[0]!.template === "job-failed" && result.emails[0]!.input.moreFailures).toBe(2);
    await sendJobAlertEmail(result.emails[0]!);
    const mail = await db.emailOutbox.findFirstOrThrow({ where: { workspaceId: w.workspace.id, template: "job-failed" } });
    expect(mail.text).toContain("2 more failures since the last email");
    expect(await alertRow()).toMatchObject({ pendingFailures: 0, lastFailedRunId: next.id, lastSentAt: new Date(T0.getTime() + ALERT_INTERVAL_MS) });
  });

  it("sends one email when failures of the same job arrive concurrently, first ones and after the hour", async () => {
    const concurrently = async (ms: number) => {
      const runs = await Promise.all(Array.from({ length: 6 }, () => failedRun()));
      return Promise.all(runs.map((run) => handleJobFailure(eventOf(run), { now: at(ms) })));
    };
    const first = await concurrently(0);
    expect(first.filter((r) => r.outcome === "email")).toHaveLength(1);
    expect(first.filter((r) => r.outcome === "counted")).toHaveLength(5);
    expect(await alertRow()).toMatchObject({ open: true, pendingFailures: 5 });
    expect(await db.jobAlert.count({ where: { workspaceId: w.workspace.id } })).toBe(1);

    // The row exists now: only its lock keeps these from all seeing an expired window.
    const later = await concurrently(ALERT_INTERVAL_MS);
    const emailed = later.filter((r) => r.outcome === "email");
    expect(emailed).toHaveLength(1);
    expect(emailed[0]!.outcome === "email" && emailed[0]!.emails[0]!.template === "job-failed" && emailed[0]!.emails[0]!.input.moreFailures).toBe(5);
    expect(await alertRow()).toMatchObject({ pendingFailures: 5 });
  });

  it("does not count the same failed run twice, and re-issues the email when its run is handled again", async () => {
    const first = await failedRun();
    await handleJobFailure(eventOf(first), { now: at(0) });
    const again = await handleJobFailure(eventOf(first), { now: at(MINUTE) });
    expect(again.outcome).toBe("email");
    expect(await alertRow()).toMatchObject({ pendingFailures: 0, lastSentAt: T0 });

    const second = await failedRun();
    await handleJobFailure(eventOf(second), { now: at(2 * MINUTE) });
    expect(await handleJobFailure(eventOf(second), { now: at(3 * MINUTE) })).toEqual({ outcome: "ignored", reason: "already-counted" });
    expect(await alertRow()).toMatchObject({ pendingFailures: 1 });
  });

  it("keeps separate windows per connection and per kind, including jobs without a connection", async () => {
    const other = await buildJobConnection(w.workspace.id, { displayName: "Second Shop" });
    await handleJobFailure(eventOf(await failedRun()), { now: at(0) });
    expect((await handleJobFailure(eventOf(await failedRun({ connectionId: other.id })), { now: at(MINUTE) })).outcome).toBe("email");

    const retention = await buildJobRun(w.workspace.id, { kind: "retention", connectionId: null, error: "deadlock detected" });
    const result = await handleJobFailure(eventOf(retention), { now: at(2 * MINUTE) });
    expect(result.outcome).toBe("email");
    if (result.outcome === "email" && result.emails[0]!.template === "job-failed") {
      expect(result.emails[0]!.input).toMatchObject({ jobLabel: "Data retention", connection: null, error: "deadlock detected" });
    }
    expect(await db.jobAlert.findMany({ where: { workspaceId: w.workspace.id }, select: { connectionKey: true, kind: true } })).toEqual(
      expect.arrayContaining([
        { connectionKey: w.connection.id, kind: "sync" },
        { connectionKey: other.id, kind: "sync" },
        { connectionKey: "", kind: "retention" },
      ]),
    );
  });

  it("follows the switch on the notifications settings page", async () => {
    await callerFor(w.admin).me.updateNotifications({ jobFailureEmails: false });
    const off = await handleJobFailure(eventOf(await failedRun()), { now: at(0) });
    expect(off.outcome === "email" && off.emails.map((e) => e.input.to)).not.toContain(w.admin.email);

    await callerFor(w.admin).me.updateNotifications({ jobFailureEmails: true });
    const on = await handleJobFailure(eventOf(await failedRun()), { now: at(ALERT_INTERVAL_MS) });
    expect(on.outcome === "email" && on.emails.map((e) => e.input.to)).toContain(w.admin.email);
  });

  it("ignores a run id from another workspace", async () => {
    const elsewhere = await buildWorkspaceWithOwner("Other");
    const foreignRun = await buildJobRun(elsewhere.workspace.id);
    const result = await handleJobFailure({ jobRunId: foreignRun.id, workspaceId: w.workspace.id, connectionId: null, kind: "sync" }, { now: at(0) });
    expect(result).toEqual({ outcome: "ignored", reason: "run-not-found" });
    expect(await db.jobAlert.count({ where: { workspaceId: w.workspace.id } })).toBe(0);
  });

  it("refuses malformed event data", async () => {
    await expect(handleJobFailure({ jobRunId: "", workspaceId: w.workspace.id, connectionId: null, kind: "sync" })).rejects.toThrow();
  });
});

describe("job recovery alerts", () => {
  let w: Awaited<ReturnType<typeof setUp>>;
  beforeEach(async () => {
    w = await setUp();
  });

  it("sends one recovered email to the same recipients after an alert, then closes it", async () => {
    const failed = await buildJobRun(w.workspace.id, { connectionId: w.connection.id });
    const event = { workspaceId: w.workspace.id, connectionId: w.connection.id, kind: "sync" };
    await handleJobFailure({ ...event, jobRunId: failed.id }, { now: at(0) });
    await handleJobFailure({ ...event, jobRunId: (await buildJobRun(w.workspace.id, { connectionId: w.connection.id })).id }, { now: at(MINUTE) });

    const ok = await buildJobRun(w.workspace.id, { connectionId: w.connection.id, status: "SUCCEEDED", finishedAt: new Date("2026-03-13T03:30:00.000Z") });
    const result = await handleJobRecovery({ ...event, jobRunId: ok.id }, { now: at(5 * MINUTE) });
    expect(result.outcome).toBe("email");
    if (result.outcome !== "email") return;
    expect(result.emails.map((e) => e.input.to).sort()).toEqual([w.owner.email, w.admin.email, w.optedInOwner.email].sort());
    for (const email of result.emails) await sendJobAlertEmail(email);

    const mail = await db.emailOutbox.findFirstOrThrow({ where: { workspaceId: w.workspace.id, template: "job-recovered", to: w.owner.email } });
    expect(mail.subject).toBe("[Acme Ops] Sync for Acme Shop recovered");
    expect(mail.text).toContain("It failed once more after the last email");
    expect(mail.text).toContain("Succeeded at: Mar 12, 2026, 11:30 PM EDT");
    expect(mail.html).toContain(`/w/${w.workspace.slug}/jobs/${ok.id}"`);

    const alert = await db.jobAlert.findFirstOrThrow({ where: { workspaceId: w.workspace.id } });
    expect(alert).toMatchObject({ open: false, pendingFailures: 0 });
    expect(await handleJobRecovery({ ...event, jobRunId: ok.id })).toEqual({ outcome: "ignored", reason: "no-open-alert" });
  });

  it("sends nothing when the job never alerted, and only one email for concurrent recoveries", async () => {
    const event = { workspaceId: w.workspace.id, connectionId: w.connection.id, kind: "sync" };
    const ok = await buildJobRun(w.workspace.id, { connectionId: w.connection.id, status: "SUCCEEDED" });
    expect(await handleJobRecovery({ ...event, jobRunId: ok.id })).toEqual({ outcome: "ignored", reason: "no-open-alert" });

    await handleJobFailure({ ...event, jobRunId: (await buildJobRun(w.workspace.id, { connectionId: w.connection.id })).id }, { now: at(0) });
    const successes = await Promise.all(
      Array.from({ length: 4 }, () => buildJobRun(w.workspace.id, { connectionId: w.connection.id, status: "SUCCEEDED" })),
    );
    const results = await Promise.all(successes.map((run) => handleJobRecovery({ ...event, jobRunId: run.id })));
    expect(results.filter((r) => r.outcome === "email")).toHaveLength(1);
  });

  it("alerts again for a failure after recovery once the hour since the last email has passed", async () => {
    const event = { workspaceId: w.workspace.id, connectionId: w.connection.id, kind: "sync" };
    const fail = async (ms: number) =>
      handleJobFailure({ ...event, jobRunId: (await buildJobRun(w.workspace.id, { connectionId: w.connection.id })).id }, { now: at(ms) });
    await fail(0);
    const ok = await buildJobRun(w.workspace.id, { connectionId: w.connection.id, status: "SUCCEEDED" });
    await handleJobRecovery({ ...event, jobRunId: ok.id });
    expect((await fail(30 * MINUTE)).outcome).toBe("counted");
    const later = await fail(ALERT_INTERVAL_MS + MINUTE);
    expect(later.outcome).toBe("email");
    expect(later.outcome === "email" && later.emails[0]!.template === "job-failed" && later.emails[0]!.input.moreFailures).toBe(1);
  });
});
