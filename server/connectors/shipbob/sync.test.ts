import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { ManualClock, startShipBobSandbox, type ShipBobSandbox } from "@/dev/sandbox/shipbob";
import type { Snapshot } from "@/dev/sandbox/_kit/snapshot";
import { sandboxSnapshot, storedSnapshot } from "@/dev/bench/shipbob-completeness";
import { shipbobConnection, syncOnClock, syncShipBob, TimelineLine } from "@/dev/test/sandbox-shipbob";
import { db } from "@/server/db";
import type { PacingOptions, ShipBobSyncOptions } from ".";
import { shipmentTimeline } from "./mappers";
import { timelineEntry } from "./payloads";

// The ShipBob sync against the sandbox ShipBob over real HTTP, through the sync engine's batches
// (one page a batch) into PostgreSQL. The sandbox's clock is manual and so is the pacer's: a pacer
// wait moves the clock the sandbox's rate limiter reads, so a minute of pacing takes no time.

// server/env reads the environment once, on first import: the sandbox's port is reserved first.
const { SANDBOX_PORT } = await vi.hoisted(async () => {
  const { freePort } = await import("@/dev/test/free-port");
  const port = await freePort();
  process.env.SHIPBOB_API_URL = `http://localhost:${port}`;
  return { SANDBOX_PORT: port };
});

const EPOCH = Date.UTC(2026, 9, 15);
const clock = new ManualClock(EPOCH);
let sandbox: ShipBobSandbox;

beforeAll(async () => {
  sandbox = await startShipBobSandbox({
    seed: "connector-sync",
    epoch: EPOCH,
    volume: { orders: 40, products: 60, centres: 3 },
    shopify: { seed: "meridian-demo.myshopify.com", epoch: EPOCH, volume: { orders: 10, products: 60 } },
    clock,
    port: SANDBOX_PORT,
  });
});
afterAll(async () => {
  await sandbox?.stop();
});
// Each test begins with ShipBob's window empty: the requests of the one before have aged out.
beforeEach(() => clock.advance(60_000));

const tunedSync = (pacing: Partial<PacingOptions> = {}, options: ShipBobSyncOptions = {}) => syncOnClock(clock, pacing, options);

/** A connection and its runs, which keep where its backfill drew the line for timelines. */
async function connected() {
  const connection = await shipbobConnection();
  const line = new TimelineLine(clock);
  return { id: connection.id, line };
}

const syncToEnd = (connection: { id: string; line: TimelineLine }, sync: ReturnType<typeof tunedSync>["sync"], killAfter?: { stream: string; batches: number }) =>
  syncShipBob(connection.id, sync, connection.line, { killAfter });

const counts = (jobRunId: string) =>
  db.jobRun.findUniqueOrThrow({ where: { id: jobRunId }, select: { recordsRead: true, recordsInserted: true, recordsUpdated: true, recordsUnchanged: true, recordsDeleted: true } });

/** The three streams as the database holds them, in a stable order. */
async function stored(connectionId: string) {
  const where = { connectionId };
  const locations = await db.location.findMany({ where, orderBy: { externalId: "asc" }, select: { externalId: true, name: true, address1: true, city: true, countryCode: true, zip: true } });
  const products = await db.product.findMany({
    where,
    orderBy: { externalId: "asc" },
    select: { externalId: true, title: true, variants: { orderBy: { externalId: "asc" }, select: { externalId: true, title: true, sku: true, inventoryItemExternalId: true, barcode: true } } },
  });
  const levels = await db.inventoryLevel.findMany({
    where,
    orderBy: [{ inventoryItemExternalId: "asc" }, { locationExternalId: "asc" }],
    select: { inventoryItemExternalId: true, locationExternalId: true, available: true, onHand: true, committed: true, incoming: true, internalTransfer: true, backordered: true, exception: true },
  });
  return { locations, products, levels, ...fulfilment(await storedSnapshot(connectionId)) };
}

// Shipments, returns and receiving orders are compared as counts and checksums per resource: the
// sandbox's snapshot of what its API serves, projected to the columns the database holds, against
// the same built from the rows, in id order (the projection bench:shipbob checks completeness by).
const FULFILMENT = ["shipments", "returns", "receiving_orders"];
const fulfilment = ({ counts, checksums }: Snapshot) => ({
  fulfilmentCounts: Object.fromEntries(FULFILMENT.map((k) => [k, counts[k] ?? 0])),
  fulfilmentChecksums: Object.fromEntries(FULFILMENT.map((k) => [k, checksums[k] ?? null])),
});

