import { beforeEach, describe, expect, it, vi } from "vitest";
import { at, locationRecord, orderRecord, shipmentRecord } from "@/prisma/factories/commerce";
import { insertLocation, insertOrder } from "@/prisma/factories/commerce-rows";
import { buildConnection } from "@/prisma/factories/connections";
import { buildMember, buildWorkspaceWithOwner } from "@/prisma/factories/members";
import { callerFor, errorOf } from "@/server/api/test-utils";
import type { ShipmentRecord } from "@/server/connectors/_core/records";
import { db } from "@/server/db";
import { ingestShipments, inIngestTransaction } from "@/server/ingest";
import { SHIPMENT_ALERT_WINDOW_MS } from "./alert-window";
import { clearAlertedEntries } from "./clear-alerted-entries";
import { findDueShipmentAlerts } from "./find-due-shipment-alerts";
import { gatherShipmentAlert } from "./gather-shipment-alert";
import { sendShipmentAlertEmail } from "./send-shipment-alert-email";

// Entries are stamped with the database's clock; "after the window" is that much later than now.
const afterWindow = () => new Date(Date.now() + SHIPMENT_ALERT_WINDOW_MS);

async function setUp({ firstSyncDone = true } = {}) {
  const { workspace, owner } = await buildWorkspaceWithOwner("Acme Ops");
  // Emails show times in the workspace's zone.
  await db.workspace.update({ where: { id: workspace.id }, data: { timeZone: "America/New_York" } });
  const admin = (await buildMember(workspace.id, "ADMIN")).user;
  const optedOutAdmin = (await buildMember(workspace.id, "ADMIN")).user;
  await db.notificationPreference.create({ data: { userId: optedOutAdmin.id, shipmentAlertEmails: false } });
  await buildMember(workspace.id, "MEMBER");
  const store = await buildConnection(workspace.id);
  await insertOrder({ workspaceId: workspace.id, connectionId: store.id }, orderRecord("5001", { name: "#1042" }));
  const shipbob = await buildConnection(workspace.id, {
    provider: "SHIPBOB",
    displayName: "Acme ShipBob",
    externalAccountId: `channel-${workspace.id}`,
    lastSyncedAt: firstSyncDone ? new Date() : null,
  });
  const scope = { workspaceId: workspace.id, connectionId: shipbob.id };
  await insertLocation(scope, locationRecord("centre-1", { name: "Cicero (IL)" }));
  // Processing, as a sync first stores it: no alert for that.
  const ship = (id: string, overrides: Partial<ShipmentRecord> = {}) =>
    ingestShipments(scope, [shipmentRecord(id, { status: "Processing", storeOrderReference: "5001", orderExternalId: `sb-order-${id}`, ...overrides })]);
  return { workspace, owner, admin, optedOutAdmin, shipbob, scope, ship };
}

const dueFor = async (workspaceId: string, now: Date) => (await findDueShipmentAlerts(now)).filter((due) => due.workspaceId === workspaceId);
const entriesOf = (workspaceId: string) => db.shipmentAlertEntry.findMany({ where: { workspaceId }, orderBy: { enteredAt: "asc" } });
const outboxOf = (workspaceId: string) => db.emailOutbox.findMany({ where: { workspaceId, template: "shipment-alert" }, orderBy: { to: "asc" } });

async function sendAlert(workspaceId: string) {
  const alert = await gatherShipmentAlert(workspaceId);
  if (!alert) return null;
  for (const to of alert.recipients) await sendShipmentAlertEmail(alert, to);
  await clearAlertedEntries(workspaceId, alert.entries);
  return alert;
}

