import { InngestTestEngine } from "@inngest/test";
import { beforeEach, describe, expect, it } from "vitest";
import { buildJobConnection, buildJobRun } from "@/prisma/factories/job-history";
import { buildMember, buildWorkspaceWithOwner } from "@/prisma/factories/members";
import { db } from "@/server/db";
import { jobFailureAlert, jobRecoveryAlert } from "./job-alerts";

type OutcomeData = { jobRunId: string; workspaceId: string; connectionId: string | null; kind: string };
const failedEvent = (data: OutcomeData) => [{ name: "app/job-run.failed", data }] as [{ name: "app/job-run.failed"; data: OutcomeData }];
const recoveredEvent = (data: OutcomeData) => [{ name: "app/job-run.recovered", data }] as [{ name: "app/job-run.recovered"; data: OutcomeData }];

function stepIdsOf(ctx: { step: { run: unknown } }): string[] {
  return (ctx.step.run as { mock: { calls: [string][] } }).mock.calls.map(([id]) => id).filter((id) => !id.startsWith("job-run-"));
}

async function setUp() {
  const { workspace, owner } = await buildWorkspaceWithOwner("Acme Ops");
  const admin = (await buildMember(workspace.id, "ADMIN")).user;
  await buildMember(workspace.id, "MEMBER");
  const connection = await buildJobConnection(workspace.id, { displayName: "Acme Shop" });
  const outcome = async (status: "FAILED" | "SUCCEEDED") => {
    const run = await buildJobRun(workspace.id, { connectionId: connection.id, status });
    return { jobRunId: run.id, workspaceId: workspace.id, connectionId: connection.id, kind: "sync" };
  };
  return { workspace, owner, admin, connection, outcome };
}

describe("job-failure-alert", () => {
  let w: Awaited<ReturnType<typeof setUp>>;
  beforeEach(async () => {
    w = await setUp();
  });

  it("emails each owner and admin in its own step and is tracked as a job-alert run", async () => {
    const t = new InngestTestEngine({ function: jobFailureAlert, events: failedEvent(await w.outcome("FAILED")) });
    const { result, ctx } = await t.execute();

    expect(result).toEqual({ outcome: "email", sent: 2 });
    expect(stepIdsOf(ctx)).toEqual(["decide-failure-alert", "send-email-1", "send-email-2"]);
    const outbox = await db.emailOutbox.findMany({ where: { workspaceId: w.workspace.id, template: "job-failed" }, select: { to: true, status: true } });
    expect(outbox.map((row) => row.to).sort()).toEqual([w.owner.email, w.admin.email].sort());
    expect(outbox.every((row) => row.status === "SENT")).toBe(true);

    const tracked = await db.jobRun.findFirstOrThrow({ where: { workspaceId: w.workspace.id, kind: "job-alert" } });
    expect(tracked).toMatchObject({ functionId: "job-failure-alert", status: "SUCCEEDED", connectionId: w.connection.id });
  });

  it("sends nothing for a second failure within the hour, only counts it", async () => {
    await new InngestTestEngine({ function: jobFailureAlert, events: failedEvent(await w.outcome("FAILED")) }).execute();
    const t = new InngestTestEngine({ function: jobFailureAlert, events: failedEvent(await w.outcome("FAILED")) });
    const { result, ctx } = await t.execute();

    expect(result).toEqual({ outcome: "counted", pendingFailures: 1 });
    expect(stepIdsOf(ctx)).toEqual(["decide-failure-alert"]);
    expect(await db.emailOutbox.count({ where: { workspaceId: w.workspace.id, template: "job-failed" } })).toBe(2);
  });

  it("re-runs only the email steps that have not completed", async () => {
    const event = await w.outcome("FAILED");
    const t = new InngestTestEngine({ function: jobFailureAlert, events: failedEvent(event) });
    const { result } = await t.execute({ steps: [{ id: "send-email-1", handler: () => ({ id: "earlier", providerId: null, links: [] }) }] });

    expect(result).toEqual({ outcome: "email", sent: 2 });
    expect(await db.emailOutbox.count({ where: { workspaceId: w.workspace.id, template: "job-failed" } })).toBe(1);
  });
});

describe("job-recovery-alert", () => {
  it("emails the recovery once after a failure alert", async () => {
    const w = await setUp();
    await new InngestTestEngine({ function: jobFailureAlert, events: failedEvent(await w.outcome("FAILED")) }).execute();

    const ok = await w.outcome("SUCCEEDED");
    const { result, ctx } = await new InngestTestEngine({ function: jobRecoveryAlert, events: recoveredEvent(ok) }).execute();
    expect(result).toEqual({ outcome: "email", sent: 2 });
    expect(stepIdsOf(ctx)).toEqual(["decide-recovery-alert", "send-email-1", "send-email-2"]);
    expect(await db.emailOutbox.count({ where: { workspaceId: w.workspace.id, template: "job-recovered" } })).toBe(2);

    const again = await new InngestTestEngine({ function: jobRecoveryAlert, events: recoveredEvent(ok) }).execute();
    expect(again.result).toEqual({ outcome: "ignored", reason: "no-open-alert" });
    expect(await db.emailOutbox.count({ where: { workspaceId: w.workspace.id, template: "job-recovered" } })).toBe(2);
  });
});
