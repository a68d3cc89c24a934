// `npm run bench:shopify [-- --orders 100000 --changed 1000 --webhook-rate 200 --webhook-seconds 10 --no-build]`
//
// The Shopify sync end to end on this machine, against a throwaway embedded PostgreSQL and the
// sandbox Shopify in a child process (Shopify is remote in production: its CPU is not ours):
// 1. backfill: the sync engine's batches called directly (runSyncBatch, the code each Inngest step
//    runs; the runner's HTTP round trips between steps are left out), under the standard plan's
//    cost limits (2000 points, 100/s): bulk exports of orders, customers, products and inventory
//    levels, then the refund line items of refunded orders (order-refunds), which the cost bucket
//    paces;
// 2. server/ingest against the plain set-based upsert ceiling (dev/bench/ingest-ceiling.ts) on the
//    rows the sync stored: read back at the end, written by both into fresh connections of the
//    same database in the sync's batch sizes (run last, so the other steps meet the sync's tables);
// 3. an incremental sync after `--changed` orders changed, under the standard plan's limits;
// 4. webhook acknowledgement (dev/bench/webhook-ack.ts, shared with bench:shipbob): signed
//    deliveries at `--webhook-rate`/s, open loop, after 2 s of warm-up, into POST
//    /api/webhooks/shopify of a production build under `next start` (built first, before anything
//    is timed; `--no-build` reuses the build bench:api and this share), with the local Inngest
//    runner as the event API;
// 5. the backfill of 1. as people get it: the first sync of a newly connected shop, requested as
//    the install requests it, run by the local Inngest runner calling the production build (every
//    batch a step over HTTP), into tables emptied first; timed from the request until the same
//    streams as in 1. are stored, under the same cost limits (then the bucket is lifted so the
//    run's refunds pass finishes, and its data is compared with the shop's).
// Prints the figures and the load average next to them. Loopback only, every loop bounded.
import { spawn, type ChildProcess } from "node:child_process";
import { loadavg } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { benchCleanups, throwawayBenchDatabase } from "@/dev/bench/bench-lifecycle";
import { findFreePort } from "@/dev/db/embedded-postgres";
import { syncWhenReady } from "@/dev/inngest/start";
import { buildForBench, startNextForBench } from "./next-server";
import { describeWebhookAcks, measureWebhookAcks, startBenchEventApi, webhookAckFailure, WEBHOOK_ACK_OPTIONS } from "./webhook-ack";
import { webhookHmac } from "@/dev/sandbox/shopify/hmac";

const ROOT = resolve(__dirname, "..", "..");
const SHOP = "bench-shop.myshopify.com";
const API_KEY = "bench-shopify-key";
const API_SECRET = "bench-shopify-secret";
const STANDARD = { maximumAvailable: 2000, restoreRate: 100 };
const TARGET = { backfillSeconds: 60, rssMiB: 1024, incrementalSeconds: 10 };

const { values: args } = parseArgs({
  options: {
    orders: { type: "string", default: "100000" },
    changed: { type: "string", default: "1000" },
    // The refund pass under the standard plan takes many minutes for 100k orders: it runs this
    // long at the standard rate (to measure its pace), then finishes with the bucket lifted.
    "refund-seconds": { type: "string", default: "30" },
    ...WEBHOOK_ACK_OPTIONS,
  },
});

function log(message: string) {
  console.log(`[bench:shopify] ${message}`);
}

const load = () => loadavg().map((n) => n.toFixed(2)).join(" ");
const rssMiB = () => process.resourceUsage().maxRSS / 1024;

async function startSandbox(port: number, orders: number, stateDir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"), "dev/sandbox/shopify/main.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      SHOPIFY_API_KEY: API_KEY,
      SHOPIFY_API_SECRET: API_SECRET,
      SHOPIFY_SANDBOX_PORT: String(port),
      SHOPIFY_SANDBOX_SHOPS: SHOP,
      SHOPIFY_SANDBOX_ORDERS: String(orders),
      SHOPIFY_SANDBOX_STATE_FILE: join(stateDir, "state.json"),
      SHOPIFY_SANDBOX_WEBHOOK_TARGET: "http://127.0.0.1:9/unused",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error("The sandbox did not start within 120 s")), 120_000);
    child.once("exit", (code) => reject(new Error(`The sandbox exited with ${code}`)));
    child.stdout!.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("Sandbox Shopify on")) {
        clearTimeout(timer);
        resolvePromise();
      }
    });
  });
  return child;
}

