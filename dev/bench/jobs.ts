// `npm run bench:jobs [-- --no-build] [-- --runs 500] [-- --no-checkpointing]`
// No-op Inngest functions (diagnostics-noop) through the local runner and the real app endpoint:
// production build + `next start`, signed call requests, steps reported through async checkpoints
// (the runner's default, as on Inngest servers; `--no-checkpointing` measures one call request per
// step instead). Prints runs/s (many 1-step runs at once) and the latency each step adds
// (sequential runs of 0 vs 10 steps).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { startEmbeddedPostgres, findFreePort } from "@/dev/db/embedded-postgres";
import { deployMigrations, ensureDatabase } from "@/dev/db/migrations";
import type { InngestRunner, Run } from "@/dev/inngest/runner";
import { startInngestRunner, syncWhenReady } from "@/dev/inngest/start";
import { BENCH_DIST_DIR, buildForBench, startNextForBench } from "./next-server";

const APP_PORT = 3250;
const RUNNER_PORT = 8390;
const SIGNING_KEY = "signkey-bench-62656e63682d6f6e6c792d7369676e696e672d6b65792d666f722d6d65726964";
const EVENT_KEY = "bench-event-key";
const EVENT = "app/diagnostics.noop.requested";
const TARGET = { runsPerSecond: 50, msPerStep: 20 };

const { values: args } = parseArgs({
  options: {
    "no-build": { type: "boolean", default: false },
    "no-checkpointing": { type: "boolean", default: false },
    runs: { type: "string", default: "500" },
    concurrency: { type: "string", default: "32" },
  },
});

const log = (message: string) => console.log(`[bench:jobs] ${message}`);

async function sendAndWait(runner: InngestRunner, runnerUrl: string, events: Array<{ steps: number }>): Promise<Run[]> {
  const response = await fetch(`${runnerUrl}/e/${EVENT_KEY}`, { method: "POST", body: JSON.stringify(events.map((data) => ({ name: EVENT, data }))) });
  const { ids } = (await response.json()) as { ids: string[] };
  const wanted = new Set(ids);
  const runs = runner.listRuns({ eventName: EVENT }).filter((run) => wanted.has(run.event.id));
  if (runs.length !== ids.length) throw new Error(`${ids.length} events started ${runs.length} runs; is diagnostics-noop registered?`);
  const finished = await Promise.all(runs.map((run) => runner.waitForRun(run.id, 120_000)));
  const failed = finished.filter((run) => run.status !== "COMPLETED");
  if (failed.length) throw new Error(`${failed.length} runs did not complete: ${failed[0]!.error?.message ?? failed[0]!.status}`);
  return finished;
}

async function meanSequential(runner: InngestRunner, runnerUrl: string, steps: number, count: number): Promise<number> {
  let total = 0;
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await sendAndWait(runner, runnerUrl, [{ steps }]);
    total += performance.now() - started;
  }
  return total / count;
}

