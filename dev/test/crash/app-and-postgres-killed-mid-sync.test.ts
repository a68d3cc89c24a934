// Crash drill: the app and PostgreSQL (a durable embedded server on a data folder of its own) are
// killed together (SIGKILL) in the middle of a sync. The runner, which lives on, gives up on the dead
// app; PostgreSQL starts again on the same folder (crash recovery from its write-ahead log), then the
// app, followed by the start-up recovery `npm run dev` runs.
import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { connectShop, midSync, recordsIn, startDrill, type Drill } from "@/dev/test/crash/drill";
import { expectRecovered } from "@/dev/test/crash/expect-recovered";
import { until } from "@/dev/test/crash/recovery-checks";
import { databaseSnapshot } from "@/dev/test/sandbox-shopify";
import { db } from "@/server/db";
import { runEnded } from "@/server/services/jobs/reconcile-in-flight-runs";

// server/env reads the environment once, on first import: the stack's PostgreSQL, ports and settings first.
const { ports, stack, dataDir } = await vi.hoisted(async () => {
  const { mkdtemp } = await import("node:fs/promises");
  const { join } = await import("node:path");
  const { tmpdir } = await import("node:os");
  const { CrashStack, crashEnv, reserveCrashPorts, testStackOptions } = await import("@/dev/test/crash/stack");
  const reserved = await reserveCrashPorts();
  // Under the throwaway servers' prefix, so a run killed before its clean-up leaves nothing behind (embedded-postgres.ts sweeps them).
  const folder = await mkdtemp(join(tmpdir(), "meridian-pg-crash-"));
  const crashStack = new CrashStack({ ...testStackOptions(reserved), postgres: { dataDir: folder, database: "meridian_crash" } });
  await crashStack.startPostgres();
  Object.assign(process.env, crashEnv(reserved), { DATABASE_URL: crashStack.databaseUrl });
  return { ports: reserved, stack: crashStack, dataDir: folder };
});

const SHOP = "crash-postgres.myshopify.com";
let drill: Drill;

beforeAll(async () => {
  drill = await startDrill(ports, { domain: SHOP, orders: 2000, stack });
}, 180_000);
afterAll(async () => {
  await db.$disconnect();
  await stack.stop();
  await drill?.sandbox.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe("the app and PostgreSQL killed mid-sync", () => {
  it("keeps exactly what the run committed and counted; once both are back the run is closed, and Sync now completes the sync", async () => {
    const connected = await connectShop(drill.shop);
    const first = await connected.syncNow();
    const { inngestRunId } = await midSync(first.jobRunId, drill.shop);

    await drill.stack.kill("app", "postgres");
    const runs = await until(() => drill.stack.runs(), (all) => all.every((run) => run.status !== "QUEUED" && run.status !== "RUNNING"), "the runner to give up");
    expect(runs.find((run) => run.id === inngestRunId)?.status).toBe("FAILED");

    await drill.stack.restart("postgres", "app");
    await drill.stack.recover();

    const lost = await db.jobRun.findUniqueOrThrow({ where: { id: first.jobRunId } });
    expect(lost).toMatchObject({ status: "FAILED", error: runEnded("failed") });
    // A first sync only inserts: what survived the crash is what the run counted, batch for batch.
    expect(lost.recordsInserted).toBeGreaterThan(0);
    expect(lost.recordsInserted).toBe(recordsIn(await databaseSnapshot(connected.connectionId)));

    const again = await expectRecovered(drill, connected);
    expect(again.coalesced).toBe(false);
  }, 240_000);
});
