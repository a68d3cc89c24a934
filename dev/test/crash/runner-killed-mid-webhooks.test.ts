// Crash drill: the job runner is killed (SIGKILL) in the middle of a webhook burst on a synced shop:
// the intake keeps storing deliveries (their events cannot be sent), the events the runner held die
// with it, and so do the runs that were processing them. The runner starts again on its port,
// followed by the start-up recovery `npm run dev` runs.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { connectShop, finished, startDrill, webhookBurst, type Drill } from "@/dev/test/crash/drill";
import { expectDeliveriesApplied, expectRecovered } from "@/dev/test/crash/expect-recovered";
import { db } from "@/server/db";

// server/env reads the environment once, on first import: the stack's ports and settings first.
const { ports } = await vi.hoisted(async () => {
  const { crashEnv, reserveCrashPorts } = await import("@/dev/test/crash/stack");
  const reserved = await reserveCrashPorts();
  Object.assign(process.env, crashEnv(reserved));
  return { ports: reserved };
});

const SHOP = "crash-runner-webhooks.myshopify.com";
let drill: Drill;

beforeAll(async () => {
  drill = await startDrill(ports, { domain: SHOP, orders: 1500 });
}, 180_000);
afterAll(async () => {
  await drill?.stack.stop();
  await drill?.sandbox.stop();
});

describe("the job runner killed mid-webhook-burst", () => {
  it("every delivery ends processed and the webhooks alone make the database equal to the shop, deletions included", async () => {
    const connected = await connectShop(drill.shop);
    const first = await connected.syncNow();
    expect((await finished(first.jobRunId, 120_000)).status).toBe("SUCCEEDED");

    await webhookBurst(drill.shop, { updates: 200, deletions: 40, duringAfter: 200, during: () => drill.stack.kill("runner") });
    // The crash left deliveries never handed to a runner, and others it held and lost.
    const where = { connectionId: connected.connectionId, status: "RECEIVED" as const };
    expect(await db.webhookEvent.count({ where: { ...where, queuedAt: null } })).toBeGreaterThan(0);
    expect(await db.webhookEvent.count({ where: { ...where, queuedAt: { not: null } } })).toBeGreaterThan(0);

    await drill.stack.restart("runner");
    await drill.stack.recover();

    await expectDeliveriesApplied(drill, connected);
    expect(await db.webhookEvent.count({ where: { connectionId: connected.connectionId, status: "FAILED" } })).toBe(0);
    await expectRecovered(drill, connected);
  }, 240_000);
});
