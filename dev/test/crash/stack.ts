// The stack of a crash drill, each piece a process of its own that can be killed with SIGKILL and
// started again on the same port, as after `kill -9` and a restart: the local Inngest runner
// (runner-process.ts), "the app" (app-process.ts: the Inngest functions and the Shopify webhook
// intake) and, when asked, PostgreSQL on a data folder of its own (killed postmaster, restarted on
// the same folder: crash recovery from its WAL). The sandbox Shopify is not part of it: it stands
// for Shopify, which keeps running (and retrying its webhooks) while our stack is down.
//
// Nothing here imports the app's server code, so a test can build the stack in `vi.hoisted`
// before `@/server/env` reads the environment this sets.
import { spawn, type ChildProcess } from "node:child_process";
import { createServer, type Server } from "node:net";
import { resolve } from "node:path";
import { createInterface } from "node:readline";
import { embeddedPostgresUrl, startEmbeddedPostgres, type EmbeddedPostgres } from "@/dev/db/embedded-postgres";
import { deployMigrations, ensureDatabase } from "@/dev/db/migrations";
import { recoverAfterRestart } from "@/dev/inngest/start";
import { TEST_EVENT_KEY, TEST_SIGNING_KEY } from "@/dev/test/inngest";

const ROOT = resolve(__dirname, "..", "..", "..");

export type CrashPorts = { runner: number; app: number; webhooks: number; sandbox: number; postgres: number };
export type CrashPiece = "postgres" | "runner" | "app";

export const CRASH_SHOPIFY_APP = { apiKey: "crash-drill-key", apiSecret: "crash-drill-secret" } as const;

/** Distinct free ports for every piece (held together while chosen, so none is handed out twice). */
export async function reserveCrashPorts(): Promise<CrashPorts> {
  const servers: Server[] = [];
  const ports: number[] = [];
  for (let i = 0; i < 5; i++) {
    const server = createServer();
    await new Promise<void>((done, fail) => server.once("error", fail).listen(0, "127.0.0.1", done));
    servers.push(server);
    ports.push((server.address() as { port: number }).port);
  }
  await Promise.all(servers.map((server) => new Promise<void>((done) => server.close(() => done()))));
  const [runner, app, webhooks, sandbox, postgres] = ports as [number, number, number, number, number];
  return { runner, app, webhooks, sandbox, postgres };
}

/**
 * What the app runs with in the drill, besides DATABASE_URL: the runner as its Inngest server (local
 * keys, signatures checked), its own URL for serve(), the sandbox as Shopify. The test process
 * takes the same, so "Sync now" and the checks it runs go where the app's would.
 */
export function crashEnv(ports: CrashPorts): Record<string, string> {
  return {
    INNGEST_DEV: "0",
    INNGEST_BASE_URL: `http://127.0.0.1:${ports.runner}`,
    INNGEST_EVENT_KEY: TEST_EVENT_KEY,
    INNGEST_SIGNING_KEY: TEST_SIGNING_KEY,
    APP_URL: `http://127.0.0.1:${ports.app}`,
    SHOPIFY_API_KEY: CRASH_SHOPIFY_APP.apiKey,
    SHOPIFY_API_SECRET: CRASH_SHOPIFY_APP.apiSecret,
    SHOPIFY_SHOP_ORIGIN: `http://localhost:${ports.sandbox}/shops/{shop}`,
  };
}

/** Where the sandbox delivers webhooks: the app's intake, on a port that outlives the app's restarts. */
export const crashWebhookTarget = (ports: CrashPorts) => `http://127.0.0.1:${ports.webhooks}/api/webhooks/shopify`;

export type CrashStackOptions = {
  ports: CrashPorts;
  /** PostgreSQL run (and killed) by the stack, durable, on this folder; without it, DATABASE_URL's server, which stays up. */
  postgres?: { dataDir: string; database: string };
  /** Retry backoff of the runner, [base, max] in ms; default the runner's (1 s, 5 min). */
  runnerBackoffMs?: [number, number];
  /** "auto": crons tick every minute, as under `npm run dev`; default "manual": only on POST /v0/cron/tick. */
  runnerCron?: "auto" | "manual";
  /** ShopifySyncOptions for the app's sync (JSON). */
  syncOptions?: Record<string, unknown>;
  /** Every line the pieces print, prefixed with the piece; default: kept for error messages only. */
  log?: (line: string) => void;
};

