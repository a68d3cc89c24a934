// Crash drill: the job runner is killed (SIGKILL) in the middle of a sync and started again on its
// port, then what `npm run dev` runs after the runner's start: the runner knows none of the runs and
// events of before, and nothing may stay blocked or lost.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { connectShop, midSync, startDrill, type Drill } from "@/dev/test/crash/drill";
import { expectRecovered } from "@/dev/test/crash/expect-recovered";
import { db } from "@/server/db";
import { RUN_UNKNOWN } from "@/server/services/jobs/reconcile-in-flight-runs";

// server/env reads the environment once, on first import: the stack's ports and settings first.
const { ports } = await vi.hoisted(async () => {
  const { crashEnv, reserveCrashPorts } = await import("@/dev/test/crash/stack");
  const reserved = await reserveCrashPorts();
  Object.assign(process.env, crashEnv(reserved));
  return { ports: reserved };
});

const SHOP = "crash-runner.myshopify.com";
let drill: Drill;

beforeAll(async () => {
  drill = await startDrill(ports, { domain: SHOP, orders: 2000 });
}, 180_000);
afterAll(async () => {
  await drill?.stack.stop();
  await drill?.sandbox.stop();
});

describe("the job runner killed mid-sync", () => {
  it("closes the run it lost at start-up; Sync now starts a real run that completes the sync, and every count adds up", async () => {
    const connected = await connectShop(drill.shop);
    const first = await connected.syncNow();
    await midSync(first.jobRunId, drill.shop);

    await drill.stack.kill("runner");
    await drill.stack.restart("runner");
    await drill.stack.recover();

    const lost = await db.jobRun.findUniqueOrThrow({ where: { id: first.jobRunId } });
    expect(lost).toMatchObject({ status: "FAILED", error: RUN_UNKNOWN });
    expect(lost.recordsRead).toBeGreaterThan(0);

    const again = await expectRecovered(drill, connected);
    expect(again.coalesced).toBe(false);
  }, 240_000);
});
