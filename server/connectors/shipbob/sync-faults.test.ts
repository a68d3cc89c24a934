import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { compareWithSandbox } from "@/dev/bench/shipbob-completeness";
import { rngFor, type Rng } from "@/dev/sandbox/_kit/random";
import { ManualClock, startShipBobSandbox, type ShipBobSandbox } from "@/dev/sandbox/shipbob";
import { CLIENT_ATTEMPTS, faultsAtRandom as randomFaults } from "@/dev/test/random-faults";
import { shipbobConnection, syncOnClock, syncShipBob, TimelineLine } from "@/dev/test/sandbox-shipbob";
import type { SyncToEndResult } from "@/dev/test/sync-to-end";
import { db } from "@/server/db";

// Proof that the ShipBob sync ends with the database equal to the sandbox ShipBob (counts and
// checksums per stream, the projection bench:shipbob checks completeness by) when ShipBob fails
// at random points: 429s, 5xx, truncated bodies and requests never answered, some in a row long
// enough to exhaust the client's attempts so the engine retries the batch; when a run is killed
// midway and resumed; and after changes read incrementally. The faults come from a seeded random
// generator: the seed is printed, and SHIPBOB_FAULT_SEED=<seed> repeats a run's faults.

// server/env reads the environment once, on first import: the sandbox's port is reserved first.
const { SANDBOX_PORT } = await vi.hoisted(async () => {
  const { freePort } = await import("@/dev/test/free-port");
  const port = await freePort();
  process.env.SHIPBOB_API_URL = `http://localhost:${port}`;
  return { SANDBOX_PORT: port };
});

const SEED = Number(process.env.SHIPBOB_FAULT_SEED ?? Math.floor(Math.random() * 2 ** 31));
console.log(`ShipBob sync faults: seed ${SEED} (SHIPBOB_FAULT_SEED=${SEED} repeats them)`);

const EPOCH = Date.UTC(2026, 9, 15);
const VOLUME = { orders: 60, products: 40, centres: 3, returns: 8, receivingOrders: 6 };
/** Items a page (the sync's pageSize): several pages a stream. */
const PAGE = 5;
const clock = new ManualClock(EPOCH);
let sandbox: ShipBobSandbox;

beforeAll(async () => {
  sandbox = await startShipBobSandbox({
    seed: "connector-sync-faults",
    epoch: EPOCH,
    volume: VOLUME,
    shopify: { seed: "meridian-demo.myshopify.com", epoch: EPOCH, volume: { orders: 20, products: 40 } },
    clock,
    port: SANDBOX_PORT,
  });
});
afterAll(async () => {
  await sandbox?.stop();
});
beforeEach(() => {
  sandbox.faults.clear();
  // ShipBob's window empty: the requests of the test before have aged out.
  clock.advance(60_000);
});

/**
 * Faults before about half of the batches, for the next requests whichever they are (a page, a
 * shipment's timeline), and 5xx enough at one to fail it.
 */
const faultsAtRandom = (rng: Rng) => randomFaults(sandbox.faults, rng, { exhaustAtMost: 20, retryAfterSeconds: (r) => r.int(0, 3) });

/** The sync as a test drives it: a page a batch, a request never answered given up after 200 ms. */
const faultTolerantSync = () => syncOnClock(clock, {}, { pageSize: PAGE, httpTimeoutMs: 200 });

async function expectEqualToShipBob(connectionId: string, line: TimelineLine) {
  const comparison = await compareWithSandbox(sandbox, connectionId, line.from!);
  expect(comparison.filter((c) => c.expected !== c.stored || !c.checksumsEqual)).toEqual([]);
  expect(comparison.every((c) => c.expected > 0)).toBe(true);
}

/** Records of each stream as the sync reads them: what a run reading everything once reads. */
function recordsOf() {
  const { counts } = sandbox.snapshot();
  const levels = [...sandbox.account.levels.values()].flat().length;
  return { locations: counts.fulfillment_centers, products: counts.products, inventory: levels, shipments: counts.shipments, returns: counts.returns, receiving: counts.receiving_orders };
}

/** Rows the connection holds, counted as a sync counts records (a product once, whatever its variants). */
async function rowsOf(connectionId: string) {
  const where = { connectionId };
  const counts = await Promise.all([db.location.count({ where }), db.product.count({ where }), db.inventoryLevel.count({ where }), db.shipment.count({ where }), db.returnOrder.count({ where }), db.receivingOrder.count({ where })]);
  return counts.reduce((a, b) => a + b, 0);
}

/** A run's counts, checked to add up: every record read was inserted, updated, unchanged or deleted. */
async function countsOf(run: SyncToEndResult) {
  const { recordsRead: read, recordsInserted: inserted, recordsUpdated: updated, recordsUnchanged: unchanged, recordsDeleted: deleted } = await db.jobRun.findUniqueOrThrow({ where: { id: run.jobRunId } });
  expect(read).toBe(inserted + updated + unchanged + deleted);
  return { read, inserted, updated, unchanged, deleted };
}

const total = (reads: Record<string, number | undefined>) => Object.values(reads).reduce<number>((a, b) => a + (b ?? 0), 0);

