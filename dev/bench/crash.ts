// `npm run bench:crash [-- --orders 30000 --updates 750 --deletions 125 --down-seconds 6 --retry-scale 1 --no-startup-recovery]`
//
// Issue 11's crash drill, measured: a shop of `--orders` orders is being backfilled when a burst of
// webhooks comes in (`--updates` orders changed, each delivered three times: the new body, the body
// from before the change in either order, and a duplicate; `--deletions` orders deleted, each
// followed by a late update; 2,500 deliveries by default), and a third of the way into the burst
// the whole stack is killed with SIGKILL: the app (the Inngest functions and the webhook intake),
// the local Inngest runner and PostgreSQL (durable, on its own folder). `--down-seconds` later it
// starts again as `npm run dev` does (PostgreSQL's crash recovery, the runner, the app, the runner
// syncs the app, the start-up recovery; `--no-startup-recovery` leaves recovery to the scheduler's
// tick alone, as in production) with the runner's settings of `npm run dev` (crons every minute,
// retries after 1 s doubling), while a person presses "Sync now" every second. The sandbox Shopify
// stands for Shopify: it keeps running and retries the deliveries that failed on Shopify's schedule
// (`--retry-scale` compresses it); its cost bucket is lifted, so the figures measure our recovery,
// not Shopify's pace. From the restart it measures: until "Sync now" starts a real run (the run
// in the runner, RUNNING), until every delivery is final (stored ones PROCESSED, IGNORED or FAILED
// with a reason, and none left in Shopify's retries), until the database equals the shop again,
// and checks the counts of every JobRun and that no run is left open without a live run.
// Prints the load average next to the figures.
import { mkdtemp, rm } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { CrashStack, crashEnv, reserveCrashPorts } from "@/dev/test/crash/stack";

const { values: args } = parseArgs({
  options: {
    orders: { type: "string", default: "30000" },
    updates: { type: "string", default: "750" },
    deletions: { type: "string", default: "125" },
    "down-seconds": { type: "string", default: "6" },
    "retry-scale": { type: "string", default: "1" },
    "no-startup-recovery": { type: "boolean", default: false },
    /** Give up waiting for a figure after this long. */
    "timeout-minutes": { type: "string", default: "20" },
  },
});

