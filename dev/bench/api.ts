// `npm run bench:api [-- --no-build] [-- --duration 20 --connections 10 --procedure member.list]`
// Production build + `next start` against a throwaway embedded PostgreSQL, then an authenticated
// tRPC read under load. Prints requests/s, p50/p95/p99 and the server's CPU time per request;
// fails on any non-2xx response.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, openSync, closeSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { findFreePort, startEmbeddedPostgres } from "@/dev/db/embedded-postgres";
import { deployMigrations, ensureDatabase } from "@/dev/db/migrations";
import { cpuSupported, processGroupCpuMs, processTreeCpuMs } from "./process-cpu";
import { seedSignedInOwner, type BenchIdentity } from "./seed-session";

const ROOT = resolve(__dirname, "..", "..");
const NEXT_BIN = join(ROOT, "node_modules", "next", "dist", "bin", "next");
const DATABASE = "meridian_bench";
const TARGET = { requestsPerSecond: 300, p95Ms: 50 };
// Relative to the project; inside .data/ (ignored by git, TypeScript and ESLint).
const DIST_DIR = ".data/bench-next";

const { values: args } = parseArgs({
  options: {
    "no-build": { type: "boolean", default: false },
    duration: { type: "string", default: "20" },
    connections: { type: "string", default: "10" },
    procedure: { type: "string", default: "member.list" },
    // Writes a V8 CPU profile of the server (open it in Chrome DevTools) when next start exits.
    "cpu-prof": { type: "string" },
  },
});

function log(message: string) {
  console.log(`[bench] ${message}`);
}

function runToEnd(command: string, commandArgs: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, commandArgs, { cwd: ROOT, env, stdio: "inherit" });
    child.once("error", reject);
    child.once("exit", (code) =>
      code === 0 ? resolvePromise() : reject(new Error(`${command} ${commandArgs.join(" ")} exited with ${code}`)),
    );
  });
}

function startNext(port: number, env: NodeJS.ProcessEnv, logFile: string, profileDir?: string): ChildProcess {
  const out = openSync(logFile, "a");
  const nodeFlags = profileDir ? ["--cpu-prof", `--cpu-prof-dir=${resolve(profileDir)}`] : [];
  // Own process group, so stopping it also stops any worker Next forks.
  const child = spawn(process.execPath, [...nodeFlags, NEXT_BIN, "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: ROOT,
    env,
    stdio: ["ignore", out, out],
    detached: true,
  });
  closeSync(out);
  return child;
}