/**
 * The crash tests' stack: the sync reads bulk files 100 records a step, so a sync has many steps
 * to die in, and the runner retries fast (50 ms doubling to 500 ms), so it gives up on a dead app
 * within a second or two. CRASH_LOG=1 prints what the pieces print.
 */
export function testStackOptions(ports: CrashPorts): CrashStackOptions {
  return {
    ports,
    syncOptions: { bulkBatchSize: 100, batchBudgetMs: 0, pollIntervalMs: 50 },
    runnerBackoffMs: [50, 500],
    ...(process.env.CRASH_LOG ? { log: (line: string) => console.log(line) } : {}),
  };
}

type Child = { process: ChildProcess; exited: Promise<void> };
export type RunnerRunStatus = "QUEUED" | "RUNNING" | "COMPLETED" | "FAILED" | "CANCELLED";
export type RunnerRunSummary = { id: string; functionId: string; status: RunnerRunStatus; internalEventId: string };

export class CrashStack {
  private postgresServer: EmbeddedPostgres | undefined;
  private runner: Child | undefined;
  private app: Child | undefined;
  private readonly tail: string[] = [];

  constructor(private readonly options: CrashStackOptions) {}

  get runnerUrl(): string {
    return `http://127.0.0.1:${this.options.ports.runner}`;
  }

  get appUrl(): string {
    return `http://127.0.0.1:${this.options.ports.app}/api/inngest`;
  }

  /** The database the app uses: the stack's PostgreSQL, or DATABASE_URL's. */
  get databaseUrl(): string {
    const { postgres, ports } = this.options;
    if (postgres) return embeddedPostgresUrl(ports.postgres, postgres.database);
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set and the stack runs no PostgreSQL");
    return url;
  }

  /** The app's environment (what a process of the app, such as the start-up recovery, runs with). */
  get env(): Record<string, string> {
    return { ...crashEnv(this.options.ports), DATABASE_URL: this.databaseUrl };
  }

  /** Starts PostgreSQL (migrated) when the stack runs one; the caller points DATABASE_URL at it before the app's code loads. */
  async startPostgres(): Promise<void> {
    const { postgres, ports } = this.options;
    if (!postgres) return;
    this.postgresServer = await startEmbeddedPostgres({ dataDir: postgres.dataDir, port: ports.postgres, onLog: (line) => this.note("postgres", line) });
    await ensureDatabase(this.postgresServer.url("postgres"), postgres.database);
    await deployMigrations(this.databaseUrl);
  }

  /** Every piece not running yet, then the runner syncs the app. */
  async start(): Promise<void> {
    if (this.options.postgres && !this.postgresServer) await this.startPostgres();
    await this.restart("runner", "app");
  }

  /** SIGKILL, and waits until each is gone. */
  async kill(...pieces: CrashPiece[]): Promise<void> {
    const exits: Promise<void>[] = [];
    for (const piece of pieces) {
      if (piece === "postgres") {
        const server = this.postgresServer;
        if (!server) continue;
        const exited = new Promise<void>((done) => (server.process.exitCode !== null || server.process.signalCode !== null ? done() : server.process.once("exit", () => done())));
        server.process.kill("SIGKILL");
        exits.push(exited);
        this.postgresServer = undefined;
      } else {
        const child = this[piece];
        if (!child) continue;
        child.process.kill("SIGKILL");
        exits.push(child.exited);
        this[piece] = undefined;
      }
    }
    await Promise.all(exits);
  }

  /**
   * Starts the pieces again on their ports, in dependency order (PostgreSQL, runner, app), then has
   * the runner sync the app, as `npm run dev` does once both answer.
   */
  async restart(...pieces: CrashPiece[]): Promise<void> {
    if (pieces.includes("postgres")) await this.restartPostgres();
    if (pieces.includes("runner")) this.runner = await this.spawnPiece("runner", "dev/test/crash/runner-process.ts", this.runnerEnv());
    if (pieces.includes("app")) this.app = await this.spawnPiece("app", "dev/test/crash/app-process.ts", this.appEnv());
    if (pieces.includes("runner") || pieces.includes("app")) await this.syncApp();
  }

  /** What `npm run dev` runs once a (re)started runner has synced the app: dev/inngest/after-restart.ts. */
  recover(): Promise<void> {
    return recoverAfterRestart(this.env);
  }

