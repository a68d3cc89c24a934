import { describe, expect, it, vi } from "vitest";
import { ManualClock } from "@/dev/sandbox/_kit/clock";
import { DEMO_PROPERTY, generatedPurchases, type PlantedOrder } from "@/dev/sandbox/ga4";
import { dayIn } from "@/dev/sandbox/ga4/report";
import { generateCatalog, generateOrder } from "@/dev/sandbox/shopify/generate";
import { ga4Connection, ga4Control, ga4SandboxPerFile, ga4ServiceAccountConnection, reportedDays, storedDays, syncGa4 } from "@/dev/test/sandbox-ga4";
import type { RequestEvent } from "@/server/connectors/_core/http";
import { db } from "@/server/db";
import { addDays, monthsBefore } from "./days";
import { createGa4Sync, type Ga4SyncOptions } from "./sync";

// The GA4 sync against the sandbox GA4 over real HTTP, through the sync engine's batches into
// PostgreSQL, with a person's OAuth tokens (and once with a service account's key file): after a backfill the database holds exactly what the
// property reports (every row of every day, computed here from the sandbox's purchase events,
// every planted loss pattern in it); a second run with nothing changed writes nothing; a purchase
// GA4 processes late appears once a later run re-reads its day; a run killed midway goes on from
// the day after the last one stored. Pages are small, so days span pages and pages are asked
// several at once. The sandbox's clock is manual; the sync reads "today" on it too.

// server/env reads the environment once, on first import: the sandbox's port is reserved first.
const { SANDBOX_PORT } = await vi.hoisted(async () => ({ SANDBOX_PORT: await (await import("@/dev/test/ga4-sandbox-env")).pointGa4AtFreePort() }));

const EPOCH = Date.UTC(2026, 9, 15, 12);
const SHOP = { seed: 7, volume: { orders: 1200 }, epoch: EPOCH };
const SEED = "ga4-sync";
const clock = new ManualClock(EPOCH);
const sandbox = ga4SandboxPerFile({ seed: SEED, shop: SHOP, clock, port: SANDBOX_PORT });
const today = () => dayIn(DEMO_PROPERTY.timeZone)(clock.now());
/** The orders span the two years before the epoch: a backfill of 25 months reads them all. */
const BACKFILL_MONTHS = 25;

function tuned(options: Ga4SyncOptions = {}) {
  const statuses: number[] = [];
  const onRequest = (e: RequestEvent) => void statuses.push(e.status ?? 0);
  return { sync: createGa4Sync({ now: () => clock.now(), backfillMonths: BACKFILL_MONTHS, pageSize: 40, onRequest, ...options }), statuses };
}

const counts = (jobRunId: string) =>
  db.jobRun.findUniqueOrThrow({ where: { id: jobRunId }, select: { recordsRead: true, recordsInserted: true, recordsUpdated: true, recordsUnchanged: true, recordsDeleted: true } });

const rowsOf = (days: Map<string, string[]>) => [...days.values()].flat();
const orderIds = (planted: readonly PlantedOrder[], treatment: PlantedOrder["treatment"]) => planted.filter((p) => p.treatment === treatment).map((p) => String(p.orderId));

