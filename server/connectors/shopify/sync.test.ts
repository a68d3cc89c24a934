import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  ALL_SCOPES,
  startShopifySandbox,
  type FaultSpec,
  type ShopifySandbox,
  type ShopifySandboxOptions,
} from "@/dev/sandbox/shopify";
import { replaceConnector } from "@/dev/test/connectors";
import { syncToEnd as syncToEndOf, type SyncToEndOptions } from "@/dev/test/sync-to-end";
import { withInngestRunner, type InngestHarness } from "@/dev/test/inngest";
import { databaseSnapshot, installedConnection, orphans, shopSnapshot } from "@/dev/test/sandbox-shopify";
import { inngest } from "@/inngest/client";
import { connectionSyncRequested } from "@/inngest/events";
import { syncConnection } from "@/inngest/functions/sync-connection";
import { countsCheck } from "@/components/jobs/job-format";
import { buildTrackedJobRun } from "@/prisma/factories/job-runs";
import { buildWorkspaceWithOwner } from "@/prisma/factories/members";
import { db, workspaceDb } from "@/server/db";
import { findConnections } from "@/server/services/connections/find-connections";
import { getJobRunById } from "@/server/services/job-history/get-job-run-by-id";
import { openOAuthCredentials, sealOAuthCredentials } from "@/server/services/connections/credentials";
import { runSyncBatch } from "@/server/services/sync/run-sync-batch";
import type { StreamNotes } from "@/server/services/sync/stream-notes";
import type { SyncConnectors } from "@/server/services/sync/sync-connectors";
import { PermanentError } from "../_core/errors";
import { createShopifySync, ORDER_REFUNDS_STREAM, shopifyConnector, type ShopifyStreamState, type ShopifySyncOptions } from ".";
import { PAYOUT_STREAMS } from "./payouts-streams";
import { SHOPIFY_STREAMS } from "./streams";

// The Shopify sync against the sandbox over real HTTP, end to end: through the real
// connection-sync function on the local Inngest runner where the run's outcome matters, and
// through the sync engine's batches (with short timeouts) where faults and kills do.

// server/env reads the environment once, on first import: the sandbox's port is reserved first.
const { SANDBOX_PORT } = await vi.hoisted(async () => {
  const { freePort } = await import("@/dev/test/free-port");
  const port = await freePort();
  Object.assign(process.env, {
    SHOPIFY_API_KEY: "sync-test-key",
    SHOPIFY_API_SECRET: "sync-test-secret",
    SHOPIFY_SHOP_ORIGIN: `http://localhost:${port}/shops/{shop}`,
  });
  return { SANDBOX_PORT: port };
});

const FAST = { maximumAvailable: 2000, restoreRate: 50_000 };
const MAIN = "sync-main.myshopify.com";
const FAULTY = "sync-faulty.myshopify.com";
const KILLED = "sync-killed.myshopify.com";
const RESUMED = "sync-resumed.myshopify.com";
const NO_CUSTOMERS = "sync-no-customers.myshopify.com";
const TOKENS = "sync-tokens.myshopify.com";
const INVENTORY = "sync-inventory.myshopify.com";
const RESTARTED = "sync-restarted.myshopify.com";
const STEP_FAILED = "sync-step-failed.myshopify.com";
const SIGKILLED = "sync-sigkilled.myshopify.com";
const STAGED = "sync-staged.myshopify.com";

const SYNC_STREAMS = shopifyConnector.sync.streams.map((s) => s.name);

/** The engine's connectors with Shopify's sync tuned (smaller reads; batchBudgetMs 0: one chunk a batch). */
const tuned = (options: ShopifySyncOptions): SyncConnectors => ({ SHOPIFY: { sync: createShopifySync(options) } });

/** The registry's Shopify connector with this sync, for runs through the job runner; returns the undo. */
const useShopifySync = (sync: ReturnType<typeof createShopifySync>) => replaceConnector({ ...shopifyConnector, sync });

let sandbox: ShopifySandbox;
let harness: InngestHarness;
const stateDir = mkdtempSync(join(tmpdir(), "shopify-sync-sandbox-"));
// A state file keeps installations and tokens across restartSandbox(); a fixed epoch, the
// generated data (shops without one end their history at the start's clock).
const SANDBOX_OPTIONS: ShopifySandboxOptions = {
  apiKey: "sync-test-key",
  apiSecret: "sync-test-secret",
  port: SANDBOX_PORT,
  stateFile: join(stateDir, "state.json"),
  shops: [
    { domain: MAIN, volume: { orders: 1500, locations: 2 }, costLimits: FAST },
    { domain: FAULTY, volume: { orders: 400, products: 60, locations: 2 }, costLimits: FAST },
    { domain: KILLED, volume: { orders: 1000, products: 40, locations: 1 }, costLimits: FAST },
    { domain: RESUMED, volume: { orders: 1000, products: 40, locations: 1 }, costLimits: FAST },
    { domain: NO_CUSTOMERS, volume: { orders: 50, products: 20, locations: 1 }, costLimits: FAST },
    { domain: TOKENS, volume: { orders: 30, products: 10, locations: 1 }, costLimits: FAST },
    { domain: INVENTORY, volume: { orders: 30, products: 20, locations: 2 }, costLimits: FAST },
    { domain: RESTARTED, volume: { orders: 600, products: 30, locations: 2 }, costLimits: FAST, epoch: Date.now() },
    { domain: STEP_FAILED, volume: { orders: 600, products: 30, locations: 1 }, costLimits: FAST },
    { domain: SIGKILLED, volume: { orders: 1000, products: 30, locations: 1 }, costLimits: FAST },
    { domain: STAGED, volume: { orders: 800, products: 30, locations: 1 }, costLimits: FAST },
  ],
};

