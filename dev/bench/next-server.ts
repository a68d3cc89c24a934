// A production build of the app and `next start` on it, for the benchmarks that measure what a
// deployment answers (bench:api, the webhook part of bench:shopify). The build goes into
// .data/bench-next (ignored by git, TypeScript and ESLint) and can be reused across runs.
import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { NEXT_TELEMETRY_OFF } from "../next-telemetry";

const ROOT = resolve(__dirname, "..", "..");
const NEXT_BIN = join(ROOT, "node_modules", "next", "dist", "bin", "next");
/** Relative to the project. */
export const BENCH_DIST_DIR = ".data/bench-next";

function runToEnd(command: string, commandArgs: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, commandArgs, { cwd: ROOT, env, stdio: "inherit" });
    child.once("error", reject);
    child.once("exit", (code) =>
      code === 0 ? resolvePromise() : reject(new Error(`${command} ${commandArgs.join(" ")} exited with ${code}`)),
    );
  });
}

/** `next build` into BENCH_DIST_DIR, unless `reuse` and a build is there already. Returns whether it built. */
export async function buildForBench(env: NodeJS.ProcessEnv, options: { reuse: boolean }): Promise<boolean> {
  if (options.reuse && existsSync(join(ROOT, BENCH_DIST_DIR, "BUILD_ID"))) return false;
  await runToEnd(process.execPath, [NEXT_BIN, "build"], { ...env, ...NEXT_TELEMETRY_OFF, NODE_ENV: "production", NEXT_DIST_DIR: BENCH_DIST_DIR });
  return true;
}

export type NextServer = { child: ChildProcess; url: string; stop(): Promise<void> };

/** `next start` on the bench build, in its own process group, healthy when this resolves. */
export async function startNextForBench(options: { port: number; env: NodeJS.ProcessEnv; logFile: string; profileDir?: string }): Promise<NextServer> {
  const out = openSync(options.logFile, "a");
  const nodeFlags = options.profileDir ? ["--cpu-prof", `--cpu-prof-dir=${resolve(options.profileDir)}`] : [];
  // Own process group, so stopping it also stops any worker Next forks.
  const child = spawn(process.execPath, [...nodeFlags, NEXT_BIN, "start", "-p", String(options.port), "-H", "127.0.0.1"], {
    cwd: ROOT,
    env: { ...options.env, ...NEXT_TELEMETRY_OFF, NODE_ENV: "production", NEXT_DIST_DIR: BENCH_DIST_DIR },
    stdio: ["ignore", out, out],
    detached: true,
  });
  closeSync(out);
  const server = { child, url: `http://127.0.0.1:${options.port}`, stop: () => stopProcessGroup(child) };
  try {
    await waitForHealthy(server.url, child, options.logFile);
  } catch (error) {
    await server.stop();
    // The log may live in a folder the caller deletes on the way out: quote its end here.
    const tail = readFileSync(options.logFile, "utf8").split("\n").slice(-30).join("\n");
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${tail}`, { cause: error });
  }
  return server;
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
