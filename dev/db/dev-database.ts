// The local development database: DATABASE_URL when given, otherwise the embedded PostgreSQL
// whose data lives in .data/postgres (kept across restarts), database "meridian".
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { embeddedPostgresUrl, findFreePort, startEmbeddedPostgres, type EmbeddedPostgres } from "./embedded-postgres";
import { ensureDatabase } from "./migrations";
import { postgresRunAs, reachableDataDir } from "./postgres-user";

const repoRoot = resolve(__dirname, "..", "..");
export const DEV_DATABASE = "meridian";
export const DEFAULT_PG_PORT = 54329;

export type DevDatabase = {
  url: string;
  /** Where the URL came from, for the console. */
  source: "DATABASE_URL" | "embedded (started)" | "embedded (already running)";
  server?: EmbeddedPostgres;
  /** Stops the server if this call started it; a no-op otherwise. */
  stop(): Promise<void>;
};

/**
 * .data/postgres, unless PostgreSQL runs as a user who cannot reach it (root's checkout under
 * /root): then a folder of this checkout's own under the temp folder.
 */
export function devDataDir(): string {
  return reachableDataDir(join(repoRoot, ".data", "postgres"), postgresRunAs());
}

/** Port of a server already running on the dev data folder (e.g. inside `npm run dev`), if any. */
function runningDevServerPort(dataDir: string): number | undefined {
  const lockFile = join(dataDir, "postmaster.pid");
  if (!existsSync(lockFile)) return undefined;
  // postmaster.pid: line 1 pid, line 4 port.
  const lines = readFileSync(lockFile, "utf8").split("\n");
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  try {
    process.kill(pid, 0);
  } catch {
    return undefined;
  }
  return Number.isInteger(port) && port > 0 ? port : undefined;
}

/**
 * Resolves the dev database. With `reuseRunning`, a server another process started on
 * .data/postgres (a running `npm run dev`) is used as is; otherwise one is started here.
 */
export async function openDevDatabase(options: { databaseUrl?: string; preferredPort?: number; reuseRunning: boolean; onLog?: (line: string) => void }): Promise<DevDatabase> {
  if (options.databaseUrl) return { url: options.databaseUrl, source: "DATABASE_URL", stop: async () => {} };

  const dataDir = devDataDir();
  const runningPort = options.reuseRunning ? runningDevServerPort(dataDir) : undefined;
  if (runningPort) {
    await ensureDatabase(embeddedPostgresUrl(runningPort, "postgres"), DEV_DATABASE);
    return { url: embeddedPostgresUrl(runningPort, DEV_DATABASE), source: "embedded (already running)", stop: async () => {} };
  }

  const port = await findFreePort(options.preferredPort ?? DEFAULT_PG_PORT);
  const server = await startEmbeddedPostgres({ dataDir, port, onLog: options.onLog });
  try {
    await ensureDatabase(server.url("postgres"), DEV_DATABASE);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return { url: server.url(DEV_DATABASE), source: "embedded (started)", server, stop: () => server.stop() };
}