beforeAll(async () => {
  sandbox = await startShopifySandbox(SANDBOX_OPTIONS);
  harness = await withInngestRunner(inngest, [syncConnection]);
}, 60_000);

afterAll(async () => {
  await harness?.stop();
  await sandbox?.stop();
  rmSync(stateDir, { recursive: true, force: true });
});

/** Stops the sandbox and starts it again on the same port: what it kept in memory only (bulk operations) is gone. */
async function restartSandbox(): Promise<void> {
  await sandbox.stop();
  sandbox = await startShopifySandbox(SANDBOX_OPTIONS);
}

async function runSync(connectionId: string, workspaceId: string) {
  const [eventId] = await harness.send(connectionSyncRequested.create({ workspaceId, connectionId, trigger: "MANUAL" }));
  return harness.waitForRun({ functionId: "connection-sync", eventId }, 60_000);
}

/** Which batch of the run this is, as the function tells the engine. */
const begins = (batches: number, ofStream: number) => (batches === 0 ? "run" : ofStream === 0 ? "stream" : undefined);

/** The function's loop over the engine's batches (dev/test/sync-to-end.ts), over the Shopify streams. */
const syncToEnd = (connectionId: string, connectors: SyncConnectors, options?: SyncToEndOptions) => syncToEndOf(connectionId, connectors, SYNC_STREAMS, options);

async function expectEqualToShop(connectionId: string, domain: string) {
  const shop = sandbox.shop(domain);
  const expected = shopSnapshot(shop);
  const actual = await databaseSnapshot(connectionId);
  expect(actual.counts).toEqual(expected.counts);
  expect(actual.checksums).toEqual(expected.checksums);
  expect(await orphans(connectionId, shop)).toEqual({ lineItemsWithoutOrder: 0, ordersMissingLineItems: 0 });
}

/**
 * Every stored order's shipping and attribution equals the shop's: the channel is the creating
 * app's name, source and medium the last visit's UTM parameters, else its source and tactic.
 */
async function expectAttributionOfShop(connectionId: string, domain: string) {
  const expected = [...sandbox.shop(domain).store.orders.records()].map((o) => {
    const visit = o.journey?.lastVisit ?? null;
    return [String(o.id), Number(o.totalShipping).toFixed(2), o.channel.appName, visit && (visit.utmSource ?? visit.source), visit && (visit.utmMedium ?? visit.sourceType?.toLowerCase() ?? null)];
  });
  const stored = await db.order.findMany({ where: { connectionId, deletedAt: null }, select: { externalId: true, totalShipping: true, channel: true, marketingSource: true, marketingMedium: true } });
  const actual = stored.map((o) => [o.externalId, o.totalShipping?.toFixed(2) ?? null, o.channel, o.marketingSource, o.marketingMedium]);
  const byId = (a: unknown[], b: unknown[]) => String(a[0]).localeCompare(String(b[0]));
  expect(actual.sort(byId)).toEqual(expected.sort(byId));
  // The shop's mix reached the database: shipped and unshipped orders, channels, tagged and untagged visits.
  expect(new Set(actual.map(([, shipping]) => shipping === "0.00")).size).toBe(2);
  expect(new Set(actual.map(([, , channel]) => channel))).toEqual(new Set(["Online Store", "Point of Sale", "Draft Orders"]));
  expect(new Set(actual.map(([, , , , medium]) => medium))).toEqual(new Set(["cpc", "paid_social", "email", "seo", null]));
}

/** Stored records as a sync counts them: an order, product or customer once, whatever its children. */
async function recordRows(connectionId: string) {
  const where = { connectionId };
  const [orders, customers, products, locations, inventoryLevels] = await Promise.all([
    db.order.count({ where }),
    db.customer.count({ where }),
    db.product.count({ where }),
    db.location.count({ where }),
    db.inventoryLevel.count({ where }),
  ]);
  return { orders, total: orders + customers + products + locations + inventoryLevels };
}