/** The same, from the sandbox's own records; timelines of the shipments changed from the line the connection's backfill drew. */
function expected(connection: { line: TimelineLine }) {
  const { account } = sandbox;
  const byString = <T>(key: (t: T) => string) => (a: T, b: T) => key(a).localeCompare(key(b));
  return {
    locations: account.centres.map((c) => ({ externalId: String(c.id), name: c.name, address1: c.address1, city: c.city, countryCode: "US", zip: c.zip })).sort(byString((l) => l.externalId)),
    products: account.products
      .map((p) => ({
        externalId: String(p.id),
        title: p.name,
        variants: p.variants.map((v) => ({ externalId: String(v.id), title: v.name, sku: v.sku, inventoryItemExternalId: String(v.inventoryId), barcode: v.gtin })).sort(byString((v) => v.externalId)),
      }))
      .sort(byString((p) => p.externalId)),
    levels: [...account.levels.values()]
      .flat()
      .map((l) => ({ inventoryItemExternalId: String(l.inventoryId), locationExternalId: String(l.centreId), available: l.fulfillable, onHand: l.onHand, committed: l.committed, incoming: l.awaiting, internalTransfer: l.internalTransfer, backordered: null, exception: null }))
      .sort(byString((l) => `${l.inventoryItemExternalId}|${l.locationExternalId}`)),
    ...fulfilment(sandboxSnapshot(sandbox, connection.line.from!)),
  };
}

