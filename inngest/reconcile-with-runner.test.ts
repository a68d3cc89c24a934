// A job runner that no longer has a run never blocks a connection, and no webhook delivery stays
// RECEIVED for good: "Sync now", the scheduler tick and the start-up after a runner restart, through
// the local runner over HTTP with the real sync and webhook functions (a provider stand-in that
// syncs at once, or holds its batch until released).
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { recoverAfterRunnerRestart } from "@/dev/inngest/recover-after-restart";
import { replaceConnector } from "@/dev/test/connectors";
import { withInngestRunner, type InngestHarness } from "@/dev/test/inngest";
import { inngest } from "@/inngest/client";
import { jobRunFailed } from "@/inngest/events";
import { processWebhookJob } from "@/inngest/functions/process-webhook";
import { scheduleDueSyncsJob } from "@/inngest/functions/schedule-due-syncs";
import { syncConnection } from "@/inngest/functions/sync-connection";
import { inngestRunStatus } from "@/inngest/run-status";
import { orderRecord } from "@/prisma/factories/commerce";
import { buildConnection } from "@/prisma/factories/connections";
import { buildTrackedJobRun } from "@/prisma/factories/job-runs";
import { buildWorkspaceWithOwner } from "@/prisma/factories/members";
import type { ConnectorSync } from "@/server/connectors/_core/sync";
import { shopifyConnector } from "@/server/connectors/shopify";
import { db, workspaceDb } from "@/server/db";
import { ingestOrders } from "@/server/ingest";
import { sealOAuthCredentials } from "@/server/services/connections/credentials";
import { requestConnectionSync } from "@/server/services/connections/request-connection-sync";
import { EVENT_UNKNOWN, RUN_UNKNOWN } from "@/server/services/jobs/reconcile-in-flight-runs";
import { WEBHOOK_EXPIRED } from "@/server/services/webhooks/reconcile-webhook-deliveries";

// Processing a delivery hands the connector its connection's context, which needs Shopify set up.
vi.hoisted(() => Object.assign(process.env, { SHOPIFY_API_KEY: "reconcile-key", SHOPIFY_API_SECRET: "reconcile-secret" }));

// Connection id → the batch waits for this before it reads.
const holds = new Map<string, Promise<void>>();
const standIn: ConnectorSync = {
  streams: [{ name: "orders", label: "Orders", kind: "orders", requiredScopes: [] }],
  async *read(ctx, _stream, from) {
    await holds.get(ctx.connectionId);
    yield { kind: "orders", records: [], position: from, done: true };
  },
};

let harness: InngestHarness;
let restoreShopify: () => void;
beforeAll(async () => {
  restoreShopify = replaceConnector({ ...shopifyConnector, sync: standIn });
  harness = await withInngestRunner(inngest, [scheduleDueSyncsJob, syncConnection, processWebhookJob]);
});
afterAll(async () => {
  restoreShopify();
  await harness?.stop();
});

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

async function connected() {
  const { workspace, owner } = await buildWorkspaceWithOwner();
  // Credentials the stand-in never uses: a sync asks for them before it reads.
  const encryptedCredentials = sealOAuthCredentials({ accessToken: "unused", accessTokenExpiresAt: null, refreshToken: null, refreshTokenExpiresAt: null, scopes: [] });
  const connection = await buildConnection(workspace.id, { encryptedCredentials });
  const syncNow = () =>
    requestConnectionSync(workspaceDb(workspace.id), workspace.id, { connectionId: connection.id }, { trigger: "MANUAL", actor: { actorId: owner.id, ip: null, userAgent: null } });
  return { workspaceId: workspace.id, connectionId: connection.id, syncNow };
}

/** A run of the connection the job runner no longer has: its JobRun stayed RUNNING. */
function deadRun(workspaceId: string, connectionId: string) {
  return buildTrackedJobRun({
    workspaceId,
    connectionId,
    kind: "sync",
    functionId: "connection-sync",
    status: "RUNNING",
    inngestRunId: `01JDEAD${randomUUID().replace(/-/g, "").slice(0, 19).toUpperCase()}`,
    startedAt: minutesAgo(5),
  });
}

/** Holds the connection's sync batches until the returned function is called. */
function hold(connectionId: string) {
  let release = () => {};
  holds.set(connectionId, new Promise<void>((resolve) => (release = resolve)));
  return () => {
    holds.delete(connectionId);
    release();
  };
}

