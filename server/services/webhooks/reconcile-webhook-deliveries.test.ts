// reconcileWebhookDeliveries against the local runner over HTTP, with an app that serves no
// processing function: every event of a delivery reaches the runner and starts nothing, as when the
// runner loses what it was handed. The bound on sends, and the wait when the runner cannot answer.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closedPortUrl } from "@/dev/test/closed-port";
import { TEST_SIGNING_KEY, withInngestRunner, type InngestHarness } from "@/dev/test/inngest";
import { inngest } from "@/inngest/client";
import { webhookReceived } from "@/inngest/events";
import { scheduleDueSyncsJob } from "@/inngest/functions/schedule-due-syncs";
import { inngestRunStatus } from "@/inngest/run-status";
import { buildConnection } from "@/prisma/factories/connections";
import { buildWorkspaceWithOwner } from "@/prisma/factories/members";
import { db } from "@/server/db";
import { queueWebhookEvents } from "./queue-webhook-events";
import { MAX_WEBHOOK_SENDS, reconcileWebhookDeliveries, WEBHOOK_RESEND_AFTER_MS, WEBHOOK_UNANSWERED_RESEND_AFTER_MS, webhookLost } from "./reconcile-webhook-deliveries";

let harness: InngestHarness;
beforeAll(async () => {
  harness = await withInngestRunner(inngest, [scheduleDueSyncsJob]);
});
afterAll(async () => harness?.stop());

const runner = () => inngestRunStatus({ baseUrl: harness.runnerUrl, signingKey: TEST_SIGNING_KEY });
const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000);

async function storedDelivery(data: { queuedAt?: Date; inngestEventId?: string; sendCount?: number; receivedAt?: Date } = {}) {
  const { workspace } = await buildWorkspaceWithOwner();
  const connection = await buildConnection(workspace.id);
  return db.webhookEvent.create({
    data: {
      workspaceId: workspace.id,
      connectionId: connection.id,
      provider: "SHOPIFY",
      externalId: randomUUID(),
      topic: "orders/delete",
      payload: { id: 1 },
      receivedAt: new Date(Date.now() - 2 * 60_000),
      ...data,
    },
  });
}

describe("reconcileWebhookDeliveries", () => {
  it("sends a delivery nothing processes up to MAX_WEBHOOK_SENDS times, each under an id of its own, then fails it with what happened", async () => {
    const delivery = await storedDelivery();
    const round = async (k: number) => {
      const settled = await reconcileWebhookDeliveries(runner(), { now: inMinutes(k * (WEBHOOK_RESEND_AFTER_MS / 60_000 + 1)) });
      const mine = settled.toSend.filter((row) => row.webhookEventId === delivery.id);
      await queueWebhookEvents(mine, { sendEvents: (events) => inngest.send(events) });
      return { sent: mine.length, failed: settled.failed };
    };
    for (let k = 0; k < MAX_WEBHOOK_SENDS; k++) expect(await round(k)).toEqual({ sent: 1, failed: 0 });

    // Inngest drops an id it saw within 24 hours: every send went out under a new one.
    const sentIds = harness.runner.listEvents({ name: webhookReceived.name }).flatMap((event) => ((event.data as { webhookEventId: string }).webhookEventId === delivery.id ? [event.id] : []));
    expect(sentIds).toEqual([`webhook-${delivery.id}-r0`, `webhook-${delivery.id}-r1`, `webhook-${delivery.id}-r2`, `webhook-${delivery.id}-r3`]);
    const row = await db.webhookEvent.findUniqueOrThrow({ where: { id: delivery.id } });
    expect(row).toMatchObject({ status: "RECEIVED", sendCount: MAX_WEBHOOK_SENDS, inngestEventId: expect.any(String) });

    expect(await round(MAX_WEBHOOK_SENDS)).toEqual({ sent: 0, failed: 1 });
    expect(await db.webhookEvent.findUniqueOrThrow({ where: { id: delivery.id } })).toMatchObject({
      status: "FAILED",
      error: webhookLost(MAX_WEBHOOK_SENDS, "its last event started no run"),
    });
  });

  it("sends again a delivery whose event the runner does not know; without an answer, only after a longer wait", async () => {
    const delivery = await storedDelivery({ queuedAt: new Date(), sendCount: 1, inngestEventId: "01JUNKNOWNEVENT00000000000" });
    const forDelivery = async (settled: Promise<{ toSend: Array<{ webhookEventId: string; sends?: number }> }>) =>
      (await settled).toSend.filter((row) => row.webhookEventId === delivery.id);

    expect(await forDelivery(reconcileWebhookDeliveries(runner()))).toEqual([]);
    expect(await forDelivery(reconcileWebhookDeliveries(runner(), { now: inMinutes(WEBHOOK_RESEND_AFTER_MS / 60_000) }))).toEqual([
      expect.objectContaining({ webhookEventId: delivery.id, sends: 1 }),
    ]);

    const unreachable = inngestRunStatus({ baseUrl: await closedPortUrl(), signingKey: TEST_SIGNING_KEY });
    expect(await forDelivery(reconcileWebhookDeliveries(unreachable, { now: inMinutes(WEBHOOK_RESEND_AFTER_MS / 60_000) }))).toEqual([]);
    expect(await forDelivery(reconcileWebhookDeliveries(unreachable, { now: inMinutes(WEBHOOK_UNANSWERED_RESEND_AFTER_MS / 60_000) }))).toEqual([
      expect.objectContaining({ webhookEventId: delivery.id, sends: 1 }),
    ]);
  });
});
