// `npm run bench:shipbob [-- --orders 20000 --products 2000 --centres 6 --page-size 250 --webhook-rate 200 --webhook-seconds 10 --no-build --no-webhooks]`
//
// The ShipBob connector end to end on this machine, against a throwaway embedded PostgreSQL and the
// sandbox ShipBob at ShipBob's real rate limit: 150 requests per minute, sliding window, on the
// real clock. The sandbox runs in this process (its snapshot is read back in ShipBob's shapes, for
// the completeness check); it sends at most 150 answers a minute, so its CPU share is small, but
// the peak RSS includes its generated account (printed apart). A production build of the app is
// made first, before anything is timed, for 4. (`--no-build` reuses the one bench:api and
// bench:shopify share; `--no-webhooks` skips 4. and the build).
// 1. backfill: the sync engine's batches called directly (runSyncBatch, the code each Inngest step
//    runs; the runner's HTTP round trips between steps are left out), every stream in the sync's
//    order (locations, products, inventory, shipments, returns, receiving), paced by the
//    connector's own pacer. Timed against the floor the limit sets: requests ÷ 150 per minute,
//    the requests counted by the sandbox (let through and refused 429), a timeline request per
//    shipment changed in the week before the backfill among them;
// 2. completeness: the database against the sandbox's snapshot, per stream, counts and checksums
//    (dev/bench/shipbob-completeness.ts);
// 3. server/ingest against the plain set-based upsert ceiling (dev/bench/ingest-ceiling.ts) on the
//    shipments the sync stored (most of its rows), in the sync's batch sizes;
// 4. webhook acknowledgement (dev/bench/webhook-ack.ts, as bench:shopify measures it): the account
//    subscribed by the connector's own registration (the address with `?account=<channel id>`, the
//    secret derived from SHIPBOB_WEBHOOK_SECRET), a shipment moved on until the sandbox delivers
//    its topic to the app, then that delivery's body signed afresh with a new `webhook-id` per
//    delivery (Standard Webhooks signs id, timestamp and body) at `--webhook-rate`/s, open loop,
//    after 2 s of warm-up, into POST /api/webhooks/shipbob of the build under `next start`, with
//    the local Inngest runner as the event API; every acknowledged delivery must be stored.
// Prints the figures and the load average next to them. Loopback only, every loop bounded.
import { randomUUID } from "node:crypto";
import { loadavg } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { benchCleanups, throwawayBenchDatabase } from "@/dev/bench/bench-lifecycle";
import { findFreePort } from "@/dev/db/embedded-postgres";
import { standardWebhookHeaders } from "@/dev/sandbox/_kit/signing";
import { delivered } from "@/dev/sandbox/_kit/webhooks";
import { CHANNELS, RATE_LIMIT, SHIPBOB_DEV, startShipBobSandbox } from "@/dev/sandbox/shipbob";
import { buildForBench, startNextForBench } from "./next-server";
import { describeWebhookAcks, measureWebhookAcks, startBenchEventApi, webhookAckFailure, WEBHOOK_ACK_OPTIONS } from "./webhook-ack";

const TARGET = { floorRatio: 1.15, refusedShare: 0.01 };
const DAY = 86_400_000;
/** The server's key each account's webhook secret is derived from (SHIPBOB_WEBHOOK_SECRET). */
const WEBHOOK_KEY = "bench-shipbob-webhook-key";
/** A shipment reaches a step ShipBob announces (shipped, delivered) within this many steps. */
const STEPS_TO_ANNOUNCE = 8;

const { values: args } = parseArgs({
  options: {
    orders: { type: "string", default: "20000" },
    products: { type: "string", default: "2000" },
    centres: { type: "string", default: "6" },
    // ShipBob's largest page, the connector's default: fewer requests make a shorter run.
    "page-size": { type: "string", default: "250" },
    ...WEBHOOK_ACK_OPTIONS,
    "no-webhooks": { type: "boolean", default: false },
  },
});

function log(message: string) {
  console.log(`[bench:shipbob] ${message}`);
}

const load = () => loadavg().map((n) => n.toFixed(2)).join(" ");
const rssMiB = () => process.resourceUsage().maxRSS / 1024;
const perMinute = (RATE_LIMIT.limit * 60_000) / RATE_LIMIT.windowMs;