let tickMinute = 0;
async function tick() {
  const [run] = harness.runner.tickCron(new Date(Date.UTC(2030, 0, 1, 0, (tickMinute += 5))));
  return harness.runner.waitForRun(run!.id, 20_000);
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const jobRun = (id: string) => db.jobRun.findUniqueOrThrow({ where: { id } });
const finished = (id: string) => until(() => jobRun(id), (row) => row.status !== "QUEUED" && row.status !== "RUNNING", `job run ${id} to finish`);
const running = (id: string) => until(() => jobRun(id), (row) => row.status === "RUNNING", `job run ${id} to run`);
const alerted = () => harness.runner.listEvents({ name: jobRunFailed.name }).map((event) => (event.data as { jobRunId: string }).jobRunId);

describe("runs the job runner no longer has", () => {
  it("Sync now closes the connection's dead run and starts a real one, which succeeds", async () => {
    const c = await connected();
    const dead = await deadRun(c.workspaceId, c.connectionId);

    const answer = await c.syncNow();
    expect(answer.coalesced).toBe(false);
    expect(await jobRun(dead.id)).toMatchObject({ status: "FAILED", error: RUN_UNKNOWN });
    expect(alerted()).toContain(dead.id);

    const run = await harness.waitForRun({ functionId: "connection-sync", eventId: `sync-${answer.jobRunId}`, status: "COMPLETED" });
    // The queued row kept the id Inngest answered the send with, and its run claimed it.
    expect(await finished(answer.jobRunId)).toMatchObject({ status: "SUCCEEDED", inngestRunId: run.id, eventId: run.internalEventId });
  });

  it("the scheduler tick closes every connection's dead run or lost event, and requests their syncs on the same tick", async () => {
    const a = await connected();
    const b = await connected();
    const deadA = await deadRun(a.workspaceId, a.connectionId);
    const lostB = await buildTrackedJobRun({
      workspaceId: b.workspaceId,
      connectionId: b.connectionId,
      kind: "sync",
      functionId: "connection-sync",
      status: "QUEUED",
      eventId: "01JLOSTEVENT00000000000000",
      queuedAt: minutesAgo(5),
    });

    expect((await tick()).status).toBe("COMPLETED");
    expect(await jobRun(deadA.id)).toMatchObject({ status: "FAILED", error: RUN_UNKNOWN });
    expect(await jobRun(lostB.id)).toMatchObject({ status: "FAILED", error: EVENT_UNKNOWN });
    for (const connectionId of [a.connectionId, b.connectionId]) {
      const requested = await db.jobRun.findFirstOrThrow({ where: { connectionId, trigger: "SCHEDULE", status: { not: "FAILED" } } });
      expect(await finished(requested.id)).toMatchObject({ status: "SUCCEEDED", eventId: expect.any(String) });
    }
  });

  it("after a restart of the runner, the start-up recovery closes everything that was in flight, and Sync now starts a real run", async () => {
    const c = await connected();
    const release = hold(c.connectionId);
    const inFlight = await c.syncNow();
    await running(inFlight.jobRunId);
    const other = await connected();
    const [queuedEvent] = await harness.send({ name: "test/nobody-listens" });
    const queued = await buildTrackedJobRun({ workspaceId: other.workspaceId, connectionId: other.connectionId, kind: "sync", status: "QUEUED", eventId: queuedEvent });

    await harness.restartRunner();
    const recovered = await recoverAfterRunnerRestart({ runner: inngestRunStatus(), sendEvents: (events) => inngest.send(events) });
    expect(recovered.closedRuns).toBe(2);
    expect(await jobRun(inFlight.jobRunId)).toMatchObject({ status: "FAILED", error: RUN_UNKNOWN });
    expect(await jobRun(queued.id)).toMatchObject({ status: "FAILED", error: EVENT_UNKNOWN });
    release();

    const again = await c.syncNow();
    expect(again.coalesced).toBe(false);
    expect(await finished(again.jobRunId)).toMatchObject({ status: "SUCCEEDED" });
  });

  it("never closes a run the runner has alive, however long silent: the tick leaves it and Sync now coalesces onto it", async () => {
    const c = await connected();
    const release = hold(c.connectionId);
    const { jobRunId } = await c.syncNow();
    await running(jobRunId);
    // Silent for 45 minutes: the heartbeat timeout alone would take it for dead.
    const longAgo = minutesAgo(45);
    await db.$executeRaw`
      UPDATE "JobRun" SET "queuedAt" = ${longAgo}, "startedAt" = ${longAgo},
        "details" = jsonb_set("details", '{heartbeatAt}', to_jsonb(${longAgo.toISOString()}::text))
      WHERE "id" = ${jobRunId}`;

    expect((await tick()).status).toBe("COMPLETED");
    expect((await jobRun(jobRunId)).status).toBe("RUNNING");
    expect(await c.syncNow()).toEqual({ jobRunId, coalesced: true });

    release();
    expect(await finished(jobRunId)).toMatchObject({ status: "SUCCEEDED" });
  });
});

describe("webhook deliveries the job runner lost", () => {
  it("the tick sends again a delivery whose event the runner never ran, which deletes the order, and fails an expired one", async () => {
    const c = await connected();
    const scope = { workspaceId: c.workspaceId, connectionId: c.connectionId };
    await ingestOrders(scope, [orderRecord("7001")]);
    const delivery = (topic: string, payload: object, data: object) =>
      db.webhookEvent.create({ data: { ...scope, provider: "SHOPIFY", externalId: randomUUID(), topic, payload, ...data } });
    // Handed to a runner that died with it: sent, never processed.
    const lost = await delivery("orders/delete", { id: 7001 }, { queuedAt: minutesAgo(10), sendCount: 1, inngestEventId: "01JLOSTWEBHOOK000000000000" });
    const expired = await delivery("orders/delete", { id: 7002 }, { receivedAt: minutesAgo(24 * 60) });

    expect((await tick()).status).toBe("COMPLETED");
    const processed = await until(() => db.webhookEvent.findUniqueOrThrow({ where: { id: lost.id } }), (row) => row.status !== "RECEIVED", "the delivery to be processed");
    expect(processed).toMatchObject({ status: "PROCESSED", sendCount: 2, error: null });
    expect(processed.inngestEventId).not.toBe(lost.inngestEventId);
    const order = await db.order.findUniqueOrThrow({ where: { workspaceId_connectionId_externalId: { ...scope, externalId: "7001" } } });
    expect(order.deletedAt).not.toBeNull();
    expect(await db.webhookEvent.findUniqueOrThrow({ where: { id: expired.id } })).toMatchObject({ status: "FAILED", error: WEBHOOK_EXPIRED });
  });
});
