// The start-up recovery after a restart of the runner, over more deliveries than one reconcile round
// takes: the crash drill (npm run bench:crash) left 1,600 deliveries in flight, and one round sent
// only 500 again, leaving the rest to the scheduler's ticks minutes later.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recoverAfterRunnerRestart } from "@/dev/inngest/recover-after-restart";
import { withInngestRunner, type InngestHarness } from "@/dev/test/inngest";
import { inngest } from "@/inngest/client";
import { inngestRunStatus } from "@/inngest/run-status";
import { buildConnection } from "@/prisma/factories/connections";
import { buildWorkspaceWithOwner } from "@/prisma/factories/members";
import { db } from "@/server/db";
import { queueWebhookEvents } from "@/server/services/webhooks/queue-webhook-events";

let harness: InngestHarness;
beforeAll(async () => {
  // No function listens: the events only have to reach the runner.
  harness = await withInngestRunner(inngest, []);
});
afterAll(async () => harness?.stop());

describe("recoverAfterRunnerRestart", () => {
  it("sends again every delivery the lost runner had, and every one never sent, however many", async () => {
    const { workspace } = await buildWorkspaceWithOwner();
    const connection = await buildConnection(workspace.id);
    const scope = { workspaceId: workspace.id, connectionId: connection.id, provider: "SHOPIFY" as const, topic: "orders/delete", payload: { id: 1 } };
    const receivedAt = new Date(Date.now() - 60_000);
    await db.webhookEvent.createMany({ data: Array.from({ length: 900 }, (_, i) => ({ ...scope, externalId: `sent-${i}`, receivedAt })) });
    const sent = await db.webhookEvent.findMany({ where: { connectionId: connection.id }, select: { id: true } });
    await queueWebhookEvents(sent.map(({ id }) => ({ provider: scope.provider, webhookEventId: id, workspaceId: workspace.id, connectionId: connection.id, topic: scope.topic })), {
      sendEvents: (events) => inngest.send(events),
    });
    await db.webhookEvent.createMany({ data: Array.from({ length: 300 }, (_, i) => ({ ...scope, externalId: `unsent-${i}`, receivedAt })) });

    await harness.restartRunner();
    const recovered = await recoverAfterRunnerRestart({ runner: inngestRunStatus(), sendEvents: (events) => inngest.send(events) });

    expect(recovered).toMatchObject({ sentWebhooks: 1_200, failedWebhooks: 0 });
    const sends = await db.webhookEvent.groupBy({ by: ["sendCount"], where: { connectionId: connection.id }, _count: true, orderBy: { sendCount: "asc" } });
    expect(sends.map((row) => [row.sendCount, row._count])).toEqual([
      [1, 300],
      [2, 900],
    ]);
  });
});
