import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withInngestRunner, type InngestHarness } from "@/dev/test/inngest";
import { inngest } from "@/inngest/client";
import { changeWorkspaceTimeZone } from "@/inngest/functions/change-workspace-time-zone";
import { buildConnection } from "@/prisma/factories/connections";
import { buildWorkspaceWithOwner } from "@/prisma/factories/members";
import { callerFor } from "@/server/api/test-utils";
import { db } from "@/server/db";
import { afterConnect } from "@/server/services/connections/after-connect";
import { adoptStoreTimeZone } from "./adopt-store-time-zone";
import { TIME_ZONE_CHANGE_FUNCTION_ID } from "./update-workspace-time-zone";

// A person's change runs as a job (update-workspace-time-zone.ts), here on the local runner.
let harness: InngestHarness;
beforeAll(async () => {
  harness = await withInngestRunner(inngest, [changeWorkspaceTimeZone]);
});
afterAll(async () => {
  await harness?.stop();
});

const zoneOf = async (workspaceId: string) => db.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { timeZone: true, timeZoneChosenAt: true } });
const zoneAudits = (workspaceId: string) => db.auditLog.findMany({ where: { workspaceId, action: "workspace.updated" }, orderBy: { createdAt: "asc" } });

describe("a store's own time zone", () => {
  it("becomes the zone of a workspace that has none chosen, by its canonical name, audited as the store's", async () => {
    const { workspace } = await buildWorkspaceWithOwner();
    await adoptStoreTimeZone(workspace.id, "US/Eastern");
    const after = await zoneOf(workspace.id);
    expect(after.timeZone).toBe("America/New_York");
    expect(after.timeZoneChosenAt).not.toBeNull();
    expect(await zoneAudits(workspace.id)).toMatchObject([{ actorId: null, metadata: { timeZone: { from: "UTC", to: "America/New_York" }, setBy: "store" } }]);
  });

  it("is the first store's: a second store's zone does not replace it", async () => {
    const { workspace } = await buildWorkspaceWithOwner();
    await adoptStoreTimeZone(workspace.id, "Asia/Tokyo");
    await adoptStoreTimeZone(workspace.id, "Europe/Paris");
    expect((await zoneOf(workspace.id)).timeZone).toBe("Asia/Tokyo");
  });

  it("never replaces a zone a person chose, even the default one", async () => {
    const { workspace, owner } = await buildWorkspaceWithOwner();
    await callerFor(owner).workspace.updateTimeZone({ workspaceSlug: workspace.slug, timeZone: "UTC" });
    await adoptStoreTimeZone(workspace.id, "Asia/Tokyo");
    expect((await zoneOf(workspace.id)).timeZone).toBe("UTC");

    await callerFor(owner).workspace.updateTimeZone({ workspaceSlug: workspace.slug, timeZone: "Europe/Paris" });
    await harness.waitForRun({ functionId: TIME_ZONE_CHANGE_FUNCTION_ID, status: "COMPLETED" });
    await adoptStoreTimeZone(workspace.id, "Asia/Tokyo");
    expect((await zoneOf(workspace.id)).timeZone).toBe("Europe/Paris");
  });

  it("leaves the workspace's zone alone when the store names one this runtime does not know", async () => {
    const { workspace } = await buildWorkspaceWithOwner();
    await adoptStoreTimeZone(workspace.id, "Mars/Olympus_Mons");
    expect(await zoneOf(workspace.id)).toEqual({ timeZone: "UTC", timeZoneChosenAt: null });
  });

  it("is taken when a store's connect is followed up, before its backfill is queued", async () => {
    const { workspace } = await buildWorkspaceWithOwner();
    const connection = await buildConnection(workspace.id); // a store's
    let zoneWhenQueued: string | undefined;
    await afterConnect(
      { connectionId: connection.id, workspaceId: workspace.id, provider: "SHOPIFY", timeZone: "Asia/Tokyo" },
      {
        sendEvent: async () => {
          zoneWhenQueued = (await zoneOf(workspace.id)).timeZone;
          return { ids: ["event-1"] };
        },
      },
    );
    expect(zoneWhenQueued).toBe("Asia/Tokyo");
  });
});
