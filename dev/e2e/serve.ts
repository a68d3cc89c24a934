// The app server behind the Playwright suite (playwright.config.ts starts it as its webServer):
// a throwaway embedded PostgreSQL with a fresh, migrated database, then the app built for
// production and served by `next start` on port 3100, with the local Inngest runner, a sandbox
// Shopify (port 3189), a sandbox ShipBob fulfilling its shop (port 3190), a sandbox FreeAgent
// keeping its books (port 3191), a sandbox GA4 that saw its purchases (port 3192) and a local Resend
// (dev/sandbox/resend) the app is configured for.
// SIGTERM/SIGINT (Playwright stopping it), Ctrl-C, or the death of the process that launched us
// stops everything in reverse order, and the throwaway cluster's folder is deleted.
//
// Why a production build rather than `next dev`, measured on this project's 2-core machine:
//   - `next build` + `next start`: the build took 71 s on a quiet machine (153 s while another
//     build ran); then every page answers in milliseconds and the whole suite (3 tests) ran in
//     40 s wall time with E2E_REUSE_BUILD=1.
//   - `next dev`: ready in ~2 s, but routes compile on first visit; the same suite took 2 min 18 s
//     (1 min 43 s with a warm Turbopack cache) and every test failed on 10-20 s timeouts.
// So the build costs about what dev-mode compiling does, once, nothing on re-runs, and the suite
// tests what ships (production headers, secure cookies, no dev overlay in the console).
//
//   E2E_REUSE_BUILD=1   reuse the build in .data/e2e-next when there is one (skip `next build`).
import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { isPortFree, startThrowawayPostgres } from "../db/embedded-postgres";
import { deployMigrations, ensureDatabase } from "../db/migrations";
import { recoverAfterRestart, startInngestRunner, syncWhenReady } from "../inngest/start";
import { startFreeAgentSandbox } from "../sandbox/freeagent";
import { freeagentSandboxAppEnv, paidPayouts } from "../sandbox/freeagent/local";
import { startGa4Sandbox } from "../sandbox/ga4";
import { ga4SandboxAppEnv } from "../sandbox/ga4/local";
import { startResendSandbox } from "../sandbox/resend/server";
import { startShipBobSandbox } from "../sandbox/shipbob";
import { shipbobSandboxAppEnv } from "../sandbox/shipbob/local";
import { adminSchema, DEFAULT_SANDBOX_SHOP, startShopifySandbox } from "../sandbox/shopify";
import { NEXT_TELEMETRY_OFF } from "../next-telemetry";
import { Supervisor, type ProcessSpec } from "../supervisor";
import { E2E_APP_URL, E2E_DATA_DIR, E2E_DIST_DIR, E2E_PORT, removeServerInfo, writeServerInfo } from "./server-info";

const ROOT = resolve(__dirname, "..", "..");
const NEXT_BIN = createRequire(__filename).resolve("next/dist/bin/next");
const DATABASE = "meridian_e2e";
// The local Inngest runner calls the app back with signed requests, as in `npm run dev`.
const INNGEST_RUNNER_PORT = 3188;
const INNGEST_SIGNING_KEY = "signkey-e2e-6d6572696469616e2d6532652d72756e6e65722d7369676e696e672d6b657921";
const INNGEST_EVENT_KEY = "e2e-event-key";
const BUILD_LOG = join(E2E_DATA_DIR, "build.log");
// The sandbox Shopify specs install the app from (its control API's URL is in the server info).
const SHOPIFY_SANDBOX_PORT = 3189;
const SHOPIFY_API_KEY = "e2e-shopify-api-key";
const SHOPIFY_API_SECRET = "e2e-shopify-api-secret";
// The sandbox ShipBob: the app derives each account's webhook signing secret from this key and
// subscribes the account on connect, so the sandbox delivers to the app signed with it.
const SHIPBOB_SANDBOX_PORT = 3190;
const SHIPBOB_WEBHOOK_KEY = "e2e-shipbob-webhook-key";
// Tokens and subscriptions of a connect; deleted at start and stop, so every run starts afresh.
const SHIPBOB_STATE_FILE = join(E2E_DATA_DIR, "shipbob-sandbox.json");
// The sandbox FreeAgent: its demo company's bank account holds the deposits of the shop's payouts.
const FREEAGENT_SANDBOX_PORT = 3191;
// Its tokens and explanations; deleted at start and stop, like ShipBob's.
const FREEAGENT_STATE_FILE = join(E2E_DATA_DIR, "freeagent-sandbox.json");
// The sandbox GA4: its demo property saw the shop's purchases, with the planted losses. Specs
// connect it with a key file; Google's OAuth client stays unset (it would also switch on "Sign in
// with Google"). Its keys and tokens are deleted at start and stop, like ShipBob's.
const GA4_SANDBOX_PORT = 3192;
const GA4_STATE_FILE = join(E2E_DATA_DIR, "ga4-sandbox.json");
// Mail goes out as in production, through Resend's API: to the local one, where specs read it.
const RESEND_API_KEY = "re_e2e_local_key";