describe("shipment alerts", () => {
  let w: Awaited<ReturnType<typeof setUp>>;
  beforeEach(async () => {
    w = await setUp();
  });

  it("emails opted-in owners and admins once the window has passed after a shipment enters Exception", async () => {
    await w.ship("s1");
    expect(await entriesOf(w.workspace.id)).toEqual([]);

    await w.ship("s1", { status: "Exception", sourceUpdatedAt: at(7_200), observedAt: at(7_200) });
    expect(await entriesOf(w.workspace.id)).toMatchObject([{ status: "Exception", enteredAt: new Date(at(7_200)) }]);
    expect(await dueFor(w.workspace.id, new Date())).toEqual([]);
    expect(await dueFor(w.workspace.id, afterWindow())).toHaveLength(1);

    const alert = await sendAlert(w.workspace.id);
    expect(alert?.recipients.sort()).toEqual([w.owner.email, w.admin.email].sort());
    const mails = await outboxOf(w.workspace.id);
    expect(mails.map((mail) => [mail.to, mail.status])).toEqual([w.owner.email, w.admin.email].sort().map((to) => [to, "SENT"]));
    const mail = mails[0]!;
    expect(mail.subject).toBe("[Acme Ops] 1 shipment entered Exception");
    expect(mail.text).toContain("Order #1042");
    expect(mail.text).toContain("Exception since Dec 31, 2025, 9:00 PM EST");
    expect(mail.text).toContain("ShipBob order sb-order-s1, shipment s1, from Cicero (IL)");
    expect(mail.text).toContain("Carrier: UPS 1Zs1");
    const order = await db.order.findFirstOrThrow({ where: { workspaceId: w.workspace.id, externalId: "5001" } });
    expect(mail.html).toContain(`/w/${w.workspace.slug}/orders/${order.id}"`);
    expect(mail.html).toContain(`href="https://tracking.example.test/1Zs1"`);
    expect(mail.html).toContain(`/w/${w.workspace.slug}/fulfilment?status=exception"`);
    expect(mail.html).toContain(`/account/notifications"`);

    // Sent: nothing pending, nothing due, nothing sent again.
    expect(await entriesOf(w.workspace.id)).toEqual([]);
    expect(await dueFor(w.workspace.id, afterWindow())).toEqual([]);
    expect(await gatherShipmentAlert(w.workspace.id)).toBeNull();
  });

  it("gathers every shipment that enters within the window into one email, a flapping one once", async () => {
    await w.ship("s1", { status: "Exception" });
    await w.ship("s2", { status: "OnHold" });
    // s1 recovers and fails again before the email: one entry, with its latest entry time.
    await w.ship("s1", { status: "Processing", sourceUpdatedAt: at(5_400), observedAt: at(5_400) });
    await w.ship("s1", { status: "Exception", sourceUpdatedAt: at(7_200), observedAt: at(7_200) });

    expect((await entriesOf(w.workspace.id)).map((e) => [e.status, e.enteredAt])).toEqual([
      ["OnHold", new Date(at(3_600))],
      ["Exception", new Date(at(7_200))],
    ]);
    await sendAlert(w.workspace.id);
    const mails = await outboxOf(w.workspace.id);
    expect(mails).toHaveLength(2);
    expect(mails[0]!.subject).toBe("[Acme Ops] 2 shipments entered Exception or On hold");
    expect(mails[0]!.text!.match(/shipment s1,/g)).toHaveLength(1);
    expect(mails[0]!.text).toContain("On hold since Dec 31, 2025, 8:00 PM EST");
    expect(mails[0]!.html).toContain(`/w/${w.workspace.slug}/fulfilment"`);
  });

  it("compares with the status a concurrent writer committed meanwhile, not the one stored when the write began", async () => {
    await w.ship("s1", { status: "Exception" });
    await sendAlert(w.workspace.id);

    // A webhook moves s1 out of Exception and holds its transaction open.
    let moved = false;
    let commit!: () => void;
    const committed = new Promise<void>((resolve) => (commit = resolve));
    const webhook = inIngestTransaction(async (tx) => {
      await ingestShipments(w.scope, [shipmentRecord("s1", { status: "Processing", storeOrderReference: "5001", sourceUpdatedAt: at(5_400), observedAt: at(5_400) })], tx);
      moved = true;
      await committed;
    });
    await vi.waitFor(() => expect(moved).toBe(true));
    // A sync's newer copy puts it back into Exception: its write waits for the webhook's row.
    const sync = w.ship("s1", { status: "Exception", sourceUpdatedAt: at(7_200), observedAt: at(7_200) });
    await vi.waitFor(async () => {
      const waiting = await db.$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`;
      expect(waiting[0]!.n).toBe(1);
    });
    commit();
    await Promise.all([webhook, sync]);

    // Against the status stored when the sync's write began (Exception) it would have entered nothing.
    expect(await entriesOf(w.workspace.id)).toMatchObject([{ status: "Exception", enteredAt: new Date(at(7_200)) }]);
  });

  it("records nothing for a shipment stored in Exception again, an older copy, or a change that keeps the status", async () => {
    await w.ship("s1", { status: "Exception" });
    await sendAlert(w.workspace.id);

    await w.ship("s1", { status: "Exception" }); // the same copy again
    expect(await db.shipment.findFirstOrThrow({ where: { externalId: "s1", workspaceId: w.workspace.id } })).toMatchObject({ trackingNumber: "1Zs1" });
    await w.ship("s1", { status: "Exception", trackingNumber: "1Z-new", sourceUpdatedAt: at(7_200), observedAt: at(7_200) }); // newer, still Exception
    expect(await db.shipment.findFirstOrThrow({ where: { externalId: "s1", workspaceId: w.workspace.id } })).toMatchObject({ trackingNumber: "1Z-new" });
    expect(await entriesOf(w.workspace.id)).toEqual([]);

    await w.ship("s2", { status: "Processing", sourceUpdatedAt: at(600), observedAt: at(600) });
    await w.ship("s2", { status: "Exception", sourceUpdatedAt: at(300), observedAt: at(300) }); // an older copy
    expect(await entriesOf(w.workspace.id)).toEqual([]);
    expect(await db.shipment.findFirstOrThrow({ where: { externalId: "s2", workspaceId: w.workspace.id } })).toMatchObject({ status: "Processing" });
    expect(await dueFor(w.workspace.id, afterWindow())).toEqual([]);
  });

  it("keeps an entry that changed after it was gathered for the next email", async () => {
    await w.ship("s1", { status: "Exception" });
    const alert = await gatherShipmentAlert(w.workspace.id);
    await w.ship("s1", { status: "Processing", sourceUpdatedAt: at(5_400), observedAt: at(5_400) });
    await w.ship("s1", { status: "OnHold", sourceUpdatedAt: at(7_200), observedAt: at(7_200) });

    expect(await clearAlertedEntries(w.workspace.id, alert!.entries)).toBe(0);
    expect(await entriesOf(w.workspace.id)).toMatchObject([{ status: "OnHold", enteredAt: new Date(at(7_200)) }]);
  });

  it("sends nothing to members who turned shipment alerts off on the notifications page", async () => {
    await callerFor(w.admin).me.updateNotifications({ shipmentAlertEmails: false });
    expect(await callerFor(w.admin).me.get()).toMatchObject({ notificationPrefs: { jobFailureEmails: true, shipmentAlertEmails: false } });
    await w.ship("s1", { status: "Exception" });
    expect((await gatherShipmentAlert(w.workspace.id))?.recipients).toEqual([w.owner.email]);

    await callerFor(w.admin).me.updateNotifications({ shipmentAlertEmails: true });
    expect((await gatherShipmentAlert(w.workspace.id))?.recipients.sort()).toEqual([w.owner.email, w.admin.email].sort());
  });

  it("refuses a malformed preference change with a 400 naming the field", async () => {
    const wrongType = await errorOf(callerFor(w.admin).me.updateNotifications({ shipmentAlertEmails: "no" } as never));
    expect(wrongType.code).toBe("BAD_REQUEST");
    expect(JSON.stringify(wrongType.cause)).toContain("shipmentAlertEmails");
    expect((await errorOf(callerFor(w.admin).me.updateNotifications({} as never))).code).toBe("BAD_REQUEST");
    expect((await errorOf(callerFor(w.admin).me.updateNotifications({ shipmentAlerts: false } as never))).code).toBe("BAD_REQUEST");
    expect(await callerFor(w.admin).me.get()).toMatchObject({ notificationPrefs: { shipmentAlertEmails: true } });
  });
});

describe("shipment alerts during a connection's first sync", () => {
  it("holds what the backfill finds until the sync has finished, then sends one email", async () => {
    const w = await setUp({ firstSyncDone: false });
    await ingestShipments(w.scope, [
      shipmentRecord("s1", { status: "Exception" }),
      shipmentRecord("s2", { status: "Completed" }),
      shipmentRecord("s3", { status: "OnHold" }),
    ]);
    await ingestShipments(w.scope, [shipmentRecord("s4", { status: "Exception" })]);
    expect(await entriesOf(w.workspace.id)).toHaveLength(3);
    expect(await dueFor(w.workspace.id, afterWindow())).toEqual([]);
    expect(await gatherShipmentAlert(w.workspace.id)).toBeNull();

    await db.connection.update({ where: { id: w.shipbob.id }, data: { lastSyncedAt: new Date() } });
    expect(await dueFor(w.workspace.id, afterWindow())).toHaveLength(1);
    await sendAlert(w.workspace.id);
    const mails = await outboxOf(w.workspace.id);
    expect(mails).toHaveLength(2);
    expect(mails[0]!.subject).toBe("[Acme Ops] 3 shipments entered Exception or On hold");
    expect(await entriesOf(w.workspace.id)).toEqual([]);
  });
});