async function stopProcessGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
  const pid = child.pid;
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-pid, signal);
    } catch {
      // The group is already gone.
    }
  };
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  signalGroup("SIGTERM");
  const timer = setTimeout(() => signalGroup("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

async function waitForHealthy(baseUrl: string, child: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}; see ${logFile}`);
    const response = await fetch(`${baseUrl}/api/health`).catch(() => null);
    if (response?.ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`next start did not become healthy within 60 s; see ${logFile}`);
}

// What httpBatchLink sends for one query: GET /api/trpc/<path>?batch=1&input={"0":<superjson>}.
function trpcBatchGetPath(procedure: string, input: unknown): string {
  const encoded = encodeURIComponent(JSON.stringify({ 0: { json: input } }));
  return `/api/trpc/${procedure}?batch=1&input=${encoded}`;
}

// The reads the bench can drive, each with the text its answer must contain for the owner, so a
// fast error page or an empty answer can never count as a result.
const PROCEDURES: Record<string, { input: (identity: BenchIdentity) => unknown; expect: (identity: BenchIdentity) => string }> = {
  "workspace.get": { input: (i) => ({ workspaceSlug: i.workspaceSlug }), expect: (i) => `"slug":"${i.workspaceSlug}"` },
  "member.list": { input: (i) => ({ workspaceSlug: i.workspaceSlug }), expect: (i) => i.lastMemberEmail },
};

async function checkTarget(url: string, cookie: string, expected: string): Promise<void> {
  const response = await fetch(url, { headers: { cookie } });
  const body = await response.text();
  if (!response.ok || !body.includes(expected)) {
    throw new Error(`The benchmarked request does not answer as a signed-in owner (${response.status}): ${body.slice(0, 500)}`);
  }
  const anonymous = await fetch(url);
  if (anonymous.status !== 401) {
    throw new Error(`The benchmarked request answers ${anonymous.status} without a session cookie; expected 401`);
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

async function load(url: string, cookie: string, seconds: number, connections: number) {
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolvePromise, reject) => {
    const instance = autocannon({ url, connections, pipelining: 1, duration: seconds, headers: { cookie } }, (error, done) =>
      error ? reject(error) : resolvePromise(done),
    );
    instance.on("response", (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
  latencies.sort((a, b) => a - b);
  return { result, latencies };
}

async function main() {
  const started: Array<() => Promise<void>> = [];
  let succeeded = false;
  const stopAll = async () => {
    for (const stop of started.reverse()) await stop().catch((error: unknown) => console.error("[bench] cleanup:", error));
    started.length = 0;
  };
  const onSignal = () => {
    void stopAll().then(() => process.exit(130));
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);

  const procedure = PROCEDURES[args.procedure];
  if (!procedure) throw new Error(`--procedure must be one of ${Object.keys(PROCEDURES).join(", ")}`);

  try {
    const workDir = await mkdtemp(join(tmpdir(), "meridian-bench-"));
    started.push(() => rm(workDir, { recursive: true, force: true }));

    log("starting embedded PostgreSQL");
    const server = await startEmbeddedPostgres({ dataDir: workDir, port: await findFreePort(), ephemeral: true });
    started.push(() => server.stop());
    await ensureDatabase(server.url("postgres"), DATABASE);
    const databaseUrl = server.url(DATABASE);

    const port = await findFreePort(3200);
    const appUrl = `http://127.0.0.1:${port}`;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      AUTH_SECRET: "bench-only-auth-secret-0123456789abcdef0123456789",
      ENCRYPTION_KEYS: "bench1:yet0uc6xGJcUvZCPaprucssr1qykS09sLLqzrSa5WEw=",
      APP_URL: appUrl,
      PORT: String(port),
      NEXT_TELEMETRY_DISABLED: "1",
      NEXT_DIST_DIR: DIST_DIR,
    };

    log("applying migrations");
    await deployMigrations(databaseUrl);
    const identity = await seedSignedInOwner(databaseUrl);

    const hasBuild = existsSync(join(ROOT, DIST_DIR, "BUILD_ID"));
    if (args["no-build"] && hasBuild) {
      log(`using the existing build in ${DIST_DIR} (--no-build)`);
    } else {
      log("building for production (next build)");
      await runToEnd(process.execPath, [NEXT_BIN, "build"], env);
    }

    // Outside the work folder, which is deleted at the end, so the log survives a failed run.
    const logFile = join(tmpdir(), `meridian-bench-next-${process.pid}.log`);
    started.push(() => (succeeded ? rm(logFile, { force: true }) : Promise.resolve()));
    log(`starting next start on ${appUrl} (server log: ${logFile})`);
    const next = startNext(port, env, logFile, args["cpu-prof"]);
    started.push(() => stopProcessGroup(next));
    await waitForHealthy(appUrl, next, logFile);

    // Auth.js uses the __Secure- cookie name whenever secure cookies are on (production), even
    // over http; sending both names keeps the bench independent of that setting.
    const cookie = `authjs.session-token=${identity.sessionToken}; __Secure-authjs.session-token=${identity.sessionToken}`;
    const url = `${appUrl}${trpcBatchGetPath(args.procedure, procedure.input(identity))}`;
    await checkTarget(url, cookie, procedure.expect(identity));

    log("warming up (5 s)");
    await load(url, cookie, 5, Number(args.connections));

    const seconds = Number(args.duration);
    log(`measuring: GET ${args.procedure}, ${args.connections} connections, pipelining 1, ${seconds} s`);
    const cpuBefore = { next: processGroupCpuMs(next.pid!), postgres: processTreeCpuMs(server.process.pid!) };
    const { result, latencies } = await load(url, cookie, seconds, Number(args.connections));
    const cpuUsed = {
      next: processGroupCpuMs(next.pid!) - cpuBefore.next,
      postgres: processTreeCpuMs(server.process.pid!) - cpuBefore.postgres,
    };

    const rps = result.requests.total / result.duration;
    const [p50, p95, p99] = [50, 95, 99].map((p) => percentile(latencies, p));
    console.log("");
    console.log(`requests/s   ${rps.toFixed(0)}   (${result.requests.total} requests in ${result.duration.toFixed(1)} s)`);
    console.log(`latency p50  ${p50!.toFixed(1)} ms`);
    console.log(`latency p95  ${p95!.toFixed(1)} ms`);
    console.log(`latency p99  ${p99!.toFixed(1)} ms`);
    console.log(`non-2xx      ${result.non2xx}   errors ${result.errors}   timeouts ${result.timeouts}`);
    if (cpuSupported && result.requests.total > 0) {
      const perRequest = (ms: number) => (ms / result.requests.total).toFixed(2);
      // Node serves requests on one thread, so 1000 / (next CPU ms) bounds requests/s per instance.
      console.log(`server CPU   next ${perRequest(cpuUsed.next)} ms/request, postgres ${perRequest(cpuUsed.postgres)} ms/request`);
    }
    console.log(`machine load ${loadavg().map((n) => n.toFixed(2)).join(" ")} (1/5/15 min; other work on these cores skews the figures)`);
    console.log(`target       >= ${TARGET.requestsPerSecond} req/s and p95 < ${TARGET.p95Ms} ms: ${rps >= TARGET.requestsPerSecond && p95! < TARGET.p95Ms ? "met" : "NOT met"}`);

    if (result.non2xx > 0 || result.errors > 0) {
      throw new Error(`${result.non2xx} non-2xx responses and ${result.errors} errors under load; see ${logFile}`);
    }
    succeeded = true;
  } finally {
    await stopAll();
  }
}

main().catch((error: unknown) => {
  console.error(`[bench] FAILED: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