describe("GA4 sync", () => {
  it("backfills the property's purchase report exactly, every planted pattern in it; a second run with nothing changed writes nothing", async () => {
    clock.set(EPOCH);
    const connection = await ga4Connection(sandbox());
    const { sync, statuses } = tuned();
    const first = await syncGa4(connection.id, sync);

    const want = reportedDays(sandbox(), { from: monthsBefore(today(), BACKFILL_MONTHS), to: today(), now: clock.now() });
    const have = await storedDays(connection.id);
    expect(have).toEqual(want);
    const rows = rowsOf(want);
    // Small pages: the report took many, and a day often went on in the next one.
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(Math.ceil(rows.length / 40));
    expect(await counts(first.jobRunId)).toEqual({ recordsRead: rows.length, recordsInserted: rows.length, recordsUpdated: 0, recordsUnchanged: 0, recordsDeleted: 0 });

    // Every planted pattern as GA4 recorded it.
    const planted = sandbox().property.planted;
    const stored = await db.analyticsPurchase.findMany({ where: { connectionId: connection.id } });
    const byId = new Map(stored.map((r) => [r.transactionId, r]));
    for (const id of [...orderIds(planted, "blocked"), ...orderIds(planted, "consent-denied")]) expect(byId.has(id), id).toBe(false);
    for (const id of orderIds(planted, "duplicated")) expect([byId.get(id)?.purchases, byId.get(id)?.transactions], id).toEqual([2, 2]);
    for (const id of orderIds(planted, "without-tax-shipping")) expect(byId.get(id)?.tax.toFixed(2), id).toBe("0.00");
    const notSet = stored.filter((r) => r.transactionId === "(not set)");
    expect(notSet.reduce((n, r) => n + r.purchases, 0)).toBe(orderIds(planted, "not-set").length);
    expect(notSet.every((r) => r.transactions === 0)).toBe(true);
    const catalog = generateCatalog(SHOP);
    const orders = new Map(Array.from({ length: SHOP.volume.orders }, (_, i) => generateOrder(SHOP, catalog, i)).map((o) => [String(o.id), o]));
    for (const id of orderIds(planted, "other-currency")) {
      const order = orders.get(id)!;
      expect(byId.get(id)?.revenue.toFixed(2), id).not.toBe(order.totalPrice);
      expect(byId.get(id)?.revenue.toFixed(2), id).toBe((Math.round(Math.round(Number(order.totalPrice) * 100) * 0.92 * 1.085) / 100).toFixed(2));
    }
    expect(stored.every((r) => r.currency === "USD")).toBe(true);

    const second = await syncGa4(connection.id, sync);
    const again = await counts(second.jobRunId);
    expect(again).toMatchObject({ recordsInserted: 0, recordsUpdated: 0, recordsDeleted: 0 });
    expect(again.recordsUnchanged).toBe(again.recordsRead);
    // Only the trailing days were read again.
    const trailing = rowsOf(reportedDays(sandbox(), { from: addDays(today(), -2), to: today(), now: clock.now() })).length;
    expect(again.recordsRead).toBe(trailing);
    expect(await storedDays(connection.id)).toEqual(want);
  }, 120_000);

  it("adds a purchase GA4 processed late once a later run re-reads its day, reading a day longer than a page whole", async () => {
    const late = generatedPurchases(SEED, SHOP).planted.filter((p) => p.treatment === "late").at(-1)!;
    const purchase = sandbox().property.events.find((e) => e.transactionId === String(late.orderId))!;
    const day = dayIn(DEMO_PROPERTY.timeZone)(purchase.at);
    clock.set(purchase.at + 12 * 3_600_000);
    const firstToday = today();
    const connection = await ga4Connection(sandbox());
    await syncGa4(connection.id, tuned().sync);
    expect((await storedDays(connection.id)).get(day)?.some((row) => row.startsWith(`${late.orderId}|`)) ?? false).toBe(false);

    // Two days on: GA4 has processed it (24-48 h). Pages of one row: every day spans pages.
    clock.advance(48 * 3_600_000);
    const { sync, statuses } = tuned({ pageSize: 1 });
    const later = await syncGa4(connection.id, sync);
    expect((await storedDays(connection.id)).get(day)).toContainEqual(expect.stringMatching(new RegExp(`^${late.orderId}\\|`)));
    expect(await storedDays(connection.id)).toEqual(reportedDays(sandbox(), { from: monthsBefore(firstToday, BACKFILL_MONTHS), to: today(), now: clock.now() }));
    // From the first run's trailing days on, a page a row.
    const reread = rowsOf(reportedDays(sandbox(), { from: addDays(firstToday, -2), to: today(), now: clock.now() })).length;
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(reread);
    expect(await counts(later.jobRunId)).toMatchObject({ recordsDeleted: 0, recordsUpdated: 0 });
    // The access token the connection began with expired on the sandbox's clock: a 401, then a refreshed one.
    expect(statuses).toContain(401);
  }, 120_000);

  it("reads the same report through a service account's key file", async () => {
    // The key's assertion is signed on the real clock, which the sandbox checks it against.
    clock.set(Date.now());
    const connection = await ga4ServiceAccountConnection(sandbox());
    const { sync, statuses } = tuned({ pageSize: 400 });
    await syncGa4(connection.id, sync);
    expect(await storedDays(connection.id)).toEqual(reportedDays(sandbox(), { from: monthsBefore(today(), BACKFILL_MONTHS), to: today(), now: clock.now() }));
    expect(statuses.every((s) => s === 200)).toBe(true);
  }, 60_000);

  it("fails the run saying what to do when the account is no longer a user of the property", async () => {
    clock.set(EPOCH);
    const connection = await ga4Connection(sandbox());
    await ga4Control(sandbox(), "setPropertyUser", { email: "marketing@demo-brand.example", user: false });
    try {
      const { sync, statuses } = tuned();
      await expect(syncGa4(connection.id, sync)).rejects.toThrow(
        "The Google account that connected is not a user of property Demo Brand: in GA4 Admin → Property access management, add it as a Viewer, then try again",
      );
      // Refused once: retrying cannot help.
      expect(statuses).toEqual([403]);
    } finally {
      await ga4Control(sandbox(), "setPropertyUser", { email: "marketing@demo-brand.example", user: true });
    }
  }, 60_000);

  it("resumes a run killed midway at the day after the last one stored", async () => {
    clock.set(EPOCH);
    const connection = await ga4Connection(sandbox());
    const onePageABatch = tuned({ batchBudgetMs: 0, concurrency: 1 }).sync;
    const killed = await syncGa4(connection.id, onePageABatch, { killAfter: { stream: "purchases", batches: 3 } });
    expect(killed.stopped).toBe(true);
    const partial = killed.reads.purchases!;
    expect(partial).toBeGreaterThan(0);

    const resumed = await syncGa4(connection.id, tuned().sync);
    const want = reportedDays(sandbox(), { from: monthsBefore(today(), BACKFILL_MONTHS), to: today(), now: clock.now() });
    expect(partial + resumed.reads.purchases!).toBe(rowsOf(want).length);
    expect(await storedDays(connection.id)).toEqual(want);
  }, 120_000);
});