/** The run's counts, as stored and as the Jobs page shows them: every record read accounted for. */
async function countsOf(jobRunId: string) {
  const run = await db.jobRun.findUniqueOrThrow({ where: { id: jobRunId } });
  const { recordsRead: read, recordsInserted: inserted, recordsUpdated: updated, recordsUnchanged: unchanged, recordsDeleted: deleted } = run;
  expect(read).toBe(inserted + updated + unchanged + deleted);
  if (run.workspaceId) expect(countsCheck(await getJobRunById(workspaceDb(run.workspaceId), { jobRunId }))).toEqual(read > 0 ? { holds: true } : null);
  return { read, inserted, updated, unchanged, deleted, progressDone: run.progressDone, progressTotal: run.progressTotal };
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 20_000): Promise<T> {
  for (const deadline = Date.now() + timeoutMs; ; ) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function streamStates(connectionId: string) {
  const rows = await db.streamState.findMany({ where: { connectionId } });
  return Object.fromEntries(rows.map((r) => [r.stream, { cursor: r.cursor, state: r.state as ShopifyStreamState & StreamNotes }]));
}

describe("Shopify sync through the connection-sync function", () => {
  it("syncs every stream of the connector, inventory (paged when incremental) after orders, payouts after the refunds they settle", () => {
    expect([...SYNC_STREAMS].sort()).toEqual([...SHOPIFY_STREAMS.map((s) => s.name), ORDER_REFUNDS_STREAM, ...PAYOUT_STREAMS.map((s) => s.name)].sort());
    expect(SYNC_STREAMS.indexOf("orders")).toBeLessThan(SYNC_STREAMS.indexOf("inventory"));
    expect(SYNC_STREAMS.indexOf(ORDER_REFUNDS_STREAM)).toBeLessThan(SYNC_STREAMS.indexOf("payouts"));
  });


  it("backfills a shop through bulk exports, then syncs changes and deletions incrementally", async () => {
    const { workspace } = await buildWorkspaceWithOwner();
    const connection = await installedConnection(workspace.id, sandbox.shop(MAIN));

    const first = await runSync(connection.id, workspace.id);
    expect(first.status).toBe("COMPLETED");
    await expectEqualToShop(connection.id, MAIN);
    await expectAttributionOfShop(connection.id, MAIN);
    const run = await db.jobRun.findUniqueOrThrow({ where: { inngestRunId: first.id } });
    expect(run).toMatchObject({ status: "SUCCEEDED" });
    expect(run.recordsRead).toBeGreaterThan(1500);
    // Every record stored once, as an insert; the refund pass's complete orders, as updates.
    const firstCounts = await countsOf(run.id);
    expect(firstCounts.inserted).toBe((await recordRows(connection.id)).total);
    expect(firstCounts.updated).toBe([...sandbox.shop(MAIN).store.orders.records()].filter((o) => o.refunds.length > 0).length);
    // Live progress came from the bulk exports' object counts; the last one is the refund pass's.
    expect(run).toMatchObject({ progressDone: 1500, progressTotal: 1500 });
    expect((await db.connection.findUniqueOrThrow({ where: { id: connection.id } })).lastSyncedAt).not.toBeNull();

    const states = await streamStates(connection.id);
    for (const stream of ["orders", "customers", "products", "inventory"]) {
      expect(states[stream]!.cursor).toMatch(/"since":"/);
      expect(states[stream]!.state.bulk).toBeUndefined();
    }
    // Every export was asked for ungrouped output: children anywhere after their parents.
    expect(sandbox.shop(MAIN).bulk.list().map((op) => op.groupObjects)).not.toContain(true);
    // Inventory came from one bulk export (a few points), not from cost-paced pages.
    const levels = sandbox.shop(MAIN).snapshot().counts.inventoryLevels!;
    const inventoryExports = sandbox.shop(MAIN).bulk.list().filter((op) => op.query.includes("inventoryLevels"));
    expect(inventoryExports.map((op) => [op.status, op.objectCount])).toEqual([["COMPLETED", levels + sandbox.shop(MAIN).store.locations.length]]);
    expect(states.inventory!.state.recordsRead).toBe(levels);
    expect(states[ORDER_REFUNDS_STREAM]!.state.recordsRead).toBeGreaterThan(0);
    const [listed] = await findConnections(workspaceDb(workspace.id));
    expect(listed!.streams.find((s) => s.stream === "orders")).toMatchObject({ warning: null, recordsRead: 1500, backfilling: false });

    // Changes after the backfill: updated_at moves past the incremental cursors.
    const shop = sandbox.shop(MAIN);
    // Shopify has deletion events for products only (orders and customers: webhooks).
    const [order1, order2] = [...shop.store.orders.records()];
    shop.updateOrder(order1!.id, { note: "changed", tags: ["changed"] });
    shop.cancelOrder(order2!.id);
    shop.createOrder();
    const [customer] = [...shop.store.customers.records()];
    shop.updateCustomer(customer!.id, { email: "changed@example.com" });
    shop.createCustomer();
    const [product1, product2] = [...shop.store.products.records()];
    shop.updateProduct(product1!.id, { title: "Renamed" });
    shop.deleteProduct(product2!.id);
    shop.createProduct();

    const second = await runSync(connection.id, workspace.id);
    expect(second.status).toBe("COMPLETED");
    await expectEqualToShop(connection.id, MAIN);
    // The created order came through the paged query.
    await expectAttributionOfShop(connection.id, MAIN);
    const deleted = await db.product.findFirstOrThrow({ where: { connectionId: connection.id, externalId: String(product2!.id) } });
    expect(deleted.deletedAt).not.toBeNull();
    const secondRun = await db.jobRun.findUniqueOrThrow({ where: { inngestRunId: second.id } });
    // Incremental: the changed records and the overlap window, not the whole shop again.
    expect(secondRun.recordsRead).toBeLessThan(500);
    // What the overlap and the locations read again is counted too, as unchanged.
    const secondCounts = await countsOf(secondRun.id);
    expect(secondCounts.inserted).toBeGreaterThanOrEqual(3);
    expect(secondCounts.deleted).toBe(1);
    expect(secondCounts.unchanged).toBeGreaterThan(0);
  }, 60_000);

  it("a run that dies midway is resumed by the next run from the saved cursor", async () => {
    const { workspace } = await buildWorkspaceWithOwner();
    const shop = sandbox.shop(RESUMED);
    const connection = await installedConnection(workspace.id, shop);
    const small = createShopifySync({ batchBudgetMs: 0, bulkBatchSize: 100 });
    // Dies (for good, no retries) once 300 orders are stored, like a crashed worker would.
    const restore = useShopifySync({
      ...small,
      read(ctx, stream, from) {
        if (stream === "orders" && (from.state as ShopifyStreamState).bulk?.parentsRead === 300) throw new PermanentError("Killed midway");
        return small.read(ctx, stream, from);
      },
    });
    try {
      const killed = await runSync(connection.id, workspace.id);
      expect(killed).toMatchObject({ status: "FAILED", retries: 0 });
      expect(await db.order.count({ where: { connectionId: connection.id } })).toBe(300);

      useShopifySync(small);
      expect((await runSync(connection.id, workspace.id)).status).toBe("COMPLETED");
    } finally {
      restore();
    }
    await expectEqualToShop(connection.id, RESUMED);
    // Each order was read once: the second run went on in the same export after order 300.
    expect((await streamStates(connection.id)).orders!.state.recordsRead).toBe(1000);
  }, 60_000);

  it("skips a stream whose scope was not granted, with a visible warning, and syncs the rest", async () => {
    const { workspace } = await buildWorkspaceWithOwner();
    const shop = sandbox.shop(NO_CUSTOMERS);
    const scopes = ["read_orders", "read_all_orders", "read_products", "read_inventory", "read_locations"];
    const connection = await installedConnection(workspace.id, shop, { scopes });

    const run = await runSync(connection.id, workspace.id);
    expect(run.status).toBe("COMPLETED");
    expect(await db.jobRun.findUniqueOrThrow({ where: { inngestRunId: run.id } })).toMatchObject({ status: "SUCCEEDED" });
    const [listed] = await findConnections(workspaceDb(workspace.id));
    const byStream = Object.fromEntries(listed!.streams.map((s) => [s.stream, s]));
    // Orders need read_customers too (Order.customer).
    expect(byStream.customers!.warning).toContain("read_customers");
    expect(byStream.orders!.warning).toContain("read_customers");
    expect(byStream.products).toMatchObject({ warning: null, recordsRead: 20 });
    expect(await db.customer.count({ where: { connectionId: connection.id } })).toBe(0);
    expect(await db.product.count({ where: { connectionId: connection.id } })).toBe(20);
    expect(await db.location.count({ where: { connectionId: connection.id } })).toBe(1);
  }, 60_000);

  it("refreshes an expired token on its own; a revoked one asks for re-authorization and fails without retries", async () => {
    const { workspace } = await buildWorkspaceWithOwner();
    const shop = sandbox.shop(TOKENS);
    // Without read_all_orders, too: orders sync, with a warning that only 60 days are visible.
    const scopes = ALL_SCOPES.filter((scope) => scope !== "read_all_orders");
    const connection = await installedConnection(workspace.id, shop, { expiresInMs: -60_000, scopes });
    const before = openOAuthCredentials((await db.connection.findUniqueOrThrow({ where: { id: connection.id } })).encryptedCredentials!);

    expect((await runSync(connection.id, workspace.id)).status).toBe("COMPLETED");
    const visible = [...shop.store.orders.records()].filter((o) => o.createdAt >= Date.now() - 60 * 86_400_000).length;
    expect(await db.order.count({ where: { connectionId: connection.id } })).toBe(visible);
    expect(await db.product.count({ where: { connectionId: connection.id } })).toBe(10);
    const after = openOAuthCredentials((await db.connection.findUniqueOrThrow({ where: { id: connection.id } })).encryptedCredentials!);
    expect(after.accessToken).not.toBe(before.accessToken);
    const [listed] = await findConnections(workspaceDb(workspace.id));
    expect(listed!.streams.find((s) => s.stream === "orders")!.warning).toContain("last 60 days");

    shop.revokeTokens();
    const revoked = await runSync(connection.id, workspace.id);
    expect(revoked).toMatchObject({ status: "FAILED", retries: 0 });
    expect((await db.connection.findUniqueOrThrow({ where: { id: connection.id } })).status).toBe("NEEDS_REAUTH");
    // The JobRun is closed by the function's onFailure handler, a run of its own.
    let failed = await db.jobRun.findUniqueOrThrow({ where: { inngestRunId: revoked.id } });
    for (const deadline = Date.now() + 10_000; failed.status !== "FAILED" && Date.now() < deadline; ) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      failed = await db.jobRun.findUniqueOrThrow({ where: { inngestRunId: revoked.id } });
    }
    expect(failed.status).toBe("FAILED");
    expect(failed.error).toContain("re-authorized");
  }, 60_000);
});

describe("Shopify sync batches under faults and interruptions", () => {
  it("ends equal to the shop with faults injected at random points", async () => {
    const { workspace } = await buildWorkspaceWithOwner();
    const connection = await installedConnection(workspace.id, sandbox.shop(FAULTY));
    const registry = tuned({ httpTimeoutMs: 500, batchBudgetMs: 0, bulkBatchSize: 50 });

    // The token endpoint is only reached by a refresh: the stored token is made to need one, and
    // the refresh meets a 5xx and a 429 first.
    sandbox.injectFault({ point: "token", kind: "5xx", shop: FAULTY });
    sandbox.injectFault({ point: "token", kind: "429", shop: FAULTY, retryAfterSeconds: 0 });
    await db.connection.update({ where: { id: connection.id }, data: { encryptedCredentials: await installedConnectionCredentials(connection.id, -1) } });

    // The first bulk export (orders) fails after 500 lines: its partial data is not stored (an
    // order's line items may be anywhere after it, so none of its orders is known to be whole),
    // and a new export is read. The inventory export fails too, a few levels past its first
    // location's: the levels of its partial file are stored (each one whole), then a new export's.
    const shop = sandbox.shop(FAULTY);
    shop.bulk.failNext({ errorCode: "INTERNAL_SERVER_ERROR", afterObjects: 500 });
    const [firstLocation] = [...shop.store.locations].sort((a, b) => a.name.localeCompare(b.name));
    const firstLevels = shop.store.inventoryLevelsAtLocation(firstLocation!.id).length;
    shop.bulk.failNext({ errorCode: "INTERNAL_SERVER_ERROR", afterObjects: firstLevels + 5, queryIncludes: "inventoryLevels" });

    // Before about half of the batches, a seeded random fault is queued for the next GraphQL
    // request or bulk download, wherever in the run that falls.
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
    const kinds = { graphql: ["429", "5xx", "timeout", "truncated", "throttled"], "bulk-download": ["5xx", "timeout", "truncated"] } as const;
    const injected: string[] = [];
    const beforeBatch = () => {
      if (random() > 0.5) return;
      const point = pick(["graphql", "bulk-download"] as const);
      const kind: FaultSpec["kind"] = pick(kinds[point]);
      injected.push(`${point}:${kind}`);
      sandbox.injectFault({ point, kind, shop: FAULTY, retryAfterSeconds: 0 });
    };

    const result = await syncToEnd(connection.id, registry, { beforeBatch });
    sandbox.faults.clear();
    expect(result.stopped).toBe(false);
    expect(new Set(injected).size).toBeGreaterThanOrEqual(4);
    expect(injected.length).toBeGreaterThanOrEqual(6);
    expect(result.failures).toBeGreaterThan(0);
    expect(sandbox.faults.fired.graphql).toBeGreaterThan(0);
    expect(sandbox.faults.fired["bulk-download"]).toBeGreaterThan(0);
    expect(sandbox.faults.fired.token).toBeGreaterThan(0);
    const exports = sandbox.shop(FAULTY).bulk.list().filter((op) => op.query.includes("orders"));
    expect(exports.map((op) => op.status)).toEqual(["FAILED", "COMPLETED"]);
    // Only the new export's 400 orders.
    expect(result.reads.orders).toBe(400);
    const inventoryExports = shop.bulk.list().filter((op) => op.query.includes("inventoryLevels"));
    expect(inventoryExports.map((op) => op.status)).toEqual(["FAILED", "COMPLETED"]);
    expect(result.reads.inventory).toBeGreaterThanOrEqual(shop.snapshot().counts.inventoryLevels! + firstLevels);
    await expectEqualToShop(connection.id, FAULTY);
  }, 60_000);

  it("resumes a run killed midway from the saved cursor, without reading the stored part again", async () => {
    const { workspace } = await buildWorkspaceWithOwner();
    const connection = await installedConnection(workspace.id, sandbox.shop(KILLED));
    const registry = tuned({ batchBudgetMs: 0, bulkBatchSize: 100 });

    // Killed after three batches of 100 orders were stored.
    const killed = await syncToEnd(connection.id, registry, { killAfter: { stream: "orders", batches: 3 } });
    expect(killed.stopped).toBe(true);
    const partial = (await streamStates(connection.id)).orders!;
    expect(partial.cursor).toBeNull();
    expect(partial.state.bulk).toMatchObject({ parentsRead: 300 });
    expect(await db.order.count({ where: { connectionId: connection.id } })).toBe(300);
    expect(await countsOf(killed.jobRunId)).toMatchObject({ inserted: (await recordRows(connection.id)).total, progressDone: 300, progressTotal: 1000 });

    const resumed = await syncToEnd(connection.id, registry);
    expect(resumed.stopped).toBe(false);
    // The same bulk file, from order 301: the first 300 orders are not read again.
    expect(resumed.reads.orders).toBe(700);
    await expectEqualToShop(connection.id, KILLED);

    // More changed orders than a page holds: the window is read through a bulk query.
    const shop = sandbox.shop(KILLED);
    for (const order of [...shop.store.orders.records()].slice(0, 40)) shop.updateOrder(order.id, { note: "bulk window" });
    const incremental = await syncToEnd(connection.id, registry);
    // One page (10 orders) decides, then the 40 changed orders from the export, plus the few the
    // 5-minute overlap before the backfill's start takes in again.
    expect(incremental.reads.orders).toBeGreaterThanOrEqual(50);
    expect(incremental.reads.orders).toBeLessThan(60);
    expect(sandbox.shop(KILLED).bulk.list().filter((op) => op.query.includes("updated_at"))).toHaveLength(1);
    await expectEqualToShop(connection.id, KILLED);
  }, 60_000);
});

describe("a sync run's counts are exactly what it committed", () => {
  it("keeps the counts of the batches a step stored before it died, so the retried run's figures match the data", async () => {
    const { workspace } = await buildWorkspaceWithOwner();
    const connection = await installedConnection(workspace.id, sandbox.shop(STEP_FAILED));
    // One step stores every batch of the orders export (a budget of 20 s); it dies once, right
    // after its third batch was stored (the engine asks for the next chunk only once the last
    // one is committed), and Inngest retries it.
    let ordersBatches = 0;
    const sync = createShopifySync({ bulkBatchSize: 100, pollIntervalMs: 50 });
    const restore = useShopifySync({
      ...sync,
      async *read(ctx, stream, from) {
        for await (const chunk of sync.read(ctx, stream, from)) {
          yield chunk;
          if (stream === "orders" && chunk.records.length && ++ordersBatches === 3) throw new Error("The step died after its third batch");
        }
      },
    });
    const run = await runSync(connection.id, workspace.id).finally(restore);
    expect(run.status).toBe("COMPLETED");
    await expectEqualToShop(connection.id, STEP_FAILED);
    const jobRun = await db.jobRun.findUniqueOrThrow({ where: { inngestRunId: run.id } });
    expect(jobRun).toMatchObject({ status: "SUCCEEDED", attempts: 2 });
    expect(await countsOf(jobRun.id)).toMatchObject({ inserted: (await recordRows(connection.id)).total, progressDone: 600, progressTotal: 600 });
    // The retry went on after the third batch: 6 batches of 100 orders in all.
    expect(ordersBatches).toBe(6);
  }, 60_000);

  it("a sync process killed with SIGKILL inside a batch leaves its run with the counts and progress of what it committed, and nothing of that batch", async () => {
    const { workspace } = await buildWorkspaceWithOwner();
    const connection = await installedConnection(workspace.id, sandbox.shop(SIGKILLED));
    const killedRun = await buildTrackedJobRun({ workspaceId: workspace.id, connectionId: connection.id, kind: "sync", status: "RUNNING" });

    // The sync in a process of its own pauses once three batches of 100 orders are committed.
    const child = startSyncProcess(connection.id, killedRun.id, { pauseStream: "orders", pauseAfter: 3 });
    await child.paused;
    // The run's row held elsewhere: the next batch waits for it inside its transaction, its 100
    // orders and its stream state written but not committed, and is killed there.
    const holder = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await holder.connect();
    try {
      await holder.query("BEGIN");
      await holder.query(`SELECT 1 FROM "JobRun" WHERE "id" = $1 FOR UPDATE`, [killedRun.id]);
      child.resume();
      // Read outside the holder's transaction, which would see one snapshot of the activity. A
      // transaction id: the waiting batch has written (its orders, its stream state).
      const [waiting] = await until(
        () => db.$queryRaw<{ pid: number }[]>`
          SELECT pid FROM pg_stat_activity
          WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'UPDATE "JobRun"%' AND backend_xid IS NOT NULL`,
        (rows) => rows.length === 1,
        "the next batch to wait for the run's row",
      );
      await child.kill();
      await holder.query("ROLLBACK");
      // The server ends the dead client's session, and with it the batch's transaction.
      await until(
        () => db.$queryRaw<unknown[]>`SELECT 1 FROM pg_stat_activity WHERE pid = ${waiting!.pid}`,
        (rows) => rows.length === 0,
        "the killed session to end",
      );
    } finally {
      await holder.end();
    }

    const stored = await recordRows(connection.id);
    expect(stored.orders).toBe(300);
    expect((await streamStates(connection.id)).orders!.state.bulk).toMatchObject({ parentsRead: 300 });
    expect(await countsOf(killedRun.id)).toEqual({ read: stored.total, inserted: stored.total, updated: 0, unchanged: 0, deleted: 0, progressDone: 300, progressTotal: 1000 });

    // The next run goes on from there: between them, the two runs inserted each record once.
    const resumed = await syncToEnd(connection.id, tuned({ batchBudgetMs: 0, bulkBatchSize: 100 }));
    await expectEqualToShop(connection.id, SIGKILLED);
    const next = await countsOf(resumed.jobRunId);
    expect(stored.total + next.inserted).toBe((await recordRows(connection.id)).total);
  }, 90_000);
});

describe("Shopify bulk operations that are gone", () => {
  it("starts a new export when the saved operation is gone (a restarted Shopify), for the backfill and for the refunds pass", async () => {
    const { workspace } = await buildWorkspaceWithOwner();
    const connection = await installedConnection(workspace.id, sandbox.shop(RESTARTED));
    const registry = tuned({ batchBudgetMs: 0, bulkBatchSize: 100 });
    expect([...sandbox.shop(RESTARTED).store.orders.records()].some((o) => o.refunds.length > 0)).toBe(true);

    // Killed after two batches of orders; then Shopify restarts and no longer knows the exports
    // started for orders and inventory.
    expect((await syncToEnd(connection.id, registry, { killAfter: { stream: "orders", batches: 2 } })).stopped).toBe(true);
    const before = (await streamStates(connection.id)).orders!.state.bulk!;
    expect(before).toMatchObject({ parentsRead: 200, restarts: 0 });
    await restartSandbox();
    const shop = sandbox.shop(RESTARTED);
    expect(shop.bulk.list()).toEqual([]);

    // Stopped before the refunds pass: the orders were read from a new export (all of them: the
    // first 200 again, unchanged), and so were the inventory levels.
    const resumed = await syncToEnd(connection.id, registry, { killAfter: { stream: ORDER_REFUNDS_STREAM, batches: 0 } });
    expect(resumed.stopped).toBe(true);
    expect(resumed.reads.orders).toBe(600);
    expect(shop.bulk.list().map((op) => [op.query.includes("inventoryLevels") ? "inventory" : "orders", op.status])).toEqual([
      ["orders", "COMPLETED"],
      ["inventory", "COMPLETED"],
    ]);
    expect(shop.bulk.list().map((op) => `gid://shopify/BulkOperation/${op.id}`)).not.toContain(before.operationId);
    expect(await db.order.count({ where: { connectionId: connection.id } })).toBe(600);
    const refunds = (await streamStates(connection.id))[ORDER_REFUNDS_STREAM]!.state.bulk!;
    expect(refunds).toMatchObject({ parentsRead: 0, restarts: 0 });

    // Shopify restarts again before the refunds pass: it reads a new export of the orders.
    await restartSandbox();
    const finished = await syncToEnd(connection.id, registry);
    expect(finished.stopped).toBe(false);
    expect(sandbox.shop(RESTARTED).bulk.list().map((op) => op.status)).toEqual(["COMPLETED"]);
    expect((await streamStates(connection.id))[ORDER_REFUNDS_STREAM]!.state.bulk).toBeUndefined();
    await expectEqualToShop(connection.id, RESTARTED);
  }, 60_000);
});

describe("Shopify orders backfill from ungrouped output", () => {
  /** The engine's batches of the connection's streams in order, until `stop` says so before a batch; true when stopped. */
  async function batchesUntil(connectionId: string, connectors: SyncConnectors, stop: () => Promise<boolean>): Promise<boolean> {
    const { id: jobRunId } = await buildTrackedJobRun({ connectionId, kind: "sync", status: "RUNNING" });
    let batches = 0;
    for (const stream of SYNC_STREAMS) {
      for (let done = false, ofStream = 0; !done; ofStream++, batches++) {
        if (await stop()) return true;
        ({ done } = await runSyncBatch({ connectionId, stream, jobRunId, begins: begins(batches, ofStream) }, { connectors }));
      }
    }
    return false;
  }


  it("stages the line items once, resumes a killed staging where it stopped, and stages again what a crash emptied", async () => {
    const { workspace } = await buildWorkspaceWithOwner();
    const shop = sandbox.shop(STAGED);
    const connection = await installedConnection(workspace.id, shop);
    const lineItems = shop.snapshot().counts.lineItems!;
    // 300 line items staged a step.
    const registry = tuned({ batchBudgetMs: 0, bulkStageLines: 300, bulkBatchSize: 100 });
    const ordersBulk = async () => (await streamStates(connection.id)).orders?.state.bulk;
    const stagedLines = () => db.bulkStagedLine.count({ where: { staging: { connectionId: connection.id } } });

    // Killed after two steps of staging: 600 line items staged, where the file's lines say.
    expect(await batchesUntil(connection.id, registry, async () => ((await ordersBulk())?.staged?.linesRead ?? 0) > 0 && (await stagedLines()) >= 600)).toBe(true);
    const killed = (await ordersBulk())!;
    expect(killed.staged).toMatchObject({ done: false });
    expect(await stagedLines()).toBe(600);
    const lastStaged = await db.bulkStagedLine.aggregate({ where: { staging: { connectionId: connection.id } }, _max: { lineNo: true } });
    expect(lastStaged._max.lineNo).toBeLessThanOrEqual(killed.staged!.linesRead);
    expect(await db.order.count({ where: { connectionId: connection.id } })).toBe(0);

    // The next run goes on from there; stopped before the refunds pass, the file's line items are
    // all staged, each once (a line staged twice would break the stage's primary key).
    expect(await batchesUntil(connection.id, registry, async () => (await streamStates(connection.id))[ORDER_REFUNDS_STREAM]?.state.bulk !== undefined)).toBe(true);
    expect(await stagedLines()).toBe(lineItems);
    expect(await db.order.count({ where: { connectionId: connection.id } })).toBe(800);

    // PostgreSQL empties unlogged tables when it recovers from a crash (here, of this connection
    // only): the refunds pass notices and stages the file again, then the stage is dropped with it.
    await db.bulkStaging.deleteMany({ where: { connectionId: connection.id } });
    expect((await syncToEnd(connection.id, registry)).stopped).toBe(false);
    await expectEqualToShop(connection.id, STAGED);
    expect(await db.bulkStaging.count({ where: { connectionId: connection.id } })).toBe(0);
    expect(shop.bulk.list().filter((op) => op.query.includes("orders"))).toHaveLength(1);
  }, 60_000);
});

describe("Shopify inventory backfill", () => {
  it("resumes a run killed midway through the levels at the next level of the same file, a location without stock among them", async () => {
    const { workspace } = await buildWorkspaceWithOwner();
    const shop = sandbox.shop(INVENTORY);
    // First by name (Shopify's order for locations): a parent line without children.
    shop.addLocation({ name: "Aardvark Annex" });
    const connection = await installedConnection(workspace.id, shop);
    // Five levels per batch (one ingest call), one batch per step.
    const ingests: number[] = [];
    const onStored = (stream: string, records: number) => void (stream === "inventory" && ingests.push(records));
    const registry = tuned({ batchBudgetMs: 0, bulkBatchLines: 5 });
    const levels = shop.snapshot().counts.inventoryLevels!;
    expect(levels).toBeGreaterThan(15);

    // Killed after two batches: the file's first ten levels, wherever its location lines were.
    const killed = await syncToEnd(connection.id, registry, { killAfter: { stream: "inventory", batches: 2 }, onStored });
    expect(killed.stopped).toBe(true);
    const partial = (await streamStates(connection.id)).inventory!;
    expect(partial.cursor).toBeNull();
    expect(partial.state.bulk).toMatchObject({ childrenRead: 10 });
    expect(ingests).toEqual([5, 5]);
    expect(await db.inventoryLevel.count({ where: { connectionId: connection.id } })).toBe(10);
    const [inventoryExport] = shop.bulk.list().filter((op) => op.query.includes("inventoryLevels"));
    expect(inventoryExport).toMatchObject({ groupObjects: false, rootObjectCount: shop.store.locations.length });

    // The next run reads the same file from the eleventh level on, in steps without a time limit;
    // the first download breaks off halfway and its step is retried from the last batch stored.
    const unlimited = tuned({ bulkBatchLines: 5 });
    const fired = sandbox.faults.fired["bulk-download"];
    let injected = false;
    const beforeBatch = (stream: string) => {
      if (stream !== "inventory" || injected) return;
      injected = true;
      sandbox.injectFault({ point: "bulk-download", kind: "truncated", shop: INVENTORY });
    };
    const resumed = await syncToEnd(connection.id, unlimited, { beforeBatch, onStored });
    expect(resumed.stopped).toBe(false);
    expect(sandbox.faults.fired["bulk-download"] - fired).toBe(1);
    expect(resumed.failures).toBeGreaterThanOrEqual(1);
    // Every level stored exactly once, never more than five to an ingest call.
    expect(ingests.reduce((a, b) => a + b, 0)).toBe(levels);
    expect(Math.max(...ingests)).toBeLessThanOrEqual(5);
    expect((await streamStates(connection.id)).inventory!.state.recordsRead).toBe(levels);
    expect(shop.bulk.list().filter((op) => op.query.includes("inventoryLevels"))).toHaveLength(1);
    await expectEqualToShop(connection.id, INVENTORY);

    // After the backfill, inventory is read page by page: only the changed level (and the overlap).
    const [level] = shop.store.allInventoryLevels();
    shop.setInventory(level!.inventoryItemId, level!.locationId, { on_hand: 1, committed: 0 });
    const incremental = await syncToEnd(connection.id, registry, { onStored });
    expect(incremental.reads.inventory).toBeGreaterThanOrEqual(1);
    expect(incremental.reads.inventory).toBeLessThan(levels);
    expect(shop.bulk.list().filter((op) => op.query.includes("inventoryLevels"))).toHaveLength(1);
    await expectEqualToShop(connection.id, INVENTORY);
  }, 60_000);
});

/**
 * dev/test/run-sync-batches.ts in a child process: the connection's sync under `jobRunId`, paused
 * after `pauseAfter` batches of `pauseStream` until resume(); kill() sends SIGKILL.
 */
function startSyncProcess(connectionId: string, jobRunId: string, pause: { pauseStream: string; pauseAfter: number }) {
  const root = fileURLToPath(new URL("../../../", import.meta.url));
  // tsx as a loader of this node process (its CLI would run the script in a child of its own,
  // which SIGKILL would not reach).
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "--conditions=react-server", "dev/test/run-sync-batches.ts", connectionId, jobRunId, pause.pauseStream, String(pause.pauseAfter)],
    { cwd: root, env: process.env, stdio: ["pipe", "pipe", "inherit"] },
  );
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.once("exit", (code, signal) => resolve(signal ?? code)));
  const paused = new Promise<void>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on("line", (line) => {
      if (line.includes('"paused":true')) resolve();
    });
    void exited.then((how) => reject(new Error(`The sync process ended (${how}) before pausing`)));
  });
  return {
    paused,
    resume: () => child.stdin!.write("go\n"),
    async kill() {
      child.kill("SIGKILL");
      expect(await exited).toBe("SIGKILL");
    },
  };
}

/** The connection's credentials with the stored expiry moved (a token that needs a refresh). */
async function installedConnectionCredentials(connectionId: string, expiresInMs: number): Promise<string> {
  const row = await db.connection.findUniqueOrThrow({ where: { id: connectionId } });
  const credentials = openOAuthCredentials(row.encryptedCredentials!);
  return sealOAuthCredentials({ ...credentials, accessTokenExpiresAt: new Date(Date.now() + expiresInMs).toISOString() });
}