async function main() {
  const volume = { orders: Number(args.orders), products: Number(args.products), centres: Number(args.centres) };
  const pageSize = Number(args["page-size"]);
  const lifecycle = benchCleanups("bench:shipbob");
  const { cleanups, stopAll } = lifecycle;

  try {
    log(`load average before: ${load()}`);
    const { workDir, databaseUrl } = await throwawayBenchDatabase("bench_shipbob", lifecycle);
    const eventApi = args["no-webhooks"] ? null : await startBenchEventApi(lifecycle);

    // History ending three days ago: an open shipment's estimate (two days after its order) is
    // then past, so its PendingLate status cannot flip between the sync's read and the snapshot
    // compared with it; and the backfill reads the timelines of the shipments of its last four days.
    const epoch = Date.now() - 3 * DAY;
    const rssBeforeSandbox = process.memoryUsage.rss();
    const sandbox = await startShipBobSandbox({
      seed: "bench-shipbob",
      epoch,
      volume,
      shopify: { seed: "bench-shop.myshopify.com", epoch, volume: { orders: volume.orders, products: volume.products } },
      port: await findFreePort(),
      host: "127.0.0.1",
    });
    cleanups.push(() => sandbox.stop());
    const sandboxMiB = (process.memoryUsage.rss() - rssBeforeSandbox) / 1024 / 1024;
    const { account } = sandbox;
    const pages = (items: number) => Math.max(1, Math.ceil(items / pageSize));
    const returns = Math.ceil(volume.orders / 10);
    const estimate = 1 + pages(account.products.length) + pages(account.inventory.size) + pages(volume.orders) + pages(returns) + pages(account.receiving.length);
    log(
      `sandbox ShipBob on ${sandbox.url} (in process, ${RATE_LIMIT.limit} requests per ${RATE_LIMIT.windowMs / 1000} s sliding window, real clock): ${volume.orders} orders, ${account.products.length} products with ${account.inventory.size} inventory items in ${account.centres.length} centres, ${returns} returns, ${account.receiving.length} receiving orders`,
    );
    log(`expected: about ${estimate} requests at ${pageSize} a page, a floor of ${((estimate / perMinute) * 60).toFixed(0)} s at ${perMinute}/min, plus a request per shipment changed in the last 7 days (its timeline)`);

    // server/env reads these once, on first import: everything from server/ is imported below.
    Object.assign(process.env, {
      DATABASE_URL: databaseUrl,
      SHIPBOB_API_URL: sandbox.url,
      ENCRYPTION_KEYS: "bench1:yet0uc6xGJcUvZCPaprucssr1qykS09sLLqzrSa5WEw=",
      INNGEST_DEV: "0",
      LOG_LEVEL: "error",
      SHIPBOB_WEBHOOK_SECRET: WEBHOOK_KEY,
      ...eventApi?.env,
    });
    if (eventApi) {
      log(args["no-build"] ? "reusing the production build if there is one (--no-build)" : "building the app for production (next build), before anything is timed");
      await buildForBench(process.env, { reuse: args["no-build"] });
    }
    const { db } = await import("@/server/db");
    const { sealCredentialValues } = await import("@/server/services/connections/credentials");
    const { runSyncBatch } = await import("@/server/services/sync/run-sync-batch");
    const { createShipBobSync, registerShipBobWebhooks, TokenPacers } = await import("@/server/connectors/shipbob");
    const { shipbobWebhookSecret } = await import("@/server/connectors/shipbob/webhooks");
    const { getConnectionAccess } = await import("@/server/services/connections/get-connection-access");
    const { RECENT_TIMELINES_MS } = await import("@/server/connectors/shipbob/sync");
    const { compareWithCeiling, describeCeiling } = await import("./ingest-ceiling");
    const { storedShipmentBatches } = await import("./stored-records");
    const { compareWithSandbox } = await import("./shipbob-completeness");

    const workspace = await db.workspace.create({ data: { name: "ShipBob benchmark", slug: "bench-shipbob" } });
    const connection = await db.connection.create({
      data: {
        workspaceId: workspace.id,
        provider: "SHIPBOB",
        externalAccountId: String(CHANNELS[0].id),
        displayName: "ShipBob",
        status: "ACTIVE",
        authMethod: "CREDENTIALS",
        encryptedCredentials: sealCredentialValues({ token: SHIPBOB_DEV.pat }),
      },
    });
    const jobRun = await db.jobRun.create({
      data: { workspaceId: workspace.id, connectionId: connection.id, kind: "sync", trigger: "MANUAL", status: "RUNNING", startedAt: new Date() },
    });

    // The connector's sync with ShipBob's published pacing (a pacer of its own: no other
    // connection shares the token); the engine reports each chunk it stores.
    const pacers = new TokenPacers();
    const sync = createShipBobSync(pacers, { pageSize });
    const ingestMs: Record<string, number> = {};
    const largestIngest: Record<string, number> = {};
    const engine = {
      connectors: { SHIPBOB: { sync } },
      onStored(stream: string, records: number, ms: number) {
        ingestMs[stream] = (ingestMs[stream] ?? 0) + ms;
        largestIngest[stream] = Math.max(largestIngest[stream] ?? 0, records);
      },
    };
    const reads: Record<string, number> = {};
    const streamSeconds: Record<string, number> = {};

    // ---- 1. backfill ----
    log(`backfill, the engine's batches called directly; load ${load()}`);
    const before = { ...sandbox.requests };
    const started = performance.now();
    let batches = 0;
    // The line the sync draws for timelines, when its shipments stream begins (to the millisecond: no shipment's last change falls between).
    let timelinesFrom = 0;
    for (const { name: stream } of sync.streams) {
      if (stream === "shipments") timelinesFrom = Date.now() - RECENT_TIMELINES_MS;
      const streamStarted = performance.now();
      for (let done = false, n = 0; !done; n++, batches++) {
        const batch = await runSyncBatch({ connectionId: connection.id, stream, jobRunId: jobRun.id, begins: batches === 0 ? "run" : n === 0 ? "stream" : undefined }, engine);
        done = batch.done;
        reads[stream] = (reads[stream] ?? 0) + batch.counts.read;
      }
      streamSeconds[stream] = (performance.now() - streamStarted) / 1000;
      log(`  ${stream}: ${reads[stream]} records in ${streamSeconds[stream].toFixed(1)} s; requests so far ${sandbox.requests.allowed - before.allowed} (${sandbox.requests.refused - before.refused} refused)`);
    }
    const wallSeconds = (performance.now() - started) / 1000;
    const backfillRss = rssMiB();
    const allowed = sandbox.requests.allowed - before.allowed;
    const refused = sandbox.requests.refused - before.refused;
    const requests = allowed + refused;
    const floorSeconds = (requests / perMinute) * 60;
    // The window lets its first 150 requests through at once: request n can go no earlier than
    // floor((n - 1) / 150) windows after the first.
    const windowFloorSeconds = Math.floor((requests - 1) / RATE_LIMIT.limit) * (RATE_LIMIT.windowMs / 1000);
    const records = Object.values(reads).reduce((a, b) => a + b, 0);
    const [row] = await db.$queryRaw<{ n: number }[]>`
      SELECT ((SELECT count(*) FROM "Location" WHERE "connectionId" = ${connection.id}) + (SELECT count(*) FROM "Product" WHERE "connectionId" = ${connection.id})
        + (SELECT count(*) FROM "ProductVariant" WHERE "connectionId" = ${connection.id}) + (SELECT count(*) FROM "InventoryLevel" WHERE "connectionId" = ${connection.id})
        + (SELECT count(*) FROM "Shipment" WHERE "connectionId" = ${connection.id}) + (SELECT count(*) FROM "ReturnOrder" WHERE "connectionId" = ${connection.id})
        + (SELECT count(*) FROM "ReceivingOrder" WHERE "connectionId" = ${connection.id}))::int AS n`;
    const rows = row!.n;
    const ingestSeconds = Object.values(ingestMs).reduce((a, b) => a + b, 0) / 1000;

    // ---- 2. completeness ----
    const comparison = await compareWithSandbox(sandbox, connection.id, timelinesFrom);
    const [withTimeline] = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "Shipment" WHERE "connectionId" = ${connection.id} AND "timeline" IS NOT NULL`;
    const timelines = withTimeline!.n;
    const complete = comparison.filter((c) => c.expected === c.stored && c.checksumsEqual).length;

    // ---- 3. server/ingest against the ceiling, on the shipments the sync stored ----
    const batchSize = largestIngest.shipments ?? pageSize;
    log(`ceiling: the stored shipments through server/ingest and a plain unnest upsert, batches of ${batchSize}; load ${load()}`);
    const ceiling = await compareWithCeiling({ databaseUrl, batches: storedShipmentBatches({ workspaceId: workspace.id, connectionId: connection.id }, batchSize), cleanUp: false, log });

    // ---- 4. webhook acknowledgement ----
    let acks = null;
    if (eventApi) {
      // The app under `next start`, a process of its own; the load generator, the Inngest runner
      // (a remote service in production) and the sandbox stay here.
      const app = await startNextForBench({ port: eventApi.appPort, env: process.env, logFile: join(workDir, "next.log") });
      cleanups.push(() => app.stop());
      // Subscribed as connecting the account subscribes it, on the backfill's pacer (its requests
      // are the sandbox's too, after the backfill's were counted).
      await registerShipBobWebhooks(await getConnectionAccess(connection.id, { provider: "SHIPBOB" }), pacers);
      const sentBefore = sandbox.deliveries.length;
      for (let step = 0; sandbox.deliveries.length === sentBefore && step < STEPS_TO_ANNOUNCE; step++) await sandbox.advanceShipments({ count: 1 });
      const delivery = sandbox.deliveries[sentBefore];
      if (!delivery || !delivered(delivery)) throw new Error(`The sandbox's delivery to the app failed: ${delivery ? (delivery.error ?? `answered ${delivery.status}`) : "none was sent"}`);
      log(`the sandbox delivered ${delivery.topic} to ${delivery.url}: answered ${delivery.status}; load ${load()}`);
      const secret = shipbobWebhookSecret(WEBHOOK_KEY, connection.externalAccountId);
      const next = () => ({
        headers: {
          "content-type": "application/json",
          "x-webhook-topic": delivery.topic,
          ...standardWebhookHeaders({ id: `msg_${randomUUID()}`, timestampSeconds: Math.floor(Date.now() / 1000), body: delivery.body, secret }),
        },
        body: delivery.body,
      });
      acks = await measureWebhookAcks({ app, url: delivery.url, rate: Number(args["webhook-rate"]), seconds: Number(args["webhook-seconds"]), next });
    }

    const syncRowsPerSecond = rows / ingestSeconds;
    const lines = [
      ``,
      `ShipBob benchmark — ${volume.orders} orders, ${volume.products} products in ${volume.centres} centres, ${pageSize} a page; load average ${load()} (2 cores shared)`,
      `backfill (the sync engine's batches called directly, no Inngest runner round trips), ${batches} batches:`,
      `  requests made (the sandbox's count): ${requests}, of which ${refused} answered 429 = ${((refused / requests) * 100).toFixed(2)} % (target < ${TARGET.refusedShare * 100} %)`,
      `  floor at ${perMinute}/min: ${requests} ÷ ${perMinute}/min = ${floorSeconds.toFixed(1)} s` +
        (windowFloorSeconds < floorSeconds ? ` (the sliding window lets the first ${RATE_LIMIT.limit} through at once: a client could finish in ${windowFloorSeconds.toFixed(0)} s + its own time)` : ""),
      `  wall time: ${wallSeconds.toFixed(1)} s = ${(wallSeconds / floorSeconds).toFixed(2)} × the floor (target ≤ ${TARGET.floorRatio})` +
        (windowFloorSeconds > 0 ? `; ${(wallSeconds / windowFloorSeconds).toFixed(2)} × the sliding window's ${windowFloorSeconds.toFixed(0)} s` : ""),
      `  per stream: ${Object.entries(streamSeconds)
        .map(([stream, s]) => `${stream} ${reads[stream]} in ${s.toFixed(1)} s`)
        .join(", ")}`,
      `  ${timelines} shipment timelines read (shipments changed in the 7 days before the backfill), a request each`,
      `  ${records} records read, ${rows} rows stored; the batches stored inside the sync (wall time, the in-process sandbox sharing the cores): ${rows} rows in ${ingestSeconds.toFixed(1)} s = ${syncRowsPerSecond.toFixed(0)} rows/s`,
      `completeness (database against the sandbox's snapshot, counts and checksums): ${complete}/${comparison.length} streams equal = ${((complete / comparison.length) * 100).toFixed(0)} % (target 100 %)`,
      ...comparison.map((c) => `  ${c.stream.padEnd(10)} sandbox ${String(c.expected).padStart(6)}  database ${String(c.stored).padStart(6)}  checksums ${c.checksumsEqual ? "equal" : "DIFFER"}`),
      `ingest against its ceiling, on the ${ceiling.rows} shipment rows the sync stored (the catalogue, levels, returns and receiving orders are ${rows - ceiling.rows} rows more, not compared):`,
      ...describeCeiling(ceiling).map((line) => `  ${line}`),
      ...(acks ? describeWebhookAcks(acks) : ["webhook ack: not measured (--no-webhooks)"]),
      `peak RSS: ${backfillRss.toFixed(0)} MiB after the backfill, ${rssMiB().toFixed(0)} MiB for the run (the in-process sandbox's generated account: ${sandboxMiB.toFixed(0)} MiB of it at start)`,
    ];
    console.log(lines.join("\n"));
    await db.$disconnect();
    if (complete < comparison.length) throw new Error("The database does not equal the sandbox: see the completeness lines");
    const ackFailure = acks && webhookAckFailure(acks);
    if (ackFailure) throw new Error(ackFailure);
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
