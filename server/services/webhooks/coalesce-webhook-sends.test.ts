import { describe, expect, it } from "vitest";
import { buildConnection } from "@/prisma/factories/connections";
import { buildWorkspaceWithOwner } from "@/prisma/factories/members";
import { db } from "@/server/db";
import { COALESCE_MAX_BATCH, queueWebhookEventSoon } from "./coalesce-webhook-sends";
import type { SendWebhookEvents, WebhookEventToQueue } from "./queue-webhook-events";

async function storedDeliveries(count: number): Promise<WebhookEventToQueue[]> {
  const { workspace } = await buildWorkspaceWithOwner();
  const connection = await buildConnection(workspace.id);
  const rows: WebhookEventToQueue[] = [];
  for (let i = 0; i < count; i++) {
    const row = await db.webhookEvent.create({
      data: { workspaceId: workspace.id, connectionId: connection.id, provider: "SHOPIFY", externalId: `${connection.id}/orders/updated/${i}`, topic: "orders/updated", payload: {} },
    });
    rows.push({ provider: row.provider, webhookEventId: row.id, workspaceId: workspace.id, connectionId: connection.id, topic: row.topic });
  }
  return rows;
}

/** A sender that answers like Inngest's event API (one id per event, in order) and keeps each request's events. */
function recordingSender() {
  const requests: string[][] = [];
  const sendEvents: SendWebhookEvents = async (events) => {
    requests.push(events.map((event) => event.data.webhookEventId));
    return { ids: events.map((event) => `evt-${event.data.webhookEventId}`) };
  };
  return { requests, sendEvents };
}

describe("queueWebhookEventSoon", () => {
  it("sends the deliveries stored together in one request and records each row's send", async () => {
    const rows = await storedDeliveries(5);
    const { requests, sendEvents } = recordingSender();

    await Promise.all(rows.map((row) => queueWebhookEventSoon(row, { sendEvents })));

    expect(requests).toEqual([rows.map((row) => row.webhookEventId)]);
    const stored = await db.webhookEvent.findMany({ where: { id: { in: rows.map((row) => row.webhookEventId) } } });
    for (const row of stored) expect(row).toMatchObject({ inngestEventId: `evt-${row.id}`, sendCount: 1, queuedAt: expect.any(Date) });
  });

  it("sends a full batch at once, and what comes after the window in a request of its own", async () => {
    const rows = await storedDeliveries(COALESCE_MAX_BATCH + 3);
    const { requests, sendEvents } = recordingSender();

    await Promise.all(rows.slice(0, COALESCE_MAX_BATCH + 2).map((row) => queueWebhookEventSoon(row, { sendEvents })));
    await queueWebhookEventSoon(rows.at(-1)!, { sendEvents });

    expect(requests.map((ids) => ids.length)).toEqual([COALESCE_MAX_BATCH, 2, 1]);
    expect(requests.flat()).toEqual(rows.map((row) => row.webhookEventId));
    expect(await db.webhookEvent.count({ where: { id: { in: rows.map((row) => row.webhookEventId) }, queuedAt: null } })).toBe(0);
  });

  it("rejects every delivery of a batch Inngest refused, and records no send for them (the scheduler sends them again)", async () => {
    const rows = await storedDeliveries(3);
    const refused: SendWebhookEvents = async () => {
      throw new Error("Inngest answered 503");
    };

    const outcomes = await Promise.allSettled(rows.map((row) => queueWebhookEventSoon(row, { sendEvents: refused })));

    expect(outcomes.map((outcome) => outcome.status)).toEqual(["rejected", "rejected", "rejected"]);
    expect(await db.webhookEvent.count({ where: { id: { in: rows.map((row) => row.webhookEventId) }, queuedAt: null, sendCount: 0 } })).toBe(3);
  });
});
