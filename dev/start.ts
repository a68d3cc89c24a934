// `npm run dev`: database (embedded PostgreSQL in .data/postgres unless DATABASE_URL is set),
// migrations, demo seed, the providers' sandboxes (dev/sandbox/local-sandboxes.ts), then the app's
// processes, all stopped together on Ctrl-C; once the app is synced with the Inngest runner, Demo
// Brand is connected to the sandboxes' demo accounts.
import { relative } from "node:path";
import { devAppProcesses } from "./app-processes";
import { DEFAULT_PG_PORT, DEV_DATABASE, openDevDatabase } from "./db/dev-database";
import { isPortFree } from "./db/embedded-postgres";
import { loadLocalEnv } from "./db/local-env";
import { deployMigrations } from "./db/migrations";
import { runDemoSeed, runSeed } from "./db/run-seed";
import { recoverAfterRestart, startInngestRunner, syncWhenReady } from "./inngest/start";
import { portFromEnv } from "./port-from-env";
import { LOCAL_SANDBOXES } from "./sandbox/local-sandboxes";
import { Supervisor } from "./supervisor";

// Local-only keys: the runner signs call requests with this key, so the app checks signatures
// in development exactly as it does in production.
const LOCAL_SIGNING_KEY = "signkey-local-6d6572696469616e2d6c6f63616c2d72756e6e65722d7369676e696e672d6b6579";
const LOCAL_EVENT_KEY = "local-event-key";

/** Starts the local Inngest runner unless the app is pointed at another Inngest server. */
async function startLocalInngest(supervisor: Supervisor, appPort: number): Promise<{ env: Record<string, string>; sync?: () => Promise<void> }> {
  if (process.env.INNGEST_DEV === "1" || process.env.INNGEST_BASE_URL) {
    console.log(`• Inngest: ${process.env.INNGEST_DEV === "1" ? "official Dev Server (INNGEST_DEV=1)" : process.env.INNGEST_BASE_URL}`);
    return { env: {} };
  }
  const port = portFromEnv("INNGEST_RUNNER_PORT", 8288);
  const signingKey = process.env.INNGEST_SIGNING_KEY || LOCAL_SIGNING_KEY;
  const eventKey = process.env.INNGEST_EVENT_KEY || LOCAL_EVENT_KEY;
  const appUrl = `http://localhost:${appPort}/api/inngest`;
  const started = await startInngestRunner({ port, signingKey, eventKey, appUrl, log: (m) => console.log(`[inngest] ${m}`) });
  supervisor.adopt("Inngest runner", started.stop);
  console.log(`• Inngest runner on ${started.url} (runs: ${started.url}/v0/runs)`);
  return {
    env: { INNGEST_BASE_URL: started.url, INNGEST_SIGNING_KEY: signingKey, INNGEST_EVENT_KEY: eventKey, INNGEST_DEV: "0" },
    sync: () => syncWhenReady(started.runner, appUrl, { timeoutMs: 300_000 }),
  };
}

async function main(supervisor: Supervisor) {
  loadLocalEnv();
  const port = portFromEnv("PORT", 3000);
  if (!(await isPortFree(port))) throw new Error(`Port ${port} is in use. Stop what is using it or run with PORT=<another port>.`);

  const preferredPgPort = portFromEnv("PG_PORT", DEFAULT_PG_PORT);
  const database = await openDevDatabase({ databaseUrl: process.env.DATABASE_URL, preferredPort: preferredPgPort, reuseRunning: false });
  if (database.server) {
    supervisor.adopt("PostgreSQL", database.stop);
    const moved = database.server.port !== preferredPgPort ? ` (port ${preferredPgPort} was taken)` : "";
    const dataDir = relative(process.cwd(), database.server.dataDir);
    console.log(`• PostgreSQL ${database.server.port}${moved}, data in ${dataDir.startsWith("..") ? database.server.dataDir : dataDir}, database "${DEV_DATABASE}"`);
  } else {
    console.log(`• Database from DATABASE_URL (${new URL(database.url).host})`);
  }

  const applied = await deployMigrations(database.url);
  console.log(applied.length ? `• Applied migrations: ${applied.join(", ")}` : "• Migrations up to date");
  await runSeed(database.url);

  const sandboxes = [];
  for (const sandbox of LOCAL_SANDBOXES) sandboxes.push(await sandbox.start({ supervisor, appPort: port }));
  const inngest = await startLocalInngest(supervisor, port);
  const appEnv = Object.assign({ ...inngest.env }, ...sandboxes.map((sandbox) => sandbox.env));
  for (const spec of devAppProcesses({ port, databaseUrl: database.url, appEnv })) supervisor.spawn(spec);
  console.log(`• App on http://localhost:${port} (Ctrl-C stops everything)\n`);

  const synced = inngest.sync?.().then(
    () => true,
    (error: unknown) => {
      console.error(`[inngest] ${error instanceof Error ? error.message : String(error)}`);
      return false;
    },
  );
  // The runner has just started, with none of the runs and events of the last session: what they
  // left in flight is closed or sent again. After the sync, so a webhook event sent again reaches
  // its function; before the demo seed, so its first sync never waits behind a dead run.
  if (synced && (await synced)) {
    await recoverAfterRestart({ ...appEnv, DATABASE_URL: database.url, PORT: String(port) }).catch((error: unknown) =>
      console.error(`[inngest] ${error instanceof Error ? error.message : String(error)}`),
    );
  }
  // After the sync, so the first sync it requests reaches a registered function.
  const demoSeeds = sandboxes.flatMap((sandbox) => (sandbox.demoSeed ? [sandbox.demoSeed] : []));
  if (demoSeeds.length > 0 && (await (synced ?? true))) {
    for (const script of demoSeeds) {
      await runDemoSeed(script, database.url, { PORT: String(port), ...appEnv }).catch((error: unknown) =>
        console.error(`Demo seed ${script}: ${error instanceof Error ? error.message : String(error)}`),
      );
    }
  }
}

const supervisor = new Supervisor();
main(supervisor).catch((error: unknown) => {
  console.error(`\nnpm run dev failed: ${error instanceof Error ? error.message : String(error)}`);
  void supervisor.shutdown(1);
});
