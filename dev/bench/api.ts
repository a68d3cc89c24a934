// `npm run bench:api [-- --no-build] [-- --duration 20 --connections 10 --procedure member.list]`
// Production build + `next start` against a throwaway embedded PostgreSQL, then an authenticated
// tRPC read under load. Prints requests/s, p50/p95/p99 and the server's CPU time per request;
// fails on any non-2xx response.
import { mkdtemp, rm } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { findFreePort, startEmbeddedPostgres } from "@/dev/db/embedded-postgres";
import { deployMigrations, ensureDatabase } from "@/dev/db/migrations";
import { BENCH_DIST_DIR, buildForBench, startNextForBench } from "./next-server";
import { cpuSupported, processGroupCpuMs, processTreeCpuMs } from "./process-cpu";
import { seedSignedInOwner, type BenchIdentity } from "./seed-session";

const DATABASE = "meridian_bench";
const TARGET = { requestsPerSecond: 300, p95Ms: 50 };

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
      DATABASE_URL: databaseUrl,
      AUTH_SECRET: "bench-only-auth-secret-0123456789abcdef0123456789",
      ENCRYPTION_KEYS: "bench1:yet0uc6xGJcUvZCPaprucssr1qykS09sLLqzrSa5WEw=",
      APP_URL: appUrl,
      PORT: String(port),
    };

    log("applying migrations");
    await deployMigrations(databaseUrl);
    const identity = await seedSignedInOwner(databaseUrl);

    log(args["no-build"] ? `reusing the build in ${BENCH_DIST_DIR} if there is one (--no-build)` : "building for production (next build)");
    if (!(await buildForBench(env, { reuse: args["no-build"] }))) log(`using the existing build in ${BENCH_DIST_DIR}`);

    // Outside the work folder, which is deleted at the end, so the log survives a failed run.
    const logFile = join(tmpdir(), `meridian-bench-next-${process.pid}.log`);
    started.push(() => (succeeded ? rm(logFile, { force: true }) : Promise.resolve()));
    log(`starting next start on ${appUrl} (server log: ${logFile})`);
    const nextServer = await startNextForBench({ port, env, logFile, profileDir: args["cpu-prof"] });
    started.push(() => nextServer.stop());
    const next = nextServer.child;

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
