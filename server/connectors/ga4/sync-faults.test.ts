import { describe, expect, it, vi } from "vitest";
import { ManualClock } from "@/dev/sandbox/_kit/clock";
import { DEMO_PROPERTY } from "@/dev/sandbox/ga4";
import { dayIn } from "@/dev/sandbox/ga4/report";
import { ga4Connection, ga4Control, ga4SandboxPerFile, reportedDays, storedDays, syncGa4 } from "@/dev/test/sandbox-ga4";
import { AllowanceExhaustedError } from "@/server/connectors/_core/errors";
import type { RequestEvent } from "@/server/connectors/_core/http";
import type { ConnectorSync } from "@/server/connectors/_core/sync";
import { db } from "@/server/db";
import { monthsBefore } from "./days";
import { nextHour } from "./quota";
import { createGa4Sync, type Ga4SyncOptions } from "./sync";

// The GA4 sync against a sandbox GA4 whose property has only a few tokens an hour: the sync stops
// asking once the hour's tokens are spent and sleeps until the next hour; when another user of the
// property spent them first, Google's 429 RESOURCE_EXHAUSTED is that same pause; a 429 for a
// moment (Retry-After), 5xx answers and requests never answered are retried within the batch.
// Whatever happens, the run ends with the database equal to the property's report. While the run
// sleeps, the sandbox's clock moves on to when it wakes (the sleep of sync-connection).

const { SANDBOX_PORT } = await vi.hoisted(async () => ({ SANDBOX_PORT: await (await import("@/dev/test/ga4-sandbox-env")).pointGa4AtFreePort() }));

const EPOCH = Date.UTC(2026, 9, 15, 12, 30);
const SHOP = { seed: 11, volume: { orders: 200 }, epoch: EPOCH };
const TOKENS_PER_HOUR = 4;
const clock = new ManualClock(EPOCH);
const sandbox = ga4SandboxPerFile({ seed: "ga4-sync-faults", shop: SHOP, clock, port: SANDBOX_PORT, quotas: { tokensPerHour: TOKENS_PER_HOUR } });

/** Pages of 20 rows (about ten a backfill), the whole history; each pause moves the sandbox's clock to its end. */
function tuned(options: Ga4SyncOptions = {}) {
  const statuses: number[] = [];
  const pauses: { at: number; resumeAt: number }[] = [];
  const onRequest = (e: RequestEvent) => void statuses.push(e.status ?? 0);
  const sync = createGa4Sync({ now: () => clock.now(), backfillMonths: 25, pageSize: 20, quotaReserve: 0, timeoutMs: 300, onRequest, ...options });
  const sleeping: ConnectorSync = {
    ...sync,
    async *read(ctx, stream, from) {
      try {
        yield* sync.read(ctx as never, stream, from);
      } catch (error) {
        if (error instanceof AllowanceExhaustedError) {
          pauses.push({ at: clock.now(), resumeAt: error.resumeAt });
          clock.set(error.resumeAt);
        }
        throw error;
      }
    },
  };
  return { sync: sleeping, statuses, pauses };
}

const today = () => dayIn(DEMO_PROPERTY.timeZone)(clock.now());

/** A new hour, then a connection and what the property reports from it. */
async function begin() {
  clock.set(nextHour(clock.now()));
  const connection = await ga4Connection(sandbox());
  const want = () => reportedDays(sandbox(), { from: monthsBefore(today(), 25), to: today(), now: clock.now() });
  return { connection, want };
}

async function countsAddUp(jobRunId: string) {
  const run = await db.jobRun.findUniqueOrThrow({ where: { id: jobRunId } });
  expect(run.recordsRead).toBe(run.recordsInserted + run.recordsUpdated + run.recordsUnchanged + run.recordsDeleted);
}

describe("GA4 sync under quotas and faults", () => {
  it("stops asking once the hour's tokens are spent, sleeps until the next hour and goes on, never refused", async () => {
    const { connection, want } = await begin();
    const expected = want();
    const { sync, statuses, pauses } = tuned();
    const run = await syncGa4(connection.id, sync);
    expect(statuses.filter((s) => s === 429)).toEqual([]);
    expect(pauses.length).toBeGreaterThanOrEqual(2);
    for (const pause of pauses) expect(pause.resumeAt).toBe(nextHour(pause.at));
    expect(await storedDays(connection.id)).toEqual(expected);
    await countsAddUp(run.jobRunId);
  }, 120_000);

  it("when another user of the property spent the hour, Google's 429 pauses the run until the next hour, and nothing is lost", async () => {
    const { connection, want } = await begin();
    const expected = want();
    const other = await ga4Control<{ access_token: string }>(sandbox(), "issueUserGrant", { email: "analyst@demo-brand.example" });
    const report = () =>
      fetch(`${sandbox().url}/v1beta/properties/${DEMO_PROPERTY.id}:runReport`, {
        method: "POST",
        headers: { authorization: `Bearer ${other.access_token}` },
        body: JSON.stringify({ dateRanges: [{ startDate: "today", endDate: "today" }], metrics: [{ name: "ecommercePurchases" }] }),
      });
    for (let i = 0; i < TOKENS_PER_HOUR; i++) expect((await report()).status).toBe(200);
    const spentAt = clock.now();

    const { sync, statuses, pauses } = tuned();
    const run = await syncGa4(connection.id, sync);
    expect(statuses[0]).toBe(429);
    expect(pauses[0]).toEqual({ at: spentAt, resumeAt: nextHour(spentAt) });
    expect(statuses.filter((s) => s === 429)).toHaveLength(1);
    expect(await storedDays(connection.id)).toEqual(expected);
    await countsAddUp(run.jobRunId);
  }, 120_000);

  it("retries a 429 for a moment, 5xx answers and requests never answered within the batch, and ends equal to the report", async () => {
    const { connection, want } = await begin();
    const expected = want();
    for (const fault of [
      { point: "report", kind: "429", retryAfterSeconds: 0 },
      { point: "report", kind: "5xx", status: 503 },
      { point: "report", kind: "timeout" },
      { point: "report", kind: "5xx", status: 500 },
    ]) {
      await ga4Control(sandbox(), "injectFault", fault);
    }
    // One report at a time, so the faults meet the pages in order.
    const { sync, statuses } = tuned({ concurrency: 1, quotaReserve: 0 });
    const run = await syncGa4(connection.id, sync);
    expect(statuses.slice(0, 5)).toEqual([429, 503, 0, 500, 200]);
    expect(run.failures).toBe(0);
    expect(await storedDays(connection.id)).toEqual(expected);
    await countsAddUp(run.jobRunId);
  }, 120_000);
});
