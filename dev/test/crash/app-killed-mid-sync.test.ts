// Crash drill: the app is killed (SIGKILL) in the middle of a sync and stays down until the job
// runner, which lives on (as Inngest Cloud does), has given up on the run: its retries and those of
// the onFailure run that records a failure all met a dead app, so nothing recorded the run's end.
// Then the app starts again, followed by the start-up recovery `npm run dev` runs.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { connectShop, midSync, recordsIn, startDrill, type Drill } from "@/dev/test/crash/drill";
import { expectRecovered } from "@/dev/test/crash/expect-recovered";
import { until } from "@/dev/test/crash/recovery-checks";
import { databaseSnapshot } from "@/dev/test/sandbox-shopify";
import { db } from "@/server/db";
import { runEnded } from "@/server/services/jobs/reconcile-in-flight-runs";

// server/env reads the environment once, on first import: the stack's ports and settings first.
const { ports } = await vi.hoisted(async () => {
  const { crashEnv, reserveCrashPorts } = await import("@/dev/test/crash/stack");
  const reserved = await reserveCrashPorts();
  Object.assign(process.env, crashEnv(reserved));
  return { ports: reserved };
});

const SHOP = "crash-app.myshopify.com";
let drill: Drill;

beforeAll(async () => {
  drill = await startDrill(ports, { domain: SHOP, orders: 2000 });
}, 180_000);
afterAll(async () => {
  await drill?.stack.stop();
  await drill?.sandbox.stop();
});

describe("the app killed mid-sync", () => {
  it("once the app is back, the run the runner gave up on is closed; Sync now starts a real run that completes the sync", async () => {
    const connected = await connectShop(drill.shop);
    const first = await connected.syncNow();
    const { inngestRunId } = await midSync(first.jobRunId, drill.shop);

    await drill.stack.kill("app");
    const runs = await until(() => drill.stack.runs(), (all) => all.every((run) => run.status !== "QUEUED" && run.status !== "RUNNING"), "the runner to give up");
    expect(runs.find((run) => run.id === inngestRunId)?.status).toBe("FAILED");
    // Nothing could record it: the row still says RUNNING.
    expect((await db.jobRun.findUniqueOrThrow({ where: { id: first.jobRunId } })).status).toBe("RUNNING");

    await drill.stack.restart("app");
    await drill.stack.recover();

    const lost = await db.jobRun.findUniqueOrThrow({ where: { id: first.jobRunId } });
    expect(lost).toMatchObject({ status: "FAILED", error: runEnded("failed") });
    // A first sync only inserts: what the run stored is what it counted, batch for batch.
    expect(lost.recordsInserted).toBeGreaterThan(0);
    expect(lost.recordsInserted).toBe(recordsIn(await databaseSnapshot(connected.connectionId)));

    const again = await expectRecovered(drill, connected);
    expect(again.coalesced).toBe(false);
  }, 240_000);
});
