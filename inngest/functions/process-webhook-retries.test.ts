// process-webhook through the local runner when processing meets an error worth a retry
// (here Resend, which a customers/data_request mails through, is down): the delivery stays
// RECEIVED between retries, so when the runner loses the run (a restart) the start-up recovery
// sends it again; it is FAILED, with the error its processing met, only once Inngest gives up.
import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { recoverAfterRunnerRestart } from "@/dev/inngest/recover-after-restart";
import { startResendSandbox, type ResendSandbox } from "@/dev/sandbox/resend/server";
import { withInngestRunner, type InngestHarness } from "@/dev/test/inngest";
import { inngest } from "@/inngest/client";
import { processWebhookJob } from "@/inngest/functions/process-webhook";
import { inngestRunStatus } from "@/inngest/run-status";
import { buildConnection } from "@/prisma/factories/connections";
import { buildWorkspaceWithOwner } from "@/prisma/factories/members";
import { db } from "@/server/db";
import { failWebhook } from "@/server/services/webhooks/fail-webhook";
import { queueWebhookEvents } from "@/server/services/webhooks/queue-webhook-events";

// server/env reads the environment once, on first import: mail goes through Resend, at a port
// where nothing listens until a test starts the local Resend there.
const { RESEND_API_KEY, RESEND_PORT } = await vi.hoisted(async () => {
  const { closedPortUrl } = await import("@/dev/test/closed-port");
  const url = await closedPortUrl();
  const apiKey = "re_webhook_retries_test";
  // Processing hands the connector its connection's context, which needs Shopify set up.
  Object.assign(process.env, { RESEND_API_KEY: apiKey, RESEND_BASE_URL: url, SHOPIFY_API_KEY: "retries-key", SHOPIFY_API_SECRET: "retries-secret" });
  return { RESEND_API_KEY: apiKey, RESEND_PORT: Number(new URL(url).port) };
});

let harness: InngestHarness | undefined;
let resend: ResendSandbox | undefined;
afterEach(async () => {
  await harness?.stop();
  await resend?.stop();
  harness = resend = undefined;
});

/** A customers/data_request delivery, stored and handed to the runner as the intake does. */
async function dataRequestDelivered() {
  const { workspace, owner } = await buildWorkspaceWithOwner("Retries Co");
  const connection = await buildConnection(workspace.id);
  const shop = { shop_id: 1, shop_domain: connection.externalAccountId };
  const delivery = await db.webhookEvent.create({
    data: {
      workspaceId: workspace.id,
      connectionId: connection.id,
      provider: "SHOPIFY",
      externalId: randomUUID(),
      topic: "customers/data_request",
      payload: { ...shop, customer: { id: 7001, email: "ada@example.com", phone: null }, orders_requested: [], data_request: { id: 9001 } },
    },
  });
  await queueWebhookEvents([{ provider: delivery.provider, webhookEventId: delivery.id, workspaceId: workspace.id, connectionId: connection.id, topic: delivery.topic }], {
    sendEvents: (events) => inngest.send(events),
  });
  return { id: delivery.id, workspaceId: workspace.id, ownerEmail: owner.email };
}

const row = (id: string) => db.webhookEvent.findUniqueOrThrow({ where: { id }, select: { status: true, error: true, sendCount: true } });

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  for (const deadline = Date.now() + 10_000; ; ) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("process-webhook when processing fails", () => {
  it("leaves the delivery RECEIVED between retries; after the runner lost the run, the recovery sends it again and it is processed", async () => {
    // The retry would come only in ten minutes: the runner is restarted before.
    harness = await withInngestRunner(inngest, [processWebhookJob], { backoff: { baseMs: 600_000, maxMs: 600_000 } });
    const delivery = await dataRequestDelivered();

    const failedOnce = await until(() => row(delivery.id), (r) => r.error !== null, "the first attempt to fail");
    expect(failedOnce).toMatchObject({ status: "RECEIVED", error: expect.stringContaining("Resend"), sendCount: 1 });

    await harness.restartRunner();
    resend = await startResendSandbox({ apiKey: RESEND_API_KEY, port: RESEND_PORT });
    await recoverAfterRunnerRestart({ runner: inngestRunStatus(), sendEvents: (events) => inngest.send(events) });

    expect(await until(() => row(delivery.id), (r) => r.status !== "RECEIVED", "the delivery to be processed")).toEqual({ status: "PROCESSED", error: null, sendCount: 2 });
    expect(resend.emails({ to: delivery.ownerEmail })).toHaveLength(1);
  });

  it("fails the delivery with the error its processing met once Inngest gives up", async () => {
    harness = await withInngestRunner(inngest, [processWebhookJob]);
    const delivery = await dataRequestDelivered();

    const failed = await until(() => row(delivery.id), (r) => r.status !== "RECEIVED", "Inngest to give up");
    expect(failed).toMatchObject({ status: "FAILED", error: expect.stringContaining("Resend") });
    const jobRun = () => db.jobRun.findFirstOrThrow({ where: { workspaceId: delivery.workspaceId, kind: "webhook" }, select: { status: true, attempts: true } });
    expect(await until(jobRun, (run) => run.status === "FAILED", "the run to be recorded as failed")).toEqual({ status: "FAILED", attempts: 4 });
  });

  it("leaves RECEIVED, for the scheduler to send again, a delivery no attempt got to process (its runs could not reach the app)", async () => {
    const { workspace } = await buildWorkspaceWithOwner();
    const connection = await buildConnection(workspace.id);
    const untried = await db.webhookEvent.create({
      data: { workspaceId: workspace.id, connectionId: connection.id, provider: "SHOPIFY", externalId: randomUUID(), topic: "orders/delete", payload: { id: 1 } },
    });

    expect(await failWebhook({ workspaceId: workspace.id, webhookEventId: untried.id })).toBe(false);
    expect(await row(untried.id)).toMatchObject({ status: "RECEIVED", error: null });
  });
});
