// `npm run dev`: database (embedded PostgreSQL in .data/postgres unless DATABASE_URL is set),
// migrations, demo seed, the sandbox Shopify, then the app's processes, all stopped together on
// Ctrl-C; once the app is synced with the Inngest runner, Demo Brand is connected to the sandbox.
import { join, relative, resolve } from "node:path";
import { devAppProcesses } from "./app-processes";
import { DEFAULT_PG_PORT, DEV_DATABASE, openDevDatabase } from "./db/dev-database";
import { isPortFree } from "./db/embedded-postgres";
import { loadLocalEnv } from "./db/local-env";
import { deployMigrations } from "./db/migrations";
import { runDemoShopSeed, runSeed } from "./db/run-seed";
import { recoverAfterRestart, startInngestRunner, syncWhenReady } from "./inngest/start";
import { adminSchema, DEFAULT_SANDBOX_PORT, DEFAULT_SANDBOX_SHOP, sandboxOptionsFromEnv, startShopifySandbox } from "./sandbox/shopify";
import { Supervisor } from "./supervisor";

const SANDBOX_STATE_FILE = join(resolve(__dirname, ".."), ".data", "shopify-sandbox", "state.json");

/**
 * Starts the sandbox Shopify unless SHOPIFY_SHOP_ORIGIN points the app elsewhere (real Shopify or
 * another server). The app gets the sandbox's shop origin and app credentials; the sandbox gets
 * the app's webhook URL and keeps installations and tokens in .data/ across restarts.
 */
async function startLocalShopify(supervisor: Supervisor, appPort: number): Promise<{ env: Record<string, string>; demoShop: boolean }> {
  const sandboxPort = portFromEnv("SHOPIFY_SANDBOX_PORT", DEFAULT_SANDBOX_PORT);
  const configured = process.env.SHOPIFY_SHOP_ORIGIN;
  if (configured && configured !== `http://localhost:${sandboxPort}/shops/{shop}`) {
    console.log(`• Shopify: ${configured} (SHOPIFY_SHOP_ORIGIN; the sandbox is not started)`);
    return { env: {}, demoShop: false };
  }
  if (!(await isPortFree(sandboxPort))) {
    throw new Error(`Port ${sandboxPort} (sandbox Shopify) is in use. Stop what is using it or run with SHOPIFY_SANDBOX_PORT=<another port>.`);
  }
  const appUrl = (process.env.SHOPIFY_APP_URL || process.env.APP_URL || `http://localhost:${appPort}`).replace(/\/$/, "");
  const options = sandboxOptionsFromEnv({
    ...process.env,
    SHOPIFY_SANDBOX_PORT: String(sandboxPort),
    SHOPIFY_SANDBOX_WEBHOOK_TARGET: process.env.SHOPIFY_SANDBOX_WEBHOOK_TARGET || `${appUrl}/api/webhooks/shopify`,
    SHOPIFY_SANDBOX_STATE_FILE: process.env.SHOPIFY_SANDBOX_STATE_FILE || SANDBOX_STATE_FILE,
  });
  const started = Date.now();
  const sandbox = await startShopifySandbox(options);
  supervisor.adopt("Shopify sandbox", sandbox.stop);
  // Built now rather than on the first request, so the first sync does not wait for it.
  adminSchema();
  const shops = sandbox.shops().map((shop) => `${shop.domain} (${shop.store.orders.count()} orders)`);
  console.log(`• Sandbox Shopify on ${sandbox.url} in ${Date.now() - started} ms: ${shops.join(", ")}; controls: POST ${sandbox.url}/_sandbox/<name>`);
  return {
    env: { SHOPIFY_SHOP_ORIGIN: `${sandbox.url}/shops/{shop}`, SHOPIFY_API_KEY: sandbox.app.apiKey, SHOPIFY_API_SECRET: sandbox.app.apiSecret },
    demoShop: sandbox.shops().some((shop) => shop.domain === DEFAULT_SANDBOX_SHOP),
  };
}

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

function portFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (!raw) return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`${name}=${raw} is not a port number.`);
  return port;
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

  const shopify = await startLocalShopify(supervisor, port);
  const inngest = await startLocalInngest(supervisor, port);
  const appEnv = { ...inngest.env, ...shopify.env };
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
  if (shopify.demoShop && (await (synced ?? true))) {
    await runDemoShopSeed(database.url, { PORT: String(port), ...appEnv }).catch((error: unknown) =>
      console.error(`Demo shop: ${error instanceof Error ? error.message : String(error)}`),
    );
  }
}

const supervisor = new Supervisor();
main(supervisor).catch((error: unknown) => {
  console.error(`\nnpm run dev failed: ${error instanceof Error ? error.message : String(error)}`);
  void supervisor.shutdown(1);
});
