import { InngestTestEngine } from "@inngest/test";
import { describe, expect, it } from "vitest";
import { shipmentRecord } from "@/prisma/factories/commerce";
import { buildConnection } from "@/prisma/factories/connections";
import { buildMember, buildWorkspaceWithOwner } from "@/prisma/factories/members";
import { db } from "@/server/db";
import { ingestShipments } from "@/server/ingest";
import { shipmentAlertRequested } from "@/server/services/jobs/events";
import { SHIPMENT_ALERT_WINDOW_MS } from "@/server/services/shipment-alerts/alert-window";
import { requestShipmentAlerts, shipmentAlert } from "./shipment-alerts";

type Mocked = { mock: { calls: unknown[][] } };
const stepIdsOf = (ctx: { step: { run: unknown } }) =>
  (ctx.step.run as Mocked).mock.calls.map(([id]) => id as string).filter((id) => !id.startsWith("job-run-"));

// A workspace with an owner and an admin, and a ShipBob connection past its first sync whose
// shipment just entered Exception through ingest.
async function setUp() {
  const { workspace, owner } = await buildWorkspaceWithOwner("Acme Ops");
  const admin = (await buildMember(workspace.id, "ADMIN")).user;
  const connection = await buildConnection(workspace.id, { provider: "SHIPBOB", externalAccountId: `channel-${workspace.id}`, lastSyncedAt: new Date() });
  await ingestShipments({ workspaceId: workspace.id, connectionId: connection.id }, [shipmentRecord("s1", { status: "Exception" })]);
  return { workspace, owner, admin };
}

describe("request-shipment-alerts", () => {
  it("requests one alert per workspace whose window has passed, under an id of that window", async () => {
    const due = await setUp();
    const waiting = await setUp();
    const openedAt = new Date(Date.now() - SHIPMENT_ALERT_WINDOW_MS - 1_000);
    await db.shipmentAlertEntry.updateMany({ where: { workspaceId: due.workspace.id }, data: { createdAt: openedAt } });

    const { result, ctx } = await new InngestTestEngine({
      function: requestShipmentAlerts,
      events: [{ name: "inngest/scheduled.timer", data: { cron: "*/5 * * * *" } }],
    }).execute({ steps: [{ id: "request-alerts", handler: () => ({ ids: [] }) }] });

    const sent = (ctx.step.sendEvent as unknown as Mocked).mock.calls.flatMap(([, events]) => events as { name: string; data: { workspaceId: string }; id: string }[]);
    const ours = sent.filter((event) => [due.workspace.id, waiting.workspace.id].includes(event.data.workspaceId));
    expect(ours).toEqual([
      { name: "app/shipment-alert.requested", data: { workspaceId: due.workspace.id }, id: `shipment-alert-${due.workspace.id}-${openedAt.getTime()}`, validate: expect.any(Function) },
    ]);
    expect(result).toEqual({ requested: sent.length });
    expect(await db.jobRun.findFirst({ where: { functionId: "request-shipment-alerts" } })).toMatchObject({ kind: "shipment-alert", status: "SUCCEEDED", workspaceId: null });
  });
});

describe("shipment-alert", () => {
  const run = (workspaceId: string) => new InngestTestEngine({ function: shipmentAlert, events: [shipmentAlertRequested.create({ workspaceId })] });

  it("emails each owner and admin in its own step, then clears the entries, tracked as a shipment-alert run of the workspace", async () => {
    const w = await setUp();
    const { result, ctx } = await run(w.workspace.id).execute();

    expect(result).toEqual({ outcome: "email", shipments: 1, sent: 2, cleared: 1 });
    expect(stepIdsOf(ctx)).toEqual(["gather-shipment-alert", "send-email-1", "send-email-2", "clear-alerted-entries"]);
    const outbox = await db.emailOutbox.findMany({ where: { workspaceId: w.workspace.id, template: "shipment-alert" } });
    expect(outbox.map((row) => row.to).sort()).toEqual([w.owner.email, w.admin.email].sort());
    expect(await db.shipmentAlertEntry.count({ where: { workspaceId: w.workspace.id } })).toBe(0);
    expect(await db.jobRun.findFirst({ where: { workspaceId: w.workspace.id, functionId: "shipment-alert" } })).toMatchObject({ kind: "shipment-alert", status: "SUCCEEDED" });

    // The same request again (a repeated event): nothing pending, nothing sent.
    expect((await run(w.workspace.id).execute()).result).toEqual({ outcome: "nothing-pending" });
    expect(await db.emailOutbox.count({ where: { workspaceId: w.workspace.id, template: "shipment-alert" } })).toBe(2);
  });

  it("re-runs only the email steps that have not completed", async () => {
    const w = await setUp();
    const { result } = await run(w.workspace.id).execute({ steps: [{ id: "send-email-1", handler: () => ({ id: "earlier", providerId: null, links: [] }) }] });

    expect(result).toEqual({ outcome: "email", shipments: 1, sent: 2, cleared: 1 });
    expect(await db.emailOutbox.count({ where: { workspaceId: w.workspace.id, template: "shipment-alert" } })).toBe(1);
  });
});