const SHOP = "crash-bench.myshopify.com";
const load = () => loadavg().map((n) => n.toFixed(2)).join(" ");
const log = (message: string) => console.log(`[bench:crash] ${message}`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main() {
  const timeoutMs = Number(args["timeout-minutes"]) * 60_000;
  const ports = await reserveCrashPorts();
  // Under the throwaway servers' prefix, so an interrupted run leaves nothing behind (embedded-postgres.ts sweeps them).
  const dataDir = await mkdtemp(join(tmpdir(), "meridian-pg-crash-bench-"));
  const stack = new CrashStack({
    ports,
    postgres: { dataDir, database: "meridian_crash_bench" },
    runnerCron: "auto",
    ...(process.env.CRASH_LOG ? { log: (line: string) => console.log(line) } : {}),
  });
  const cleanup = async () => {
    await stack.stop().catch(() => undefined);
    await rm(dataDir, { recursive: true, force: true });
  };
  process.once("SIGINT", () => void cleanup().then(() => process.exit(130)));

  log(`load average before: ${load()}`);
  await stack.startPostgres();
  // server/env reads these once, on first import: everything from server/ is imported below.
  Object.assign(process.env, crashEnv(ports), { DATABASE_URL: stack.databaseUrl, LOG_LEVEL: process.env.LOG_LEVEL ?? "fatal" });
  const { db } = await import("@/server/db");
  await import("@/inngest/register-job-runner");
  const { inngestRunStatus } = await import("@/inngest/run-status");
  const { isEnded } = await import("@/server/services/jobs/job-runner");
  const { connectShop, finished, midSync, recordsIn, startDrill, webhookBurst } = await import("@/dev/test/crash/drill");
  const checks = await import("@/dev/test/crash/recovery-checks");
  const { differencesFromShop } = await import("@/dev/test/sandbox-shopify");
  const runner = inngestRunStatus();

  let sandboxStop: (() => Promise<void>) | undefined;
  try {
    const drill = await startDrill(ports, {
      domain: SHOP,
      orders: Number(args.orders),
      products: 500,
      webhookRetryScale: Number(args["retry-scale"]),
      costLimits: { maximumAvailable: 2000, restoreRate: 50_000 },
      stack,
    });
    sandboxStop = () => drill.sandbox.stop();
    const connected = await connectShop(drill.shop);
    log(`stack up: PostgreSQL (durable) ${ports.postgres}, runner ${ports.runner}, app ${ports.app}; shop of ${args.orders} orders; load ${load()}`);

    // ---- the crash ----
    const first = await connected.syncNow();
    const records = recordsIn(drill.shop.snapshot());
    await midSync(first.jobRunId, drill.shop, 0.1, timeoutMs);
    let killedAt = 0;
    let killedAtDate = new Date();
    const kill = async () => {
      killedAt = performance.now();
      killedAtDate = new Date();
      await stack.kill("app", "runner", "postgres");
    };
    const burstSize = Number(args.updates) * 3 + Number(args.deletions) * 2;
    log(`sync 10 % through; a burst of ${burstSize} deliveries, the whole stack killed a third of the way in`);
    const burst = await webhookBurst(drill.shop, { updates: Number(args.updates), deletions: Number(args.deletions), duringAfter: Math.round(burstSize / 3), during: kill });
    log(`burst: ${burst.attempts} deliveries attempted, ${burst.acknowledged} acknowledged before the crash; the rest wait for Shopify's retries`);

    await sleep(Math.max(0, Number(args["down-seconds"]) * 1000 - (performance.now() - killedAt)));

    // ---- the restart, and a person pressing Sync now every second meanwhile ----
    const restartedAt = performance.now();
    const since = () => performance.now() - restartedAt;
    log(`restarting ${args["down-seconds"]} s after the kill${args["no-startup-recovery"] ? ", without the start-up recovery" : ""}`);
    const restart = (async () => {
      await stack.restart("postgres", "runner", "app");
      const up = since();
      if (!args["no-startup-recovery"]) await stack.recover();
      return { up, recovered: since() };
    })();

    let clicks = 0;
    let refused = 0;
    let deadAnswers = 0;
    const firstRealRun = (async () => {
      for (;;) {
        if (since() > timeoutMs) throw new Error(`Sync now started no real run within ${args["timeout-minutes"]} minutes`);
        clicks++;
        try {
          const answer = await connected.syncNow();
          let row = await db.jobRun.findUniqueOrThrow({ where: { id: answer.jobRunId } });
          // A queued run is real once the runner claims it; a coalesced one only if the runner has it running.
          for (const deadline = performance.now() + 30_000; row.status === "QUEUED" && performance.now() < deadline; await sleep(100)) {
            row = await db.jobRun.findUniqueOrThrow({ where: { id: answer.jobRunId } });
          }
          const run = row.status === "RUNNING" && row.inngestRunId ? await runner.run(row.inngestRunId) : null;
          if (run && !isEnded(run)) return { ms: since(), jobRunId: row.id, coalesced: answer.coalesced };
          deadAnswers++;
        } catch {
          // The stack is still starting: the button answers with an error; press it again.
          refused++;
        }
        await sleep(1000);
      }
    })();

    const { up, recovered } = await restart;
    log(`stack up again after ${seconds(up)}${args["no-startup-recovery"] ? "" : `, start-up recovery done after ${seconds(recovered)}`}; load ${load()}`);
    const realRun = await firstRealRun;
    log(`Sync now started a real run after ${seconds(realRun.ms)} (${clicks} presses: ${refused} refused while the stack started, ${deadAnswers} answered with a run that was not live)`);

    const lost = await db.jobRun.findUniqueOrThrow({ where: { id: first.jobRunId } });
    log(`the interrupted run: ${lost.status}${lost.error ? ` (${lost.error})` : ""}; had read ${lost.recordsRead} of the shop's ${records} records, inserted ${lost.recordsInserted}`);

    // Measured side by side from here, each figure its own moment. The comparison with the shop is
    // costly (every order read back), so it starts once it can hold: the run done, every delivery final.
    const measured = async (done: () => Promise<unknown>) => {
      await done();
      return since();
    };
    const poll = (what: string, pending: () => Promise<unknown[]>) => measured(() => checks.until(pending, checks.isEmpty, what, timeoutMs));
    const storedFinal = poll("every delivery stored before the crash final", () => checks.unsettledDeliveries(connected.connectionId, runner, { receivedBefore: killedAtDate }));
    const retriesDelivered = poll("Shopify's retries delivered", async () => drill.shop.webhookRetries.list());
    const everyFinal = measured(async () => {
      await retriesDelivered;
      await checks.until(() => checks.unsettledDeliveries(connected.connectionId, runner), checks.isEmpty, "every delivery final", timeoutMs);
    });
    const syncDone = (async () => ({ row: await finished(realRun.jobRunId, timeoutMs), ms: since() }))();
    // Once nothing is left to apply the database should equal the shop; what a sync can still
    // bring is left to the next one (the schedule's, hourly by default), pressed here at once.
    let comparisonMs = 0;
    let differences: string[] = [];
    const equalNow = async () => {
      const started = performance.now();
      differences = await differencesFromShop(connected.connectionId, drill.shop);
      comparisonMs = performance.now() - started;
      return differences.length === 0;
    };
    let differencesBeforeNextSync: string[] = [];
    const databaseEqual = (async () => {
      await Promise.all([syncDone, everyFinal]);
      if (await equalNow()) return { ms: since(), afterNextSync: false };
      differencesBeforeNextSync = differences;
      const next = await connected.syncNow();
      await finished(next.jobRunId, timeoutMs);
      return (await equalNow()) ? { ms: since(), afterNextSync: true } : null;
    })();
    const [storedMs, retriesMs, deliveriesMs, synced, equalMs] = await Promise.all([storedFinal, retriesDelivered, everyFinal, syncDone, databaseEqual]);

    const [counts, open, byStatus] = await Promise.all([
      checks.runsWithCountsNotAddingUp(connected.connectionId),
      checks.runsWithoutLiveRun(runner),
      db.webhookEvent.groupBy({ by: ["status"], where: { connectionId: connected.connectionId }, _count: true }),
    ]);
    const deliveries = byStatus.map((row) => `${row._count} ${row.status}`).join(", ");
    const jobRuns = await db.jobRun.count({ where: { connectionId: connected.connectionId } });
    const deletions = await db.jobRun.aggregate({ where: { connectionId: connected.connectionId, kind: "webhook", stream: "orders/delete" }, _sum: { recordsDeleted: true, recordsUnchanged: true } });

    console.log("");
    console.log(`Crash drill — ${args.orders} orders, ${burstSize} webhook deliveries, whole stack killed, restarted ${args["down-seconds"]} s later; load average ${load()} (2 cores shared)`);
    const row = (what: string, figure: string) => console.log(`  restart → ${what.padEnd(44)} ${figure}`);
    if (args["no-startup-recovery"]) row("stack up", seconds(up));
    else row("stack up, start-up recovery done", seconds(recovered));
    row(`"Sync now" starts a real run`, `${seconds(realRun.ms)}  (${realRun.coalesced ? "answered with the live run" : "a new run"})`);
    row("deliveries stored before the crash final", seconds(storedMs));
    row("Shopify's retries all delivered", seconds(retriesMs));
    row("every delivery final", `${seconds(deliveriesMs)}  (${deliveries})`);
    row(`the run Sync now started ${synced.row.status.toLowerCase()}`, seconds(synced.ms));
    const equality = equalMs === null ? `not even after the next sync: ${differences.join("; ")}` : `${seconds(equalMs.ms)}${equalMs.afterNextSync ? " (after the next sync)" : ""}`;
    row("database equal to the shop", `${equality}  (one comparison: ${seconds(comparisonMs)})`);
    if (differencesBeforeNextSync.length > 0) console.log(`  before the next sync: ${differencesBeforeNextSync.join("; ")}`);
    console.log(`  counts: ${counts.length === 0 ? `read = inserted + updated + unchanged + deleted on all ${jobRuns} JobRuns` : counts.join("; ")}`);
    console.log(`  open runs without a live run: ${open.length === 0 ? "none" : open.join("; ")}`);
    console.log(`  orders/delete deliveries: ${deletions._sum.recordsDeleted ?? 0} deleted an order, ${deletions._sum.recordsUnchanged ?? 0} found none stored (yet)`);
    console.log(`  the interrupted run: ${lost.status}, ${lost.error ?? "no error"}`);
    if (counts.length > 0 || open.length > 0 || synced.row.status !== "SUCCEEDED" || equalMs === null) process.exitCode = 1;
  } finally {
    await sandboxStop?.();
    await db.$disconnect();
    await cleanup();
  }
}

main().catch((error: unknown) => {
  console.error(`[bench:crash] failed: ${error instanceof Error ? error.stack : String(error)}`);
  process.exitCode = 1;
});
