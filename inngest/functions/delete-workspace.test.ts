// Deleting a workspace end to end: the real request sends its event through the local runner
// over HTTP, and the delete-workspace function erases the data and records its run.
import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withInngestRunner, type InngestHarness } from "@/dev/test/inngest";
import { inngest } from "@/inngest/client";
import { buildPopulatedWorkspace, tenantRowCounts } from "@/prisma/factories/workspace-contents";
import { db, workspaceDb } from "@/server/db";
import { ERASURE_PLAN } from "@/server/services/workspaces/erasure-plan";
import { requestWorkspaceDeletion, type SendWorkspaceDeletionEvent } from "@/server/services/workspaces/request-workspace-deletion";
import { deleteWorkspace } from "./delete-workspace";

let harness: InngestHarness;
beforeAll(async () => {
  harness = await withInngestRunner(inngest, [deleteWorkspace]);
});
afterAll(async () => harness?.stop());

async function requestDeletion(world: Awaited<ReturnType<typeof buildPopulatedWorkspace>>, sendEvent?: SendWorkspaceDeletionEvent) {
  return requestWorkspaceDeletion(
    workspaceDb(world.workspace.id),
    { workspaceId: world.workspace.id, membershipId: world.ownerMembership.id, email: world.owner.email },
    { confirmation: world.workspace.name },
    { actorId: world.owner.id, ip: null, userAgent: null },
    sendEvent ? { sendEvent } : {},
  );
}

async function until(done: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function lockWaiters(): Promise<number> {
  const [row] = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`;
  return row!.n;
}

const finished = (eventId: string) =>
  harness.runner.listRuns({ functionId: "delete-workspace" }).some((run) => run.event.id === eventId && run.status !== "QUEUED" && run.status !== "RUNNING");

describe("delete-workspace through the local runner", () => {
  it("erases the workspace after the request commits, recorded as a system JobRun that outlives it", async () => {
    const world = await buildPopulatedWorkspace("Runner Doomed");
    const counts = await tenantRowCounts(world.workspace.id);
    const rows = Object.values(counts).reduce((sum, n) => sum + n, 0);
    // The Inngest client, pointed at the runner; the request's transaction is then held open until
    // the run is waiting on its lock (or has finished without waiting), so the run starts first.
    let eventId = "";
    const sendAndHold: SendWorkspaceDeletionEvent = async (event) => {
      await inngest.send(event);
      eventId = event.id!;
      await until(async () => (await lockWaiters()) > 0 || finished(eventId), "the run to wait on the workspace lock");
    };
    const { deletionId } = await requestDeletion(world, sendAndHold);
    expect(eventId).toBe(`workspace-deletion-${deletionId}`);
    const run = await harness.waitForRun({ functionId: "delete-workspace", eventId, status: "COMPLETED" });

    expect(await db.workspace.count({ where: { id: world.workspace.id } })).toBe(0);
    expect(Object.values(await tenantRowCounts(world.workspace.id)).every((n) => n === 0)).toBe(true);
    const deletion = await db.workspaceDeletion.findUniqueOrThrow({ where: { id: deletionId } });
    const jobRun = await db.jobRun.findUniqueOrThrow({ where: { inngestRunId: run.id } });
    expect(deletion.jobRunId).toBe(jobRun.id);
    expect(deletion.completedAt).toBeInstanceOf(Date);
    expect(jobRun).toMatchObject({
      workspaceId: null,
      connectionId: null,
      functionId: "delete-workspace",
      kind: "workspace-deletion",
      trigger: "MANUAL",
      status: "SUCCEEDED",
      // Everything the workspace held: the request's disconnect audit rows (one per connection)
      // and the Workspace row too.
      recordsDeleted: rows + counts.Connection! + 1,
      progressDone: ERASURE_PLAN.length,
      progressTotal: ERASURE_PLAN.length,
    });
    expect(jobRun.details).toMatchObject({ event: { data: { deletionId, workspaceId: world.workspace.id } } });
  });

  it("does nothing when the request rolled back after its event went out", async () => {
    const world = await buildPopulatedWorkspace("Runner Kept");
    const before = await tenantRowCounts(world.workspace.id);
    let eventId = "";
    const sendThenFail: SendWorkspaceDeletionEvent = async (event) => {
      await inngest.send(event);
      eventId = event.id!;
      throw new Error("The database went away before the commit");
    };
    await expect(requestDeletion(world, sendThenFail)).rejects.toThrow("went away");
    const run = await harness.waitForRun({ functionId: "delete-workspace", eventId, status: "COMPLETED" });

    expect(run.output).toEqual({ status: "skipped", reason: "No such workspace deletion was recorded." });
    expect(await tenantRowCounts(world.workspace.id)).toEqual(before);
    expect(await db.workspace.findUniqueOrThrow({ where: { id: world.workspace.id } })).toMatchObject({ slug: world.workspace.slug });
  });
});

describe("delete-workspace steps", () => {
  it("goes on in further steps while a table has more than a step's worth, and reports progress per table", async () => {
    const world = await buildPopulatedWorkspace("Steps");
    const sent: unknown[] = [];
    const { deletionId } = await requestDeletion(world, async (event) => sent.push(event));
    const t = new InngestTestEngine({ function: deleteWorkspace, events: [sent[0] as { name: "app/workspace.deletion.requested"; data: { deletionId: string; workspaceId: string } }] });
    // The first order step reports a full step's worth removed and more to come.
    const { result, ctx } = await t.execute({ steps: [{ id: "erase-Order-0", handler: () => ({ removed: 50_000, more: true }) }] });

    expect(result).toMatchObject({ status: "completed" });
    const stepIds = (ctx.step.run as unknown as { mock: { calls: [string][] } }).mock.calls.map(([id]) => id);
    expect(stepIds.filter((id) => id.startsWith("erase-Order-"))).toEqual(["erase-Order-0", "erase-Order-1"]);
    expect(stepIds.filter((id) => id.startsWith("job-run-progress-"))).toHaveLength(ERASURE_PLAN.length);
    expect(await db.workspaceDeletion.findUniqueOrThrow({ where: { id: deletionId } })).toMatchObject({ completedAt: expect.any(Date) });
    expect(await db.workspace.count({ where: { id: world.workspace.id } })).toBe(0);
  });
});