const log = (message: string) => console.log(`[e2e] ${message}`);

/** The app's environment, for the build and the server alike (next.config.ts reads it at build time). */
function appEnv(databaseUrl: string, resendUrl: string): Record<string, string> {
  return {
    NODE_ENV: "production",
    DATABASE_URL: databaseUrl,
    APP_URL: E2E_APP_URL,
    PORT: String(E2E_PORT),
    AUTH_SECRET: "e2e-only-auth-secret-0123456789abcdef0123456789",
    ENCRYPTION_KEYS: "e2e1:yet0uc6xGJcUvZCPaprucssr1qykS09sLLqzrSa5WEw=",
    NEXT_DIST_DIR: E2E_DIST_DIR,
    ...NEXT_TELEMETRY_OFF,
    // Specs sign many users in from one address within minutes.
    SIGN_IN_RATE_LIMIT: "1000",
    // Set beats a developer's .env (Next.js loads .env files but never overrides a set variable):
    // mail goes to the local Resend, and, empty, nothing may report to a real Sentry or Google.
    RESEND_API_KEY,
    RESEND_BASE_URL: resendUrl,
    SENTRY_DSN: "",
    NEXT_PUBLIC_SENTRY_DSN: "",
    SENTRY_AUTH_TOKEN: "",
    GOOGLE_CLIENT_ID: "",
    GOOGLE_CLIENT_SECRET: "",
    // Errors reach the Playwright output; request logs and the outbox notices would drown them.
    LOG_LEVEL: "error",
    INNGEST_DEV: "0",
    INNGEST_BASE_URL: `http://127.0.0.1:${INNGEST_RUNNER_PORT}`,
    INNGEST_SIGNING_KEY,
    INNGEST_EVENT_KEY,
    SHOPIFY_API_KEY,
    SHOPIFY_API_SECRET,
    SHOPIFY_SHOP_ORIGIN: `http://localhost:${SHOPIFY_SANDBOX_PORT}/shops/{shop}`,
    SHOPIFY_APP_URL: E2E_APP_URL,
    SHOPIFY_SCOPES: "",
    ...shipbobSandboxAppEnv(`http://localhost:${SHIPBOB_SANDBOX_PORT}`, SHIPBOB_WEBHOOK_KEY),
    ...freeagentSandboxAppEnv(`http://localhost:${FREEAGENT_SANDBOX_PORT}`),
    ...ga4SandboxAppEnv(`http://localhost:${GA4_SANDBOX_PORT}`, { oauth: false }),
  };
}

/**
 * The long-running processes besides the database, started in this order and stopped in reverse.
 * One more child (e.g. the local Inngest runner) is one more entry; an in-process service is
 * started in main() next to PostgreSQL and handed to supervisor.adopt() the same way.
 */
function appProcesses(env: Record<string, string>): ProcessSpec[] {
  return [{ name: "next start", command: process.execPath, args: [NEXT_BIN, "start", "--port", String(E2E_PORT)], env }];
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals) {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // Already gone.
  }
}