describe("ShipBob sync", () => {
  it("ends with the database equal to ShipBob, paced under its limit with no 429; a second sync with nothing changed writes nothing", async () => {
    const connection = await connected();
    // A page a request: more requests than ShipBob allows a minute.
    const { sync, statuses, waits } = tunedSync({}, { pageSize: 1 });
    const first = await syncToEnd(connection, sync);
    const want = expected(connection);
    expect(await stored(connection.id)).toEqual(want);
    const levels = want.levels.length;
    const { shipments, returns, receiving_orders: receiving } = want.fulfilmentCounts;
    expect(Math.min(shipments!, returns!, receiving!, levels)).toBeGreaterThan(0);
    expect(want.levels.some((l) => l.internalTransfer > 0)).toBe(true);
    expect(first.reads).toEqual({ locations: want.locations.length, products: want.products.length, inventory: levels, shipments, returns, receiving });
    const all = want.locations.length + want.products.length + levels + shipments! + returns! + receiving!;
    expect(await counts(first.jobRunId)).toEqual({ recordsRead: all, recordsInserted: all, recordsUpdated: 0, recordsUnchanged: 0, recordsDeleted: 0 });
    // The pacer waited for slots instead of being refused.
    expect(statuses.length).toBeGreaterThan(150);
    expect(waits.length).toBeGreaterThan(0);
    expect(statuses.filter((s) => s === 429)).toEqual([]);

    const second = await syncToEnd(connection, sync);
    const again = await counts(second.jobRunId);
    expect(again).toMatchObject({ recordsInserted: 0, recordsUpdated: 0, recordsDeleted: 0 });
    expect(again.recordsUnchanged).toBe(again.recordsRead);
    // Centres, stock, returns and receiving orders are read whole again (ShipBob cannot filter them by change); products and orders only from the last change on, less the overlap.
    expect(second.reads).toMatchObject({ inventory: levels, returns, receiving });
    expect(second.reads.products).toBeLessThan(want.products.length);
    expect(second.reads.shipments).toBeLessThan(shipments!);
    expect(await stored(connection.id)).toEqual(want);
    // A page a request on a busy machine: more than the default 15 s.
  }, 60_000);

  it("is refused (429) past the limit without pacing: what the pacing test would see", async () => {
    const connection = await connected();
    const { sync, statuses } = tunedSync({ limit: Number.MAX_SAFE_INTEGER }, { pageSize: 1 });
    await syncToEnd(connection, sync);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(await stored(connection.id)).toEqual(expected(connection));
  });

  it("waits out a 429's x-retry-after, then retries", async () => {
    const connection = await connected();
    const { sync, statuses, waits } = tunedSync();
    sandbox.faults.add({ point: "api", kind: "429", retryAfterSeconds: 7 });
    await syncToEnd(connection, sync);
    expect(statuses.filter((s) => s === 429)).toHaveLength(1);
    expect(waits).toContain(7_000);
    expect(await stored(connection.id)).toEqual(expected(connection));
  });

  it.each([
    ["inventory", (connection: { line: TimelineLine }) => expected(connection).levels.length],
    ["shipments", (connection: { line: TimelineLine }) => expected(connection).fulfilmentCounts.shipments!],
  ])("resumes a run killed midway through %s at the page after the last one stored", async (stream, total) => {
    const connection = await connected();
    const { sync } = tunedSync();
    const killed = await syncToEnd(connection, sync, { stream, batches: 4 });
    expect(killed.stopped).toBe(true);
    const partial = killed.reads[stream]!;
    expect(partial).toBeGreaterThan(0);

    const resumed = await syncToEnd(connection, sync);
    expect(resumed.reads[stream]).toBe(total(connection) - partial);
    expect(await stored(connection.id)).toEqual(expected(connection));
  });

  it("after shipments move on, reads only the orders changed since the last sync (less the overlap) and updates exactly those shipments", async () => {
    const connection = await connected();
    const { sync } = tunedSync();
    await syncToEnd(connection, sync);
    const before = await db.shipment.findMany({ where: { connectionId: connection.id }, select: { externalId: true, updatedAt: true } });

    const moved = await sandbox.advanceShipments({ count: 3 });
    expect(moved).toHaveLength(3);
    const second = await syncToEnd(connection, sync);
    expect(await counts(second.jobRunId)).toMatchObject({ recordsInserted: 0, recordsUpdated: moved.length, recordsDeleted: 0 });
    // Far fewer than the backfill: the changed orders and the few last changed within the overlap.
    expect(second.reads.shipments).toBeLessThanOrEqual(before.length / 4);
    expect(await stored(connection.id)).toEqual(expected(connection));

    const after = await db.shipment.findMany({ where: { connectionId: connection.id }, select: { externalId: true, updatedAt: true } });
    const rewritten = after.filter((row) => row.updatedAt.getTime() !== before.find((b) => b.externalId === row.externalId)!.updatedAt.getTime());
    expect(rewritten.map((r) => r.externalId).sort()).toEqual(moved.map((m) => String(m.shipmentId)).sort());
  });

  it("reads the timelines of the shipments changed in the week before a backfill, then of every shipment changed since the last run, a request each", async () => {
    const connection = await connected();
    const { sync, paths } = tunedSync();
    /** The shipments whose timeline was requested since last asked. */
    const timelinesRead = () => paths.splice(0).flatMap((path) => /^\/2026-01\/shipment\/(\d+)\/timeline$/.exec(path)?.[1] ?? []);
    const where = { connectionId: connection.id };
    await syncToEnd(connection, sync);
    const recent = await db.shipment.findMany({ where: { ...where, sourceUpdatedAt: { gte: new Date(connection.line.from!) } }, select: { externalId: true }, orderBy: { externalId: "asc" } });
    expect(recent.length).toBeGreaterThan(0);
    expect(recent.length).toBeLessThan(await db.shipment.count({ where }));
    expect(timelinesRead().sort()).toEqual(recent.map((r) => r.externalId));
    // Those carry ShipBob's timeline, the others none (the projection compares both).
    expect(await stored(connection.id)).toEqual(expected(connection));

    // Some of the oldest open shipments move on: older than the week, their timelines were not read.
    const moved = await sandbox.advanceShipments({ count: 3 });
    await syncToEnd(connection, sync);
    const read = timelinesRead();
    expect(read).toEqual(expect.arrayContaining(moved.map((m) => String(m.shipmentId))));
    // Only shipments changed since the backfill (less its overlap): not the week's again.
    expect(read.length).toBeLessThan(recent.length);
    for (const { shipmentId } of moved) {
      const { timeline } = await db.shipment.findFirstOrThrow({ where: { ...where, externalId: String(shipmentId) } });
      expect(timeline).toEqual(shipmentTimeline(timelineEntry.array().parse(sandbox.timeline(shipmentId))));
      expect(timeline).toContainEqual(expect.objectContaining({ occurredAt: new Date(clock.now()).toISOString() }));
    }
    expect(await stored(connection.id)).toEqual(expected(connection));
  });
});
