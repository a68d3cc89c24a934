import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withInngestRunner, type InngestHarness } from "@/dev/test/inngest";
import { inngest } from "@/inngest/client";
import { changeWorkspaceTimeZone } from "@/inngest/functions/change-workspace-time-zone";
import { buildConnection } from "@/prisma/factories/connections";
import { orderRecord } from "@/prisma/factories/commerce";
import { buildMember, buildWorkspaceWithOwner } from "@/prisma/factories/members";
import { callerFor, errorOf } from "@/server/api/test-utils";
import { db } from "@/server/db";
import { ingestOrders } from "@/server/ingest";
import { TIME_ZONE_CHANGE_FUNCTION_ID } from "./update-workspace-time-zone";

// The change runs on the local Inngest runner, calling the function served over HTTP as the app does.
let harness: InngestHarness;
beforeAll(async () => {
  harness = await withInngestRunner(inngest, [changeWorkspaceTimeZone]);
});
afterAll(async () => {
  await harness?.stop();
});

const days = async (workspaceId: string) =>
  (await db.dailySalesRollup.findMany({ where: { workspaceId }, orderBy: { day: "asc" } })).map((r) => [r.day.toISOString().slice(0, 10), r.orders]);

describe("workspace.updateTimeZone", () => {
  it("answers at once with the change queued and audited; the job then moves every sale to its day in the new zone", async () => {
    const { workspace, owner } = await buildWorkspaceWithOwner();
    const connection = await buildConnection(workspace.id);
    // 02:00 UTC on the 2nd is the evening of the 1st in Los Angeles.
    await ingestOrders({ workspaceId: workspace.id, connectionId: connection.id }, [orderRecord("1", { processedAt: "2026-03-02T02:00:00.000Z" })]);
    expect(await days(workspace.id)).toEqual([["2026-03-02", 1]]);

    const caller = callerFor(owner);
    const answer = await caller.workspace.updateTimeZone({ workspaceSlug: workspace.slug, timeZone: "America/Los_Angeles" });
    // The zone is still the old one, with its figures, until the change is done.
    expect(answer.timeZone).toBe("UTC");
    expect(answer.change).toMatchObject({ timeZone: "America/Los_Angeles" });
    const audit = await db.auditLog.findFirstOrThrow({ where: { workspaceId: workspace.id, action: "workspace.updated" } });
    const run = await db.jobRun.findFirstOrThrow({ where: { workspaceId: workspace.id, kind: "time-zone-change" } });
    expect(audit).toMatchObject({ actorId: owner.id, targetId: workspace.id, metadata: { timeZone: { from: "UTC", to: "America/Los_Angeles" }, jobRunId: run.id } });

    await harness.waitForRun({ functionId: TIME_ZONE_CHANGE_FUNCTION_ID, status: "COMPLETED" });
    expect(await caller.workspace.timeZone({ workspaceSlug: workspace.slug })).toEqual({ timeZone: "America/Los_Angeles", change: null });
    expect(await days(workspace.id)).toEqual([["2026-03-01", 1]]);
    expect(await db.jobRun.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({ status: "SUCCEEDED", progressDone: 2, progressTotal: 2 });
  });

  it("refuses a zone it does not know, naming the field, and a member without the right", async () => {
    const { workspace, owner } = await buildWorkspaceWithOwner();
    const invalid = await errorOf(callerFor(owner).workspace.updateTimeZone({ workspaceSlug: workspace.slug, timeZone: "Mars/Olympus_Mons" }));
    expect(invalid.code).toBe("BAD_REQUEST");
    expect(JSON.stringify(invalid)).toContain("timeZone");

    const { user } = await buildMember(workspace.id, "VIEWER");
    expect((await errorOf(callerFor(user).workspace.updateTimeZone({ workspaceSlug: workspace.slug, timeZone: "Europe/Paris" }))).code).toBe("FORBIDDEN");
    expect((await db.workspace.findUniqueOrThrow({ where: { id: workspace.id } })).timeZone).toBe("UTC");
    expect(await db.auditLog.count({ where: { workspaceId: workspace.id, action: "workspace.updated" } })).toBe(0);
    expect(await db.jobRun.count({ where: { workspaceId: workspace.id } })).toBe(0);
  });
});