  /** The runner's runs (its debugging API), e.g. of one function or in one status. */
  async runs(filter: { functionId?: string; status?: RunnerRunStatus } = {}): Promise<RunnerRunSummary[]> {
    const query = new URLSearchParams(Object.entries(filter).filter((entry): entry is [string, string] => entry[1] !== undefined));
    return (await this.runnerApi<{ runs: RunnerRunSummary[] }>("GET", `/v0/runs?${query}`)).runs;
  }

  /** Kills whatever still runs (PostgreSQL stopped cleanly); the data folder is the caller's. */
  async stop(): Promise<void> {
    await this.kill("app", "runner");
    await this.postgresServer?.stop();
    this.postgresServer = undefined;
  }

  /** The last lines the pieces printed, for a failure's message. */
  output(): string {
    return this.tail.join("\n");
  }

  private note(piece: string, line: string) {
    const entry = `[${piece}] ${line}`;
    this.options.log?.(entry);
    this.tail.push(entry);
    if (this.tail.length > 200) this.tail.shift();
  }

  private runnerEnv(): NodeJS.ProcessEnv {
    const { ports, runnerBackoffMs, runnerCron } = this.options;
    return {
      ...process.env,
      ...this.env,
      CRASH_RUNNER_PORT: String(ports.runner),
      CRASH_RUNNER_CRON: runnerCron ?? "manual",
      ...(runnerBackoffMs ? { CRASH_RUNNER_BACKOFF_MS: runnerBackoffMs.join(",") } : {}),
    };
  }

  private appEnv(): NodeJS.ProcessEnv {
    const { ports, syncOptions } = this.options;
    return {
      ...process.env,
      ...this.env,
      TSX_TSCONFIG_PATH: "dev/test/crash/tsconfig.app-process.json",
      CRASH_APP_PORT: String(ports.app),
      CRASH_WEBHOOK_PORT: String(ports.webhooks),
      ...(syncOptions ? { CRASH_SYNC_OPTIONS: JSON.stringify(syncOptions) } : {}),
    };
  }

  /** A tsx process of this node (so SIGKILL reaches the script itself), ready once it prints {"ready":...}. */
  private async spawnPiece(piece: CrashPiece, script: string, env: NodeJS.ProcessEnv): Promise<Child> {
    const child = spawn(process.execPath, ["--import", "tsx", script], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    const exited = new Promise<void>((done) => child.once("exit", () => done()));
    const killOnExit = () => child.kill("SIGKILL");
    process.once("exit", killOnExit);
    void exited.then(() => process.removeListener("exit", killOnExit));
    createInterface({ input: child.stderr! }).on("line", (line) => this.note(piece, line));
    await new Promise<void>((ready, fail) => {
      const timer = setTimeout(() => fail(new Error(`The ${piece} did not start within 120 s:\n${this.output()}`)), 120_000);
      createInterface({ input: child.stdout! }).on("line", (line) => {
        this.note(piece, line);
        if (line.startsWith('{"ready"')) {
          clearTimeout(timer);
          ready();
        }
      });
      void exited.then(() => {
        clearTimeout(timer);
        fail(new Error(`The ${piece} exited during start-up:\n${this.output()}`));
      });
    });
    return { process: child, exited };
  }

  /**
   * PostgreSQL on the same folder and port. Right after a SIGKILL its backends may still hold the
   * old shared memory for a moment (they leave once they notice the postmaster is gone): retried.
   */
  private async restartPostgres(): Promise<void> {
    const { postgres, ports } = this.options;
    if (!postgres) throw new Error("The stack runs no PostgreSQL");
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        this.postgresServer = await startEmbeddedPostgres({ dataDir: postgres.dataDir, port: ports.postgres, onLog: (line) => this.note("postgres", line) });
        return;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  }

  /** The runner registers the app's functions (PUT to its serve() URL), retried while the app starts. */
  private async syncApp(): Promise<void> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        await this.runnerApi("POST", "/v0/sync", { url: this.appUrl });
        return;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }

  private async runnerApi<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.runnerUrl}${path}`, { method, ...(body === undefined ? {} : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }) });
    const text = await response.text();
    if (!response.ok) throw new Error(`The runner answered ${response.status} to ${method} ${path}: ${text.slice(0, 300)}`);
    return JSON.parse(text) as T;
  }
}