// Output goes to a log file (shown only if the build fails), so a good build is one line.
async function buildApp(env: Record<string, string>, supervisor: Supervisor): Promise<void> {
  if (process.env.E2E_REUSE_BUILD === "1" && existsSync(join(ROOT, E2E_DIST_DIR, "BUILD_ID"))) {
    log(`reusing the production build in ${E2E_DIST_DIR} (E2E_REUSE_BUILD=1)`);
    return;
  }
  log(`building for production into ${E2E_DIST_DIR} (log: ${BUILD_LOG})`);
  const started = Date.now();
  const out = openSync(BUILD_LOG, "w");
  // Its own process group, so a stop request also ends the build's workers.
  const child = spawn(process.execPath, [NEXT_BIN, "build"], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", out, out], detached: true });
  closeSync(out);
  const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
  supervisor.adopt("next build", async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    signalGroup(child, "SIGTERM");
    await exited;
  });
  const code = await exited;
  if (code !== 0) {
    const tail = readFileSync(BUILD_LOG, "utf8").split("\n").slice(-40).join("\n");
    throw new Error(`next build exited with ${code}:\n${tail}`);
  }
  log(`built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

async function main(supervisor: Supervisor) {
  if (!(await isPortFree(E2E_PORT))) {
    throw new Error(`Port ${E2E_PORT} is in use. Stop what is using it (an earlier e2e server?) and retry.`);
  }
  for (const [port, what] of [[SHOPIFY_SANDBOX_PORT, "sandbox Shopify"], [SHIPBOB_SANDBOX_PORT, "sandbox ShipBob"], [FREEAGENT_SANDBOX_PORT, "sandbox FreeAgent"], [GA4_SANDBOX_PORT, "sandbox GA4"]] as const) {
    if (!(await isPortFree(port))) throw new Error(`Port ${port} (${what}) is in use. Stop what is using it (an earlier e2e server?) and retry.`);
  }
  mkdirSync(E2E_DATA_DIR, { recursive: true });

  const postgres = await startThrowawayPostgres();
  supervisor.adopt("PostgreSQL", postgres.stop);
  await ensureDatabase(postgres.url("postgres"), DATABASE);
  const databaseUrl = postgres.url(DATABASE);
  const applied = await deployMigrations(databaseUrl);
  log(`PostgreSQL on port ${postgres.port}, database "${DATABASE}", ${applied.length} migrations applied`);

  const resend = await startResendSandbox({ apiKey: RESEND_API_KEY });
  supervisor.adopt("local Resend", resend.stop);
  log(`local Resend on ${resend.url}`);

  const env = appEnv(databaseUrl, resend.url);
  await buildApp(env, supervisor);

  // Small and quick: a first sync in a spec finishes in seconds, yet bulk operations are seen running.
  // Shopify Plus cost limits (1000 points/s): the paced passes (inventory, refund details) would
  // take a minute at the standard plan's 100/s, which bench:shopify measures instead.
  const sandbox = await startShopifySandbox({
    apiKey: SHOPIFY_API_KEY,
    apiSecret: SHOPIFY_API_SECRET,
    port: SHOPIFY_SANDBOX_PORT,
    webhookTarget: `${E2E_APP_URL}/api/webhooks/shopify`,
    // GBP, like the FreeAgent company whose bank account its payouts are paid into.
    shops: [{ domain: DEFAULT_SANDBOX_SHOP, volume: { orders: 300 }, currency: "GBP", bulkDelayMs: 200, costLimits: { maximumAvailable: 20_000, restoreRate: 1_000 } }],
  });
  supervisor.adopt("Shopify sandbox", sandbox.stop);
  adminSchema();
  log(`sandbox Shopify on ${sandbox.url} (${DEFAULT_SANDBOX_SHOP}, 300 orders)`);

  // The brand's 3PL fulfils that shop: its catalogue and orders are made from the shop's own
  // generator options (seed, epoch, order count), so most SKUs and the shop's latest orders are in
  // both systems. Small, so a first sync is a dozen requests, far under ShipBob's 150 a minute.
  rmSync(SHIPBOB_STATE_FILE, { force: true });
  const shop = sandbox.shop(DEFAULT_SANDBOX_SHOP).store.options;
  const shipbob = await startShipBobSandbox({
    seed: "meridian-e2e-shipbob",
    epoch: shop.epoch,
    volume: { orders: 80, products: 60, centres: 3 },
    shopify: shop,
    port: SHIPBOB_SANDBOX_PORT,
    stateFile: SHIPBOB_STATE_FILE,
  });
  supervisor.adopt("ShipBob sandbox", async () => {
    await shipbob.stop();
    rmSync(SHIPBOB_STATE_FILE, { force: true });
  });
  log(`sandbox ShipBob on ${shipbob.url} (${shipbob.account.products.length} products in ${shipbob.account.centres.length} centres, 80 orders)`);

  // The brand's books: small, so a first sync is a few dozen requests, far under FreeAgent's 120 a minute.
  rmSync(FREEAGENT_STATE_FILE, { force: true });
  const freeagent = await startFreeAgentSandbox({
    seed: "meridian-e2e-freeagent",
    epoch: shop.epoch,
    volume: { bankTransactions: 200, invoices: 40 },
    payouts: paidPayouts(shop),
    port: FREEAGENT_SANDBOX_PORT,
    stateFile: FREEAGENT_STATE_FILE,
  });
  supervisor.adopt("FreeAgent sandbox", async () => {
    await freeagent.stop();
    rmSync(FREEAGENT_STATE_FILE, { force: true });
  });
  log(`sandbox FreeAgent on ${freeagent.url} (Demo Brand Ltd, ${freeagent.company.planted.length} payout deposits)`);

  rmSync(GA4_STATE_FILE, { force: true });
  const ga4 = await startGa4Sandbox({ seed: "meridian-e2e-ga4", shop, port: GA4_SANDBOX_PORT, stateFile: GA4_STATE_FILE });
  supervisor.adopt("GA4 sandbox", async () => {
    await ga4.stop();
    rmSync(GA4_STATE_FILE, { force: true });
  });
  log(`sandbox GA4 on ${ga4.url} (${ga4.propertyName}, ${ga4.property.events.length} purchases)`);

  // Fixtures read the database URL from here (to check rows directly), the sandboxes' URLs (to
  // drive their control APIs) and the local Resend's (to read the mail the app sent).
  writeServerInfo({ databaseUrl, appUrl: E2E_APP_URL, shopifySandboxUrl: sandbox.url, shipbobSandboxUrl: shipbob.url, freeagentSandboxUrl: freeagent.url, ga4SandboxUrl: ga4.url, resendSandboxUrl: resend.url, pid: process.pid });
  supervisor.adopt("server info", async () => removeServerInfo(process.pid));

  const appInngestUrl = `${E2E_APP_URL}/api/inngest`;
  const runner = await startInngestRunner({
    port: INNGEST_RUNNER_PORT,
    host: "127.0.0.1",
    signingKey: INNGEST_SIGNING_KEY,
    eventKey: INNGEST_EVENT_KEY,
    appUrl: appInngestUrl,
    // Specs drive jobs through the UI; the schedules would only add runs nobody asked for.
    cron: "manual",
  });
  supervisor.adopt("Inngest runner", runner.stop);

  for (const spec of appProcesses(env)) supervisor.spawn(spec);
  await syncWhenReady(runner.runner, appInngestUrl, { timeoutMs: 60_000 });
  // A runner that has just started holds nothing sent before: runs and webhook events left in flight.
  await recoverAfterRestart(env);
  log(`app on ${E2E_APP_URL}, Inngest runner on ${runner.url}`);
}

// Playwright reads our output through pipes; if it dies first, a write must not crash the
// shutdown that is about to stop PostgreSQL and delete its folder.
for (const stream of [process.stdout, process.stderr]) stream.on("error", () => undefined);

const supervisor = new Supervisor();
main(supervisor).catch((error: unknown) => {
  console.error(`[e2e] server failed: ${error instanceof Error ? error.message : String(error)}`);
  void supervisor.shutdown(1);
});
