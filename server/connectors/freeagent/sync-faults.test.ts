import { describe, expect, it, vi } from "vitest";
import { ManualClock } from "@/dev/sandbox/freeagent";
import { rngFor, type Rng } from "@/dev/sandbox/_kit/random";
import { freeAgentSandboxPerFile } from "@/dev/test/freeagent-sandbox-per-file";
import { faultsAtRandom as randomFaults } from "@/dev/test/random-faults";
import { freeagentConnection, freeagentSync, sandboxSnapshot, storedSnapshot, syncFreeAgent } from "@/dev/test/sandbox-freeagent";
import type { RequestEvent } from "@/server/connectors/_core/http";
import { db } from "@/server/db";

// Proof that the FreeAgent sync ends with the database equal to the sandbox FreeAgent when
// FreeAgent fails at random points: 429s (the window the message names marked full in the shared
// allowance, and waited out), 5xx, truncated bodies and requests never answered, some in a row
// long enough to exhaust the client's attempts so the engine retries the batch; also when a run is
// killed at a random page and resumed. The faults come from a seeded random generator: the seed is
// printed, and FREEAGENT_FAULT_SEED=<seed> repeats a run's faults.

const { SANDBOX_PORT } = await vi.hoisted(async () => ({ SANDBOX_PORT: await (await import("@/dev/test/freeagent-sandbox-env")).pointFreeAgentAtFreePort() }));

const SEED = Number(process.env.FREEAGENT_FAULT_SEED ?? Math.floor(Math.random() * 2 ** 31));
console.log(`FreeAgent sync faults: seed ${SEED} (FREEAGENT_FAULT_SEED=${SEED} repeats them)`);

const EPOCH = Date.UTC(2026, 9, 15);
const clock = new ManualClock(EPOCH);
const sandbox = freeAgentSandboxPerFile({
  seed: "connector-sync-faults",
  epoch: EPOCH,
  volume: { bankTransactions: 50, invoices: 20, bills: 10, contacts: 12, accountingTransactions: 30 },
  clock,
  port: SANDBOX_PORT,
});
/** FreeAgent's windows compressed to a second (a 429 fills it: waited out in at most a second of real time). */
const WINDOWS = [{ seconds: 1, limit: 120 }];
const PAGE = 8;

/** Faults before about half of the batches (their 429s to be retried at once), and 5xx enough at one to fail it. */
const faultsAtRandom = (rng: Rng) =>
  randomFaults(sandbox().faults, rng, {
    // The backfill reads 10 pages without faults: the batch failed is one of them.
    exhaustAtMost: 9,
    retryAfterSeconds: () => 0,
    // Time passes at FreeAgent between batches (its minute's window empties every few batches),
    // less than its access tokens' hour over a whole test.
    beforeEach: () => clock.advance(20_000),
  });

/** A page a batch; waits for the allowance inside the batch; a request never answered given up after 300 ms. */
function faultTolerantSync() {
  const statuses: number[] = [];
  const onRequest = (e: RequestEvent) => void statuses.push(e.status ?? 0);
  return { sync: freeagentSync({ pageSize: PAGE, batchBudgetMs: 3_000, timeoutMs: 300, onRequest }, WINDOWS), statuses };
}

async function countsOf(jobRunId: string) {
  const { recordsRead: read, recordsInserted: inserted, recordsUpdated: updated, recordsUnchanged: unchanged, recordsDeleted: deleted } = await db.jobRun.findUniqueOrThrow({ where: { id: jobRunId } });
  expect(read).toBe(inserted + updated + unchanged + deleted);
  return { read, inserted, updated, unchanged, deleted };
}

describe("FreeAgent sync under faults and kills", () => {
  it("a backfill with faults at random points ends equal to FreeAgent", async () => {
    const connection = await freeagentConnection(sandbox());
    const { sync, statuses } = faultTolerantSync();
    const faults = faultsAtRandom(rngFor(SEED, "backfill", 0));
    const run = await syncFreeAgent(connection.id, sync, { beforeBatch: faults.beforeBatch });
    console.log(`backfill: ${faults.injected.length} faults injected (${faults.injected.join(", ")}), ${sandbox().faults.fired.api} answered, ${run.failures} batches retried`);
    sandbox().faults.clear();
    expect(run.stopped).toBe(false);
    expect(faults.exhausted).toBe(true);
    expect(run.failures).toBeGreaterThan(0);
    expect(statuses.some((s) => s >= 500)).toBe(true);
    await countsOf(run.jobRunId);
    expect(await storedSnapshot(connection.id)).toEqual(sandboxSnapshot(sandbox()));
  }, 120_000);

  it("a 429 (its window marked full in the shared allowance: client.test.ts) is waited out, and the read goes on", async () => {
    const connection = await freeagentConnection(sandbox());
    const { sync, statuses } = faultTolerantSync();
    sandbox().faults.add({ point: "api", kind: "429", retryAfterSeconds: 1 });
    await syncFreeAgent(connection.id, sync);
    expect(statuses.filter((s) => s === 429)).toHaveLength(1);
    expect(await storedSnapshot(connection.id)).toEqual(sandboxSnapshot(sandbox()));
  }, 60_000);

  it("a run killed at a random page, under faults, resumes at the page after the last one stored and ends equal to FreeAgent", async () => {
    const rng = rngFor(SEED, "kill", 0);
    const connection = await freeagentConnection(sandbox());
    const { sync } = faultTolerantSync();
    const onePageABatch = freeagentSync({ pageSize: PAGE, batchBudgetMs: 0, timeoutMs: 300 }, WINDOWS);
    const stream = rng.pick(["invoices", "bankTransactions", "ledgerTransactions"] as const);
    // Fewer pages than the smallest of these streams has (20 invoices at 8 a page: 3), so the kill lands inside it.
    const batches = rng.int(1, 2);
    console.log(`kill: after ${batches} pages of ${stream}`);
    const killed = await syncFreeAgent(connection.id, onePageABatch, { killAfter: { stream, batches } });
    expect(killed.stopped).toBe(true);
    const partial = killed.reads[stream]!;
    expect(partial).toBeGreaterThan(0);

    clock.advance(60_000);
    const faults = faultsAtRandom(rng);
    const resumed = await syncFreeAgent(connection.id, sync, { beforeBatch: faults.beforeBatch });
    sandbox().faults.clear();
    expect(resumed.stopped).toBe(false);
    expect(resumed.reads[stream]! + partial).toBe(sandboxSnapshot(sandbox()).counts[stream === "invoices" ? "invoices" : stream === "bankTransactions" ? "bank_transactions" : "accounting_transactions"]);
    expect(await countsOf(resumed.jobRunId)).toMatchObject({ updated: 0, deleted: 0 });
    expect(await storedSnapshot(connection.id)).toEqual(sandboxSnapshot(sandbox()));
  }, 120_000);
});