async function control<T>(sandboxUrl: string, name: string, body: Record<string, unknown>): Promise<T> {
  const response = await fetch(`${sandboxUrl}/_sandbox/${name}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ shop: SHOP, ...body }) });
  if (!response.ok) throw new Error(`Sandbox control ${name} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

async function main() {
  const orders = Number(args.orders);
  const lifecycle = benchCleanups("bench:shopify");
  const { cleanups, stopAll } = lifecycle;

  try {
    log(`load average before: ${load()}`);
    const { workDir, databaseUrl } = await throwawayBenchDatabase("bench_shopify", lifecycle);

    const sandboxPort = await findFreePort();
    const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
    const { runner, appPort, env: appEnv } = await startBenchEventApi(lifecycle);
    // server/env reads these once, on first import: everything from server/ is imported below.
    Object.assign(process.env, {
      DATABASE_URL: databaseUrl,
      SHOPIFY_API_KEY: API_KEY,
      SHOPIFY_API_SECRET: API_SECRET,
      SHOPIFY_SHOP_ORIGIN: `${sandboxUrl}/shops/{shop}`,
      ENCRYPTION_KEYS: "bench1:yet0uc6xGJcUvZCPaprucssr1qykS09sLLqzrSa5WEw=",
      LOG_LEVEL: "error",
      ...appEnv,
    });
    log(args["no-build"] ? "reusing the production build if there is one (--no-build)" : "building the app for production (next build), before anything is timed");
    await buildForBench(process.env, { reuse: args["no-build"] });

    log(`starting the sandbox with ${orders} orders (child process)`);
    const sandbox = await startSandbox(sandboxPort, orders, workDir);
    cleanups.push(async () => {
      sandbox.kill("SIGTERM");
    });

    const { db, workspaceDb } = await import("@/server/db");
    const { sealOAuthCredentials } = await import("@/server/services/connections/credentials");
    const { runSyncBatch } = await import("@/server/services/sync/run-sync-batch");
    const { createShopifySync, ORDER_REFUNDS_STREAM } = await import("@/server/connectors/shopify");
    const { requestConnectionSync } = await import("@/server/services/connections/request-connection-sync");
    await import("@/inngest/register-job-runner");
    const { compareWithCeiling, describeCeiling } = await import("./ingest-ceiling");
    const { storedRecordBatches } = await import("./stored-records");

    const workspace = await db.workspace.create({ data: { name: "Shopify benchmark", slug: "bench-shopify" } });
    const scopes = ["read_orders", "read_all_orders", "read_products", "read_customers", "read_inventory", "read_locations"];
    /** A connection of the workspace to the shop, installed with a fresh token pair. */
    const connect = async () => {
      const issued = await control<{ access_token: string; refresh_token: string }>(sandboxUrl, "install", { scopes });
      return db.connection.create({
        data: {
          workspaceId: workspace.id,
          provider: "SHOPIFY",
          externalAccountId: SHOP,
          displayName: SHOP,
          status: "ACTIVE",
          authMethod: "OAUTH",
          encryptedCredentials: sealOAuthCredentials({
            accessToken: issued.access_token,
            accessTokenExpiresAt: new Date(Date.now() + 3_600_000).toISOString(),
            refreshToken: issued.refresh_token,
            refreshTokenExpiresAt: null,
            scopes,
          }),
        },
      });
    };
    const connection = await connect();
    await control(sandboxUrl, "setCostLimits", STANDARD);
    // The batches commit their counts to it, with their records.
    const jobRun = await db.jobRun.create({
      data: { workspaceId: workspace.id, connectionId: connection.id, kind: "sync", trigger: "MANUAL", status: "RUNNING", startedAt: new Date() },
    });

    const ingestMs: Record<string, number> = {};
    const ingested: Record<string, number> = {};
    const largestIngest: Record<string, number> = {};
    // The registry's Shopify sync, as the app runs it; the engine reports each chunk it stores.
    const sync = createShopifySync();
    const SYNC_STREAMS = sync.streams.map((s) => s.name);
    const engine = {
      connectors: { SHOPIFY: { sync } },
      onStored(stream: string, records: number, ms: number) {
        ingestMs[stream] = (ingestMs[stream] ?? 0) + ms;
        ingested[stream] = (ingested[stream] ?? 0) + records;
        largestIngest[stream] = Math.max(largestIngest[stream] ?? 0, records);
      },
    };
    const streamSeconds: Record<string, number> = {};
    const reads: Record<string, number> = {};
    // The first batch of a run prepares it (Shopify starts the exports of the streams never synced).
    let beginsRun = true;
    /** Runs a stream's batches until done, or until `untilMs` has passed (returns false then). */
    const runStream = async (stream: string, untilMs = Infinity) => {
      const started = performance.now();
      try {
        for (let done = false, n = 0; !done; n++) {
          if (performance.now() - started > untilMs) return false;
          const begins = beginsRun ? "run" : n === 0 ? "stream" : undefined;
          beginsRun = false;
          const batch = await runSyncBatch({ connectionId: connection.id, stream, jobRunId: jobRun.id, begins }, engine);
          done = batch.done;
          reads[stream] = (reads[stream] ?? 0) + batch.counts.read;
        }
        return true;
      } finally {
        streamSeconds[stream] = (streamSeconds[stream] ?? 0) + (performance.now() - started) / 1000;
      }
    };

    // ---- 1. backfill ----
    // In the sync's order: the bulk-backed streams (their four exports start together on the
    // first batch), then deletions, timed on their own.
    const BULK_FIRST = ["locations", "products", "customers", "orders", "inventory"];
    log(`backfill under the standard plan's limits (${STANDARD.maximumAvailable} points, ${STANDARD.restoreRate}/s); load ${load()}`);
    const backfillStarted = performance.now();
    for (const stream of BULK_FIRST) await runStream(stream);
    const backfillSeconds = (performance.now() - backfillStarted) / 1000;
    const backfillRss = rssMiB();
    const records = Object.values(reads).reduce((a, b) => a + b, 0);
    const backfillIngestSeconds = Object.values(ingestMs).reduce((a, b) => a + b, 0) / 1000;
    const rowCount = async () => {
      const [row] = await db.$queryRaw<{ n: number }[]>`
        SELECT ((SELECT count(*) FROM "Order") + (SELECT count(*) FROM "OrderLineItem") + (SELECT count(*) FROM "OrderTransaction") + (SELECT count(*) FROM "Refund")
          + (SELECT count(*) FROM "Customer") + (SELECT count(*) FROM "Product") + (SELECT count(*) FROM "ProductVariant") + (SELECT count(*) FROM "Location") + (SELECT count(*) FROM "InventoryLevel"))::int AS n`;
      return row!.n;
    };
    const backfillRows = await rowCount();
    log(`backfill: ${records} records (${JSON.stringify(reads)}) in ${backfillSeconds.toFixed(1)} s; ${backfillRows} rows; per stream s ${JSON.stringify(Object.fromEntries(Object.entries(streamSeconds).map(([k, v]) => [k, +v.toFixed(1)])))}, of which ingest s ${JSON.stringify(Object.fromEntries(Object.entries(ingestMs).map(([k, v]) => [k, +(v / 1000).toFixed(1)])))}`);
    const inventoryRead = reads.inventory ?? 0;
    const inventorySeconds = streamSeconds.inventory ?? 0;
    const deletionsStarted = performance.now();
    for (const stream of SYNC_STREAMS) if (!BULK_FIRST.includes(stream) && stream !== ORDER_REFUNDS_STREAM) await runStream(stream);
    log(`deletions: ${reads.deletions ?? 0} in ${((performance.now() - deletionsStarted) / 1000).toFixed(1)} s`);

    // ---- refund line items: the paced second pass ----
    const refundBudgetMs = Number(args["refund-seconds"]) * 1000;
    const refundStarted = performance.now();
    const refundFinished = await runStream(ORDER_REFUNDS_STREAM, refundBudgetMs);
    const refundStandardSeconds = (performance.now() - refundStarted) / 1000;
    const refundedAtStandard = ingested[ORDER_REFUNDS_STREAM] ?? 0;
    let refundFastSeconds = 0;
    if (!refundFinished) {
      await control(sandboxUrl, "setCostLimits", { maximumAvailable: 2000, restoreRate: 1_000_000 });
      const fastStarted = performance.now();
      await runStream(ORDER_REFUNDS_STREAM);
      refundFastSeconds = (performance.now() - fastStarted) / 1000;
      await control(sandboxUrl, "setCostLimits", STANDARD);
    }
    const refundedOrders = ingested[ORDER_REFUNDS_STREAM] ?? 0;
    const refundRate = refundedAtStandard / refundStandardSeconds;

    /** Throws unless the connection stored as many of each record as the shop holds. */
    const expectShopCounts = async (connectionId: string) => {
      const expected = (await control<{ counts: Record<string, number> }>(sandboxUrl, "snapshot", {})).counts;
      const where = { connectionId };
      const stored = {
        orders: await db.order.count({ where }),
        lineItems: await db.orderLineItem.count({ where }),
        refunds: await db.refund.count({ where }),
        customers: await db.customer.count({ where }),
        products: await db.product.count({ where }),
        inventoryLevels: await db.inventoryLevel.count({ where }),
      };
      for (const [name, count] of Object.entries(stored)) {
        if (count !== expected[name]) throw new Error(`${name}: the sandbox has ${expected[name]}, the database ${count}`);
      }
      log(`database matches the sandbox's counts: ${JSON.stringify(stored)}`);
    };
    await expectShopCounts(connection.id);

    // ---- 3. incremental: changed orders under the standard plan ----
    const changed = Number(args.changed);
    const sample = await db.order.findMany({ select: { externalId: true }, orderBy: { externalId: "asc" }, take: changed });
    for (const order of sample) await control(sandboxUrl, "updateOrder", { id: Number(order.externalId), patch: { note: "bench change" } });
    for (const key of Object.keys(reads)) delete reads[key];
    for (const key of Object.keys(streamSeconds)) delete streamSeconds[key];
    beginsRun = true;
    const incrementalStarted = performance.now();
    for (const stream of SYNC_STREAMS) await runStream(stream);
    const incrementalSeconds = (performance.now() - incrementalStarted) / 1000;
    const changedStored = await db.order.count({ where: { sourceUpdatedAt: { gte: new Date(Date.now() - 10 * 60_000) } } });
    log(`incremental: ${changed} orders changed; read ${JSON.stringify(reads)} in ${incrementalSeconds.toFixed(1)} s (orders ${streamSeconds.orders?.toFixed(1)} s); ${changedStored} orders now carry the change's time`);

    // ---- 4. webhook acknowledgement ----
    // The app under `next start`, a process of its own; the load generator and the Inngest runner
    // (a remote service in production) stay here.
    const logFile = join(workDir, "next.log");
    const app = await startNextForBench({ port: appPort, env: process.env, logFile });
    cleanups.push(() => app.stop());
    const webhookUrl = `${app.url}/api/webhooks/shopify`;
    // A real delivery's body, as the sandbox signs and sends it, replayed with fresh event ids
    // (only the body is signed).
    const [firstOrder] = sample;
    const [delivery] = await control<{ body: string }[]>(sandboxUrl, "sendWebhook", { topic: "orders/updated", id: Number(firstOrder!.externalId), url: webhookUrl });
    const body = delivery!.body;
    let sent = 0;
    const headersFor = () => ({
      "content-type": "application/json",
      "x-shopify-topic": "orders/updated",
      "x-shopify-hmac-sha256": webhookHmac(body, API_SECRET),
      "x-shopify-shop-domain": SHOP,
      "x-shopify-api-version": "2026-10",
      "x-shopify-webhook-id": `bench-webhook-${sent}`,
      "x-shopify-event-id": `bench-event-${sent++}`,
      "x-shopify-triggered-at": new Date().toISOString(),
    });
    const acks = await measureWebhookAcks({ app, url: webhookUrl, rate: Number(args["webhook-rate"]), seconds: Number(args["webhook-seconds"]), next: () => ({ headers: headersFor(), body }) });
    const ackFailure = webhookAckFailure(acks);
    if (ackFailure) throw new Error(ackFailure);
    log(`webhooks: ${describeWebhookAcks(acks).map((line) => line.trim()).join("; ")}; load ${load()}`);

    // ---- 2. server/ingest against the ceiling, on the rows the sync stored ----
    const batchSizes = { orders: largestIngest.orders!, customers: largestIngest.customers! };
    log(`ceiling: the stored orders and customers through server/ingest and a plain unnest upsert, batches of ${JSON.stringify(batchSizes)}; load ${load()}`);
    const ceiling = await compareWithCeiling({ databaseUrl, batches: storedRecordBatches({ workspaceId: workspace.id, connectionId: connection.id }, batchSizes), cleanUp: false, log });

    // ---- 5. the backfill as people get it ----
    // The install's first sync of a newly connected shop: requested as the install requests it, run
    // by the runner calling the production build. It starts from tables as empty as the first
    // backfill found them; a shop is connected to one workspace at a time, so the first connection
    // goes with its rows.
    await db.$executeRawUnsafe(
      `TRUNCATE "OrderLineItem", "OrderTransaction", "Refund", "Order", "Customer", "ProductVariant", "Product", "InventoryLevel", "Location", "StreamState", "BulkStagedLine", "BulkStaging"`,
    );
    await db.connection.delete({ where: { id: connection.id } });
    const installed = await connect();
    await syncWhenReady(runner.runner, `${app.url}/api/inngest`, { timeoutMs: 60_000 });
    await control(sandboxUrl, "setCostLimits", STANDARD);
    log(`backfill through the Inngest runner and next start, every batch a step over HTTP; load ${load()}`);
    const requested = performance.now();
    const { jobRunId } = await requestConnectionSync(workspaceDb(workspace.id), workspace.id, { connectionId: installed.id }, { trigger: "BACKFILL" });
    const appRun = () => db.jobRun.findUniqueOrThrow({ where: { id: jobRunId } });
    // The streams the direct backfill timed are stored once inventory, the last of them, has its
    // incremental cursor and no export left (the run then goes on with deletions and order-refunds).
    for (let backfilled = false; !backfilled; ) {
      const inventory = await db.streamState.findUnique({ where: { connectionId_stream: { connectionId: installed.id, stream: "inventory" } } });
      backfilled = inventory?.cursor != null && !(inventory.state as { bulk?: unknown }).bulk;
      const run = await appRun();
      if (run.status === "FAILED" || run.status === "CANCELLED") throw new Error(`The backfill run ended ${run.status}: ${run.error}`);
      if (!backfilled) await new Promise((r) => setTimeout(r, 100));
    }
    const appBackfillSeconds = (performance.now() - requested) / 1000;
    const appRecords = (await appRun()).recordsRead;
    log(`backfill through the runner: ${appRecords} records in ${appBackfillSeconds.toFixed(1)} s; the refunds pass finishes with the bucket lifted; load ${load()}`);
    await control(sandboxUrl, "setCostLimits", { maximumAvailable: 2000, restoreRate: 1_000_000 });
    for (let run = await appRun(); run.status !== "SUCCEEDED"; run = await appRun()) {
      if (run.status === "FAILED" || run.status === "CANCELLED") throw new Error(`The backfill run ended ${run.status}: ${run.error}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    await expectShopCounts(installed.id);
    const { inngestRunId } = await appRun();
    const appSteps = Object.keys(runner.runner.getRun(inngestRunId!)?.steps ?? {}).length;

    const syncRowsPerSecond = backfillRows / backfillIngestSeconds;
    const lines = [
      ``,
      `Shopify benchmark — ${orders} orders, load average ${load()} (2 cores shared)`,
      `backfill (the sync engine's batches called directly, no Inngest runner round trips):`,
      `  orders, customers, products, locations, inventory levels (bulk): ${records} records in ${backfillSeconds.toFixed(1)} s = ${(records / backfillSeconds).toFixed(0)} records/s end to end (target < ${TARGET.backfillSeconds} s)`,
      `  the same as people get it (the install's first sync: the local Inngest runner calling next start, every batch a step over HTTP): ${appRecords} records in ${appBackfillSeconds.toFixed(1)} s = ${(appRecords / appBackfillSeconds).toFixed(0)} records/s (target < ${TARGET.backfillSeconds} s); the whole run ${appSteps} steps, its data equal to the shop's counts`,
      `  of which inventory levels (bulk): ${inventoryRead} in ${inventorySeconds.toFixed(1)} s`,
      `  batches stored inside the sync (records, stream state and the run's counts in one transaction; wall time, sharing the cores with the parse of the next batch): ${backfillRows} rows in ${backfillIngestSeconds.toFixed(1)} s = ${syncRowsPerSecond.toFixed(0)} rows/s`,
      `  refund line items (order-refunds): ${refundedAtStandard} refunded orders in ${refundStandardSeconds.toFixed(1)} s at the standard plan = ${refundRate.toFixed(1)} orders/s` +
        (refundFinished ? "" : `; the rest (${refundedOrders - refundedAtStandard}) with the bucket lifted in ${refundFastSeconds.toFixed(1)} s; all ${refundedOrders} at the standard pace ≈ ${(refundedOrders / refundRate / 60).toFixed(1)} min`),
      `  peak RSS after the backfill: ${backfillRss.toFixed(0)} MiB (target < ${TARGET.rssMiB})`,
      `ingest against its ceiling, on the ${ceiling.rows} order, line item, transaction, refund and customer rows the sync stored:`,
      ...describeCeiling(ceiling).map((line) => `  ${line}`),
      `  for reference, not the target: the batches stored inside the sync reached ${((syncRowsPerSecond / ceiling.ceiling.rowsPerSecond) * 100).toFixed(0)} % of this ceiling`,
      `incremental, ${changed} changed orders, standard plan: ${incrementalSeconds.toFixed(1)} s (target < ${TARGET.incrementalSeconds} s)`,
      ...describeWebhookAcks(acks),
      `peak RSS of the run: ${rssMiB().toFixed(0)} MiB`,
    ];
    console.log(lines.join("\n"));
    await db.$disconnect();
  } finally {
    await stopAll();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