describe("ShipBob sync under faults and kills", () => {
  it("a backfill with faults at random points ends equal to ShipBob, each record read and stored once", async () => {
    const rng = rngFor(SEED, "backfill", 0);
    const connection = await shipbobConnection();
    const line = new TimelineLine(clock);
    const { sync, statuses } = faultTolerantSync();
    const faults = faultsAtRandom(rng);

    const run = await syncShipBob(connection.id, sync, line, { beforeBatch: faults.beforeBatch });
    console.log(`backfill: ${faults.injected.length} faults injected (${faults.injected.join(", ")}), ${sandbox.faults.fired.api} answered, ${run.failures} batches retried`);
    sandbox.faults.clear();

    expect(run.stopped).toBe(false);
    expect(faults.exhausted).toBe(true);
    expect(run.failures).toBeGreaterThan(0);
    expect(sandbox.faults.fired.api).toBeGreaterThan(CLIENT_ATTEMPTS);
    // Requests the client gave up on (timeouts, cut bodies) have no status: some were answered, some not.
    expect(statuses.some((s) => s >= 500)).toBe(true);
    // A failed batch stores nothing: each record is read into the database once.
    expect(run.reads).toEqual(recordsOf());
    const all = total(recordsOf());
    expect(await countsOf(run)).toEqual({ read: all, inserted: all, updated: 0, unchanged: 0, deleted: 0 });
    expect(await rowsOf(connection.id)).toBe(all);
    await expectEqualToShipBob(connection.id, line);
  }, 60_000);

  it("a run killed midway, under faults, resumes at the page after the last one stored and ends equal to ShipBob, no record twice", async () => {
    const rng = rngFor(SEED, "kill", 0);
    const connection = await shipbobConnection();
    const line = new TimelineLine(clock);
    const { sync } = faultTolerantSync();
    const records = recordsOf();
    // Killed after a random number of pages (at least one, at most half) of a random stream.
    const stream = rng.pick(["products", "inventory", "shipments"] as const);
    const pages = Math.ceil((stream === "shipments" ? VOLUME.orders : stream === "products" ? VOLUME.products : sandbox.account.inventory.size) / PAGE);
    const batches = rng.int(1, Math.floor(pages / 2));
    console.log(`kill: after ${batches} of ${pages} pages of ${stream}`);

    const killed = await syncShipBob(connection.id, sync, line, { killAfter: { stream, batches }, beforeBatch: faultsAtRandom(rng).beforeBatch });
    expect(killed.stopped).toBe(true);
    const partial = killed.reads[stream]!;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(records[stream]!);
    const before = await countsOf(killed);
    expect(before).toMatchObject({ read: total(killed.reads), inserted: total(killed.reads) });
    expect(await rowsOf(connection.id)).toBe(before.inserted);

    sandbox.faults.clear();
    const resumed = await syncShipBob(connection.id, sync, line, { beforeBatch: faultsAtRandom(rng).beforeBatch });
    sandbox.faults.clear();
    expect(resumed.stopped).toBe(false);
    // The killed stream from the page after the last one stored; the streams before it again, whole
    // (a new run), those read by change found unchanged.
    expect(resumed.reads[stream]).toBe(records[stream]! - partial);
    const after = await countsOf(resumed);
    expect(before.inserted + after.inserted).toBe(total(records));
    expect(after).toMatchObject({ updated: 0, deleted: 0 });
    expect(await rowsOf(connection.id)).toBe(total(records));
    await expectEqualToShipBob(connection.id, line);
  }, 60_000);

  it("after shipments move on, a return is made and advanced and receiving orders progress, an incremental run under faults ends equal to ShipBob", async () => {
    const rng = rngFor(SEED, "incremental", 0);
    const connection = await shipbobConnection();
    const line = new TimelineLine(clock);
    const { sync } = faultTolerantSync();
    await syncShipBob(connection.id, sync, line);
    await expectEqualToShipBob(connection.id, line);

    clock.advance(60_000);
    const levelsBefore = [...sandbox.account.levels.values()].flat();
    const moved = await sandbox.advanceShipments({ count: rng.int(2, 5) });
    const delivered = await db.shipment.findFirstOrThrow({ where: { connectionId: connection.id, deliveredAt: { not: null } }, orderBy: { externalId: "asc" } });
    await sandbox.createReturn({ orderId: Number(delivered.orderExternalId) });
    const returned = await sandbox.advanceReturns({ count: 1 });
    // A receiving order all the way: its received stock reaches the levels.
    const wro = sandbox.account.receiving.find((w) => w.status !== "Completed")!;
    for (let status: string = wro.status; status !== "Completed"; ) status = sandbox.advanceReceiving({ receivingId: wro.id })[0]!.status;
    const levelsChanged = [...sandbox.account.levels.values()].flat().filter((level) => !levelsBefore.includes(level)).length;
    expect(levelsChanged).toBeGreaterThan(0);

    const faults = faultsAtRandom(rng);
    const incremental = await syncShipBob(connection.id, sync, line, { beforeBatch: faults.beforeBatch });
    console.log(`incremental: ${faults.injected.length} faults injected (${faults.injected.join(", ")}), ${incremental.failures} batches retried`);
    sandbox.faults.clear();
    expect(incremental.stopped).toBe(false);
    // Exactly the changes are written: the new return; the moved shipments, the advanced return,
    // the receiving order and the stock it received. Everything else read is unchanged.
    expect(await countsOf(incremental)).toMatchObject({ inserted: 1, updated: moved.length + returned.length + 1 + levelsChanged, deleted: 0 });
    expect(await rowsOf(connection.id)).toBe(total(recordsOf()));
    await expectEqualToShipBob(connection.id, line);
  }, 60_000);
});