async function main() {
  const cleanups: Array<() => Promise<unknown>> = [];
  const stopAll = async () => {
    for (const stop of cleanups.reverse()) await stop().catch((error: unknown) => console.error("[bench:jobs] cleanup:", error));
    cleanups.length = 0;
  };
  process.once("SIGINT", () => void stopAll().then(() => process.exit(130)));
  process.once("SIGTERM", () => void stopAll().then(() => process.exit(143)));

  try {
    const workDir = await mkdtemp(join(tmpdir(), "meridian-bench-jobs-"));
    cleanups.push(() => rm(workDir, { recursive: true, force: true }));
    log("starting embedded PostgreSQL");
    const pg = await startEmbeddedPostgres({ dataDir: workDir, port: await findFreePort(), ephemeral: true });
    cleanups.push(() => pg.stop());
    await ensureDatabase(pg.url("postgres"), "meridian_bench_jobs");
    const databaseUrl = pg.url("meridian_bench_jobs");
    await deployMigrations(databaseUrl);

    const appUrl = `http://127.0.0.1:${APP_PORT}`;
    const runner = await startInngestRunner({
      port: RUNNER_PORT,
      signingKey: SIGNING_KEY,
      eventKey: EVENT_KEY,
      cron: "manual",
      maxConcurrentCalls: Number(args.concurrency),
      checkpointing: !args["no-checkpointing"],
    });
    cleanups.push(() => runner.stop());

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      AUTH_SECRET: "bench-only-auth-secret-0123456789abcdef0123456789",
      ENCRYPTION_KEYS: "bench1:yet0uc6xGJcUvZCPaprucssr1qykS09sLLqzrSa5WEw=",
      APP_URL: appUrl,
      PORT: String(APP_PORT),
      INNGEST_DEV: "0",
      INNGEST_BASE_URL: runner.url,
      INNGEST_SIGNING_KEY: SIGNING_KEY,
      INNGEST_EVENT_KEY: EVENT_KEY,
    };
    log(args["no-build"] ? `reusing the build in ${BENCH_DIST_DIR} if there is one (--no-build)` : "building for production (next build)");
    if (!(await buildForBench(env, { reuse: args["no-build"] }))) log(`using the existing build in ${BENCH_DIST_DIR}`);

    const logFile = join(tmpdir(), `meridian-bench-jobs-next-${process.pid}.log`);
    log(`starting next start on ${appUrl} (server log: ${logFile})`);
    const next = await startNextForBench({ port: APP_PORT, env, logFile });
    cleanups.push(() => next.stop());
    await syncWhenReady(runner.runner, `${appUrl}/api/inngest`, { timeoutMs: 60_000 });
    if (!runner.runner.listFunctions().some((fn) => fn.id.endsWith("diagnostics-noop"))) throw new Error("The app did not register diagnostics-noop");

    log("warming up");
    await sendAndWait(runner.runner, runner.url, Array.from({ length: 40 }, () => ({ steps: 2 })));
    await meanSequential(runner.runner, runner.url, 10, 2);

    const count = Number(args.runs);
    log(`throughput: ${count} runs of 1 step, sent at once (runner concurrency ${args.concurrency})`);
    const started = performance.now();
    const runs = await sendAndWait(runner.runner, runner.url, Array.from({ length: count }, () => ({ steps: 1 })));
    const seconds = (performance.now() - started) / 1000;
    const runsPerSecond = runs.length / seconds;
    const callsPerRun = runs.reduce((sum, run) => sum + run.calls, 0) / runs.length;
    const checkpointedPerRun = runs.reduce((sum, run) => sum + run.checkpointedSteps, 0) / runs.length;

    log("latency: 20 sequential runs each of 0 and 10 steps");
    const t0 = await meanSequential(runner.runner, runner.url, 0, 20);
    const t10 = await meanSequential(runner.runner, runner.url, 10, 20);
    const perStep = (t10 - t0) / 10;

    console.log("");
    console.log(`runs/s        ${runsPerSecond.toFixed(1)}   (${runs.length} runs in ${seconds.toFixed(2)} s, ${callsPerRun.toFixed(1)} call requests and ${checkpointedPerRun.toFixed(1)} checkpointed steps per run)`);
    console.log(`run, 0 steps  ${t0.toFixed(1)} ms   run, 10 steps  ${t10.toFixed(1)} ms`);
    console.log(`per step      ${perStep.toFixed(2)} ms`);
    const met = runsPerSecond >= TARGET.runsPerSecond && perStep < TARGET.msPerStep;
    console.log(`target        >= ${TARGET.runsPerSecond} runs/s and < ${TARGET.msPerStep} ms per step: ${met ? "met" : "NOT met"}`);
    await rm(logFile, { force: true });
  } finally {
    await stopAll();
  }
}

main().catch((error: unknown) => {
  console.error(`[bench:jobs] FAILED: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
